package org.mhcs.cli;

import java.io.PrintStream;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.conform.CodeSystem;
import org.mhcs.conform.ServiceLines;
import org.mhcs.conform.ServiceLines.Mapping;
import org.mhcs.conform.ServiceLines.ServiceLine;

/**
 * {@code ./mhcs service-lines}: the national service lines with how many codes of each source map
 * to them in a month, and {@code --check} to validate the mapping files.
 */
public final class ServiceLinesCommand implements Command {
  @Override
  public String name() {
    return "service-lines";
  }

  @Override
  public String summary() {
    return "Print the service-line catalogue with its codes, or check the mapping files."
        + "\nThe catalogue (conf/service_lines.csv) shows the codes each source maps to every"
        + "\nline (conf/service_line_maps/); --check looks for unknown ids, overlapping effective"
        + "\nperiods, duplicate codes and unmapped national codes.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.flag("check", "only validate the mapping files; exit 1 listing every problem"),
        Option.optional(
            "month", "YYYY-MM", null, "count the mappings in effect in this month (default: now)"),
        Option.optional(
            "conf",
            "FOLDER",
            null,
            "read a conf/ folder on disk instead of the one built in (to check an edit first)"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    ConfFiles conf =
        args.get("conf") == null
            ? ConfFiles.bundled()
            : ConfFiles.directory(args.existingFolder("conf"));
    // Problems with the files surface as a ConfigException listing all of them (exit 1).
    CodeLists codeLists = CodeLists.bundled();
    ServiceLines lines = ServiceLines.load(conf, codeLists);
    if (args.flag("check")) {
      out.printf(
          "OK: mapping %s, %,d rows in %d files; every code of the national code lists is mapped"
              + " or excluded in every month it is valid.%n",
          lines.version(), lines.mappings().size(), CodeSystem.values().length);
      return ExitCode.OK;
    }
    out.print(render(lines, codeLists, month(args)));
    return ExitCode.OK;
  }

  private static YearMonth month(Arguments args) {
    if (args.get("month") == null) {
      return YearMonth.now();
    }
    return args.period("month").month();
  }

  /**
   * The catalogue as a table, each line with the codes per code system mapped to it in {@code
   * month} (a national code only while its code list says it is valid).
   */
  static String render(ServiceLines lines, CodeLists codeLists, YearMonth month) {
    Map<CodeSystem, Set<String>> valid = new EnumMap<>(CodeSystem.class);
    for (CodeSystem s : CodeSystem.values()) {
      if (s.codeList() != null) {
        valid.put(
            s,
            codeLists.codesValidIn(s.codeList(), month.atDay(1), month.atEndOfMonth()).stream()
                .map(c -> c.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet()));
      }
    }
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (Mapping m : lines.mappings()) {
      boolean validCode =
          m.orgCode() != null
              || !valid.containsKey(m.system())
              || valid.get(m.system()).contains(m.code().toUpperCase(Locale.ROOT));
      if (m.holdsIn(month) && validCode) {
        counts
            .computeIfAbsent(m.target(), k -> new TreeMap<>())
            .merge(m.system().id() + (m.orgCode() == null ? "" : " (local)"), 1, Integer::sum);
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "Service lines, mapping %s, codes in effect in %s:%n%n", lines.version(), month));
    b.append(
        String.format("%-30s %-38s %-17s %-10s %s%n", "id", "name", "sector", "setting", "codes"));
    for (ServiceLine l : lines.lines()) {
      b.append(
          String.format(
              "%-30s %-38s %-17s %-10s %s%n",
              l.id(), l.name(), l.sector(), l.setting(), describe(counts.get(l.id()))));
    }
    b.append(
        String.format(
            "%nDeliberately excluded: %s%n", describe(counts.get(ServiceLines.EXCLUDED))));
    b.append(String.format("%nProcurement categories:%n"));
    lines
        .categories()
        .forEach(
            (id, name) ->
                b.append(String.format("%-30s %-38s %s%n", id, name, describe(counts.get(id)))));
    return b.toString();
  }

  private static String describe(Map<String, Integer> bySystem) {
    if (bySystem == null) {
      return "none mapped";
    }
    return bySystem.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
