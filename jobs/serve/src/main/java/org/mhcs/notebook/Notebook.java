package org.mhcs.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mhcs.notebook.SqlStatements.Statement;

/**
 * An analyst notebook in Databricks' SQL source format: the first line {@code -- Databricks
 * notebook source}, cells separated by a line {@code -- COMMAND ----------}, markdown cells as
 * {@code -- MAGIC %md} lines, an optional {@code -- DBTITLE 1,Title} line, and parameters declared
 * as widgets ({@code CREATE WIDGET TEXT name DEFAULT 'value'}) and used as named parameter markers
 * ({@code :name}), as Databricks Runtime 15.2 and later bind them. Parsing checks everything that
 * can be checked without Spark, and reports every problem at once with its line.
 */
public final class Notebook {
  public static final String HEADER = "-- Databricks notebook source";
  public static final String SEPARATOR = "-- COMMAND ----------";
  private static final String MAGIC = "-- MAGIC";
  private static final String TITLE = "-- DBTITLE ";

  private static final Pattern WIDGET =
      Pattern.compile(
          "CREATE\\s+WIDGET\\s+(\\w+)\\s+(\\w+)\\s+DEFAULT\\s+('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")"
              + "(\\s+CHOICES\\s.*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Set<String> WIDGET_TYPES = Set.of("TEXT", "DROPDOWN", "COMBOBOX");

  /** Statements that only read, by their first keyword; CREATE and DROP are checked further. */
  private static final Set<String> READING =
      Set.of(
          "SELECT",
          "WITH",
          "VALUES",
          "TABLE",
          "FROM",
          "SHOW",
          "DESCRIBE",
          "DESC",
          "EXPLAIN",
          "USE",
          "SET",
          "RESET",
          "CACHE",
          "UNCACHE",
          "CLEAR",
          "(");

