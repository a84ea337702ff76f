package org.mhcs.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart a SQL cell asks for with a comment line, e.g. {@code -- chart: bar x=org_code y=value}:
 * bars of the result's {@code y} column(s) (comma-separated for several series) against its {@code
 * x} column, in result order, with an optional {@code title="..."}. Databricks reads the line as a
 * comment, so the notebook runs there unchanged.
 */
public record ChartSpec(String type, String x, List<String> y, String title) {
  /** The one chart type the notebooks need; the line names it so more can follow. */
  public static final String BAR = "bar";

  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*chart\\s*:(.*)$");
  private static final Pattern SETTING =
      Pattern.compile("\\s*([a-z]+)=(\"[^\"]*\"|[^\\s\"]+)\\s*", Pattern.CASE_INSENSITIVE);

  /** Whether a line of a cell is a chart line (then {@link #parse} reads it). */
  static boolean isDirective(String line) {
    return DIRECTIVE.matcher(line).matches();
  }

  /**
   * Reads a chart line.
   *
   * @throws IllegalArgumentException saying what is wrong and what the line should look like
   */
  static ChartSpec parse(String line) {
    Matcher m = DIRECTIVE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a chart line: " + line);
    }
    String rest = m.group(1).strip();
    String[] head = rest.split("\\s+", 2);
    String type = head[0].toLowerCase(Locale.ROOT);
    if (!type.equals(BAR)) {
      throw new IllegalArgumentException(
          "chart type '" + head[0] + "' is not supported; write -- chart: bar x=COLUMN y=COLUMN");
    }
    String x = null;
    List<String> y = new ArrayList<>();
    String title = null;
    Matcher s = SETTING.matcher(head.length > 1 ? head[1] : "");
    int at = 0;
    while (s.lookingAt()) {
      String key = s.group(1).toLowerCase(Locale.ROOT);
      String value = s.group(2).startsWith("\"") ? s.group(2).replace("\"", "") : s.group(2);
      switch (key) {
        case "x" -> x = value;
        case "y" -> y.addAll(List.of(value.split(",")));
        case "title" -> title = value;
        default ->
            throw new IllegalArgumentException(
                "chart setting '" + key + "' is not one of x, y, title");
      }
      at = s.end();
      s.region(at, s.regionEnd());
    }
    if (at < (head.length > 1 ? head[1].length() : 0)) {
      throw new IllegalArgumentException(
          "cannot read '" + head[1].substring(at) + "'; settings are key=value or key=\"a value\"");
    }
    if (x == null || y.isEmpty() || y.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "a bar chart needs x=COLUMN and y=COLUMN[,COLUMN...], e.g. -- chart: bar x=org_code"
              + " y=value");
    }
    return new ChartSpec(type, x, List.copyOf(y), title);
  }
}