  private static final Pattern TEMP_VIEW =
      Pattern.compile(
          "CREATE\\s+(OR\\s+REPLACE\\s+)?(GLOBAL\\s+)?TEMP(ORARY)?\\s+VIEW\\s.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern DROP_VIEW =
      Pattern.compile("DROP\\s+VIEW\\s.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern REMOVE_WIDGET =
      Pattern.compile("REMOVE\\s+WIDGET\\s+\\w+", Pattern.CASE_INSENSITIVE);
  private static final Pattern WRITES =
      Pattern.compile("\\b(INSERT|UPDATE|DELETE|MERGE)\\b", Pattern.CASE_INSENSITIVE);

  /** Cell kinds: SQL runs, markdown renders. */
  public enum Kind {
    SQL,
    MARKDOWN
  }

  /**
   * One cell.
   *
   * @param number 1-based, counting the cells that are not empty
   * @param line line of the cell's first line in the file
   * @param source the cell as written in the file (for the round trip and the HTML)
   * @param title the {@code DBTITLE} of the cell, else null
   * @param text markdown without its {@code -- MAGIC} prefixes, or the SQL
   * @param steps the SQL cell's statements in order, widgets among them
   * @param chart the chart the cell asks for, if any
   */
  public record Cell(
      int number,
      int line,
      Kind kind,
      String source,
      String title,
      String text,
      List<Step> steps,
      Optional<ChartSpec> chart) {}

  /** A statement of a SQL cell: a widget declaration the runner handles, or SQL for Spark. */
  public sealed interface Step permits Widget, Query {
    int line();
  }

  /** {@code CREATE WIDGET TEXT name DEFAULT 'value'}: a parameter and its default. */
  public record Widget(String name, String defaultValue, int line) implements Step {}

  /**
   * A statement for Spark.
   *
   * @param parameters the widgets it uses as {@code :name} markers
   */
  public record Query(String sql, int line, Set<String> parameters) implements Step {}

  private final String name;
  private final List<Cell> cells;
  private final Map<String, Widget> widgets;

  private Notebook(String name, List<Cell> cells, Map<String, Widget> widgets) {
    this.name = name;
    this.cells = List.copyOf(cells);
    this.widgets = widgets;
  }

  /** Reads a notebook file (UTF-8); {@code name} is how messages refer to it. */
  public static Notebook read(Path file, String name) {
    try {
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read notebook " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses Databricks SQL source text.
   *
   * @throws NotebookException listing every problem, each as {@code name line N: ...}
   */
  public static Notebook parse(String name, String text) {
    List<String> lines = text.lines().toList();
    List<String> problems = new ArrayList<>();
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new NotebookException(
          name
              + " line 1: not a Databricks notebook source file; its first line must be '"
              + HEADER
              + "' (Databricks' File > Export > Source file writes it)");
    }
    List<Cell> cells = new ArrayList<>();
    Map<String, Widget> widgets = new LinkedHashMap<>();
    int start = 1;
    int number = 1;
    for (int i = 1; i <= lines.size(); i++) {
      if (i == lines.size() || lines.get(i).strip().equals(SEPARATOR)) {
        if (lines.subList(start, i).stream().anyMatch(l -> !l.isBlank())) {
          cell(name, lines, start, i, number++, widgets, problems).ifPresent(cells::add);
        }
        start = i + 1;
      }
    }
    if (!problems.isEmpty()) {
      throw new NotebookException(problems);
    }
    return new Notebook(name, cells, widgets);
  }

  /** Lines {@code from} (inclusive) to {@code to} (exclusive, 0-based) as a cell, if not empty. */
  private static Optional<Cell> cell(
      String name,
      List<String> lines,
      int from,
      int to,
      int number,
      Map<String, Widget> widgets,
      List<String> problems) {
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    if (from == to) {
      return Optional.empty();
    }
    int line = from + 1;
    String source = String.join("\n", lines.subList(from, to));
    String title = null;
    int body = from;
    if (lines.get(body).startsWith(TITLE)) {
      String t = lines.get(body).substring(TITLE.length());
      title = t.contains(",") ? t.substring(t.indexOf(',') + 1).strip() : t.strip();
      body++;
    }
    String where = name + " line ";
    if (body < to && lines.get(body).startsWith(MAGIC)) {
      List<String> magic = new ArrayList<>();
      for (int i = body; i < to; i++) {
        String l = lines.get(i);
        if (!l.startsWith(MAGIC)) {
          problems.add(where + (i + 1) + ": a magic cell's lines all start with '-- MAGIC'");
          continue;
        }
        magic.add(l.length() > MAGIC.length() + 1 ? l.substring(MAGIC.length() + 1) : "");
      }
      String first = magic.get(0).strip();
      String command = first.split("\\s+", 2)[0];
      if (!command.equals("%md")) {
        problems.add(
            where
                + (body + 1)
                + ": cell "
                + number
                + " is a "
                + command
                + " cell; ./mhcs notebook runs SQL and %md cells only");
        return Optional.empty();
      }
      magic.set(0, first.length() > 3 ? first.substring(3).strip() : "");
      if (magic.get(0).isEmpty()) {
        magic.remove(0);
      }
      return Optional.of(
          new Cell(
              number,
              line,
              Kind.MARKDOWN,
              source,
              title,
              String.join("\n", magic),
              List.of(),
              Optional.empty()));
    }
    String sql = String.join("\n", lines.subList(body, to));
    Optional<ChartSpec> chart = Optional.empty();
    for (int i = body; i < to; i++) {
      if (ChartSpec.isDirective(lines.get(i))) {
        try {
          if (chart.isPresent()) {
            throw new IllegalArgumentException("a cell has one chart line");
          }
          chart = Optional.of(ChartSpec.parse(lines.get(i)));
        } catch (IllegalArgumentException e) {
          problems.add(where + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    List<Step> steps = new ArrayList<>();
    List<Statement> statements = SqlStatements.split(sql, body + 1);
    for (Statement s : statements) {
      step(s, where + s.line() + ": ", widgets, problems).ifPresent(steps::add);
    }
    if (statements.isEmpty()) {
      problems.add(where + line + ": cell " + number + " holds no SQL statement");
    }
    return Optional.of(new Cell(number, line, Kind.SQL, source, title, sql, steps, chart));
  }

  private static Optional<Step> step(
      Statement s, String where, Map<String, Widget> widgets, List<String> problems) {
    String code = SqlStatements.withoutComments(s.text());
    String keyword = code.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
    if (code.startsWith("(")) {
      keyword = "(";
    }
    if (code.toUpperCase(Locale.ROOT).matches("CREATE\\s+WIDGET\\s.*")) {
      Matcher m = WIDGET.matcher(code);
      if (!m.matches()) {
        problems.add(where + "write a widget as CREATE WIDGET TEXT name DEFAULT 'value'");
        return Optional.empty();
      }
      if (!WIDGET_TYPES.contains(m.group(1).toUpperCase(Locale.ROOT))) {
        problems.add(
            where
                + "widget type "
                + m.group(1)
                + " is not supported here; use TEXT (or DROPDOWN, COMBOBOX: their default is used)");
        return Optional.empty();
      }
      Widget w = new Widget(m.group(2), unquote(m.group(3)), s.line());
      widgets.putIfAbsent(w.name(), w);
      return Optional.of(w);
    }
    if (REMOVE_WIDGET.matcher(code).matches()) {
      return Optional.empty();
    }
    boolean reads =
        READING.contains(keyword)
            || TEMP_VIEW.matcher(code).matches()
            || DROP_VIEW.matcher(code).matches();
    if (reads && (keyword.equals("WITH") || keyword.equals("FROM") || keyword.equals("("))) {
      Matcher w = WRITES.matcher(code);
      reads = !w.find();
      keyword = reads ? keyword : w.group(1).toUpperCase(Locale.ROOT);
    }
    if (!reads) {
      problems.add(
          where
              + keyword
              + " would change the warehouse; notebooks only read it (SELECT, WITH, SHOW,"
              + " DESCRIBE, EXPLAIN, USE, SET, CACHE, CREATE TEMPORARY VIEW, DROP VIEW)");
      return Optional.empty();
    }
    Set<String> parameters = SqlStatements.parameters(s.text());
    for (String p : parameters) {
      if (!widgets.containsKey(p)) {
        problems.add(
            where
                + ":"
                + p
                + " is not a parameter of this notebook; declare it first, e.g. CREATE WIDGET"
                + " TEXT "
                + p
                + " DEFAULT '...'"
                + (widgets.isEmpty()
                    ? ""
                    : " (declared: " + String.join(", ", widgets.keySet()) + ")"));
      }
    }
    return Optional.of(new Query(s.text(), s.line(), parameters));
  }

  /** A SQL string literal's value: quotes removed, backslash escapes applied as Spark does. */
  private static String unquote(String literal) {
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        char e = literal.charAt(++i);
        value.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '0' -> '\0';
              default -> e;
            });
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  public String name() {
    return name;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** Every widget the notebook declares, by name, in order of declaration. */
  public Map<String, Widget> widgets() {
    return widgets;
  }

  /** The title: the notebook's first markdown heading, else its name. */
  public String title() {
    for (Cell c : cells) {
      if (c.kind() == Kind.MARKDOWN) {
        for (String l : c.text().lines().toList()) {
          if (l.startsWith("#")) {
            return l.replaceFirst("^#+\\s*", "").strip();
          }
        }
      }
    }
    return name;
  }

  /** The notebook as Databricks writes it: cells between blank lines around each separator. */
  public String toSource() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append("\n\n").append(SEPARATOR).append("\n\n");
      }
      out.append(cells.get(i).source());
    }
    return out.append('\n').toString();
  }
}
