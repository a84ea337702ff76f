package org.mhcs.conform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.conf.ConfTable;
import org.mhcs.conf.ConfigException;
import org.mhcs.warehouse.Columns;

/**
 * The national service lines ({@code conf/service_lines.csv}), the procurement categories ({@code
 * conf/procurement_categories.csv}) and the mapping of every source's codes to them ({@code
 * conf/service_line_maps/}, one file per {@link CodeSystem}), checked on load: a run never starts
 * on a mapping with unknown ids, overlapping effective periods, duplicate codes, or a national code
 * that is neither mapped nor deliberately excluded.
 *
 * <p>Each mapping row holds for months {@code effective_from} to {@code effective_to} (YYYY-MM,
 * inclusive; blank = without limit), so a definition can change from a later month without
 * rewriting earlier ones. The mapping version, recorded on every conformed row, is the version
 * declared in {@code service_line_maps/version.txt} plus a fingerprint of all the files, so an edit
 * that forgets to bump the version still shows.
 *
 * <p>Loading and checking need no Spark; {@link ServiceLineLookup} applies the mappings to rows.
 */
public final class ServiceLines {
  /** The target of a code deliberately left out of every service line (or category). */
  public static final String EXCLUDED = "excluded";

  /** {@code mapping_status} values. */
  public static final String MAPPED = "mapped";

  public static final String UNMAPPED = "unmapped";

  static final String CATALOGUE = "service_lines.csv";
  static final String CATEGORIES = "procurement_categories.csv";
  static final String VERSION = CodeSystem.FOLDER + "/version.txt";
  private static final Set<String> SECTORS = Set.of("community health", "mental health");
  private static final Set<String> SETTINGS = Set.of("community", "inpatient");

  /** Mappings by first month, those without one (since always) first. */
  private static final Comparator<Mapping> FROM_EARLIEST =
      Comparator.comparing(Mapping::from, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** One national service line. */
  public record ServiceLine(
      String id, String name, String sector, String setting, String description) {}

  /**
   * One row of a mapping file.
   *
   * @param orgCode the organisation whose local code this is, or null for a national code
   * @param target a service-line or procurement-category id, or {@link #EXCLUDED}
   * @param from first month it holds, or null (since always)
   * @param to last month it holds, or null (still holds)
   */
  public record Mapping(
      CodeSystem system,
      String orgCode,
      String code,
      String target,
      YearMonth from,
      YearMonth to,
      String description,
      long line) {
    public boolean holdsIn(YearMonth month) {
      return (from == null || !month.isBefore(from)) && (to == null || !month.isAfter(to));
    }

    String where() {
      return "conf/" + system.path() + " line " + line;
    }

    String span() {
      return (from == null ? "always" : from) + " to " + (to == null ? "open" : to);
    }
  }

  private final List<ServiceLine> lines;
  private final Map<String, String> categories;
  private final List<Mapping> mappings;
  private final String version;

  private ServiceLines(
      List<ServiceLine> lines,
      Map<String, String> categories,
      List<Mapping> mappings,
      String version) {
    this.lines = lines;
    this.categories = categories;
    this.mappings = mappings;
    this.version = version;
  }

  /** The definitions bundled into the build, as every run uses them. */
  public static ServiceLines bundled() {
    return load(ConfFiles.bundled(), CodeLists.bundled());
  }

  /**
   * Reads and checks the definitions in {@code conf}; national codes are checked against {@code
   * codeLists}.
   *
   * @throws ConfigException listing every problem, each with its file and line
   */
  public static ServiceLines load(ConfFiles conf, CodeLists codeLists) {
    List<String> problems = new ArrayList<>();
    List<ServiceLine> lines = catalogue(conf, problems);
    Map<String, String> categories = new LinkedHashMap<>();
    ConfTable categoryTable =
        ConfTable.read(conf, CATEGORIES, Columns.PROCUREMENT_CATEGORY, "name", "description");
    for (int i = 0; i < categoryTable.rows().size(); i++) {
      Map<String, String> row = categoryTable.rows().get(i);
      if (categories.put(row.get(Columns.PROCUREMENT_CATEGORY), row.get("name")) != null) {
        problems.add(
            categoryTable.file()
                + " line "
                + categoryTable.line(i)
                + ": category '"
                + row.get(Columns.PROCUREMENT_CATEGORY)
                + "' is listed twice");
      }
    }
    Set<String> known = new TreeSet<>();
    for (CodeSystem s : CodeSystem.values()) {
      known.add(s.file());
    }
    known.add("version.txt");
    for (String file : conf.list(CodeSystem.FOLDER)) {
      if (!known.contains(file)) {
        problems.add(
            "conf/"
                + CodeSystem.FOLDER
                + "/"
                + file
                + ": not a mapping file this version reads; the files are "
                + known);
      }
    }
    Set<String> lineIds = lines.stream().map(ServiceLine::id).collect(Collectors.toSet());
    List<Mapping> mappings = new ArrayList<>();
    for (CodeSystem system : CodeSystem.values()) {
      Set<String> targets =
          system.target().equals(Columns.PROCUREMENT_CATEGORY) ? categories.keySet() : lineIds;
      mappings.addAll(read(conf, system, targets, codeLists, problems));
    }
    checkOverlaps(mappings, problems);
    checkCoverage(mappings, codeLists, problems);
    String declared = declaredVersion(conf, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ServiceLines(
        lines, categories, List.copyOf(mappings), declared + "@" + fingerprint(conf));
  }

  public List<ServiceLine> lines() {
    return lines;
  }

  /** Service-line id → name, in catalogue order. */
  public Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    lines.forEach(l -> names.put(l.id(), l.name()));
    return names;
  }

  /** Procurement-category id → name. */
  public Map<String, String> categories() {
    return categories;
  }

  public List<Mapping> mappings() {
    return mappings;
  }

  /** The declared version and a fingerprint of the files, e.g. {@code 2026.1@3f9a0c12}. */
  public String version() {
    return version;
  }

  /** A code as lookups compare it: trimmed, upper case. */
  static String key(String code) {
    return code.trim().toUpperCase(Locale.ROOT);
  }

  private static List<ServiceLine> catalogue(ConfFiles conf, List<String> problems) {
    ConfTable table =
        ConfTable.read(
            conf, CATALOGUE, Columns.SERVICE_LINE, "name", "sector", "setting", "description");
    List<ServiceLine> lines = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < table.rows().size(); i++) {
      Map<String, String> r = table.rows().get(i);
      String at = table.file() + " line " + table.line(i) + ": ";
      String id = r.get(Columns.SERVICE_LINE);
      if (!id.matches("[a-z][a-z0-9_]*") || id.equals(EXCLUDED)) {
        problems.add(
            at
                + "service-line id '"
                + id
                + "' must be lower_snake_case and not '"
                + EXCLUDED
                + "'");
      }
      if (!seen.add(id)) {
        problems.add(at + "service line '" + id + "' is listed twice");
      }
      if (!SECTORS.contains(r.get("sector"))) {
        problems.add(
            at + "sector '" + r.get("sector") + "' must be one of " + new TreeSet<>(SECTORS));
      }
      if (!SETTINGS.contains(r.get("setting"))) {
        problems.add(
            at + "setting '" + r.get("setting") + "' must be one of " + new TreeSet<>(SETTINGS));
      }
      lines.add(
          new ServiceLine(
              id, r.get("name"), r.get("sector"), r.get("setting"), r.get("description")));
    }
    return lines;
  }

  private static List<Mapping> read(
      ConfFiles conf,
      CodeSystem system,
      Set<String> targets,
      CodeLists codeLists,
      List<String> problems) {
    if (!conf.list(CodeSystem.FOLDER).contains(system.file())) {
      problems.add(
          "conf/"
              + system.path()
              + ": missing; create it with the header code,description,"
              + system.target()
              + ",effective_from,effective_to,org_code,note");
      return List.of();
    }
    ConfTable table =
        ConfTable.read(
            conf,
            system.path(),
            "code",
            "description",
            system.target(),
            "effective_from",
            "effective_to");
    Set<String> listed =
        system.codeList() == null
            ? null
            : codeLists.codes(system.codeList()).stream()
                .map(ServiceLines::key)
                .collect(Collectors.toSet());
    List<Mapping> mappings = new ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      Map<String, String> r = table.rows().get(i);
      String at = table.file() + " line " + table.line(i) + ": ";
      String code = r.get("code");
      String org = r.getOrDefault("org_code", "");
      String target = r.get(system.target());
      if (code.isEmpty()) {
        problems.add(at + "code is blank");
        continue;
      }
      if (!target.equals(EXCLUDED) && !targets.contains(target)) {
        problems.add(
            at
                + system.target()
                + " '"
                + target
                + "' is not in conf/"
                + (system.target().equals(Columns.SERVICE_LINE) ? CATALOGUE : CATEGORIES)
                + " (use '"
                + EXCLUDED
                + "' to leave the code out deliberately)");
      }
      if (listed != null && org.isEmpty() && !listed.contains(key(code))) {
        problems.add(
            at
                + "code '"
                + code
                + "' is not in conf/code_lists/"
                + system.codeList()
                + ".csv (a code local to one organisation needs its org_code)");
      }
      if (target.equals(EXCLUDED) && r.getOrDefault("note", "").isEmpty()) {
        problems.add(at + "code '" + code + "' is excluded without a note saying why");
      }
      YearMonth from = month(r.get("effective_from"), at + "effective_from", problems);
      YearMonth to = month(r.get("effective_to"), at + "effective_to", problems);
      if (from != null && to != null && to.isBefore(from)) {
        problems.add(at + "effective_to " + to + " is before effective_from " + from);
      }
      mappings.add(
          new Mapping(
              system,
              org.isEmpty() ? null : org,
              code,
              target,
              from,
              to,
              r.get("description"),
              table.line(i)));
    }
    return mappings;
  }

  private static YearMonth month(String text, String field, List<String> problems) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(field + " '" + text + "' is not a month YYYY-MM (or blank for no limit)");
      return null;
    }
  }

  /** The same code of one organisation (or nationally) may hold only one mapping in any month. */
  private static void checkOverlaps(List<Mapping> mappings, List<String> problems) {
    Map<String, List<Mapping>> byCode = new LinkedHashMap<>();
    for (Mapping m : mappings) {
      byCode
          .computeIfAbsent(
              m.system() + "|" + m.orgCode() + "|" + key(m.code()), k -> new ArrayList<>())
          .add(m);
    }
    for (List<Mapping> same : byCode.values()) {
      same.sort(FROM_EARLIEST);
      for (int i = 1; i < same.size(); i++) {
        Mapping earlier = same.get(i - 1);
        Mapping later = same.get(i);
        boolean overlaps =
            earlier.to() == null || later.from() == null || !later.from().isAfter(earlier.to());
        if (!overlaps) {
          continue;
        }
        boolean duplicate =
            Objects.equals(earlier.from(), later.from())
                && Objects.equals(earlier.to(), later.to());
        String whose = later.orgCode() == null ? "" : " of " + later.orgCode();
        problems.add(
            later.where()
                + ": code '"
                + later.code()
                + "'"
                + whose
                + (duplicate
                    ? " is a duplicate of line " + earlier.line()
                    : " ("
                        + later.span()
                        + ") overlaps line "
                        + earlier.line()
                        + " ("
                        + earlier.span()
                        + "); end the earlier row the month before the later one starts"));
      }
    }
  }

  /**
   * Every code of a national code list must be mapped (or excluded) for every month the list says
   * it is valid ({@code first_month} to {@code last_month}, blank = without limit).
   */
  private static void checkCoverage(
      List<Mapping> mappings, CodeLists codeLists, List<String> problems) {
    for (CodeSystem system : CodeSystem.values()) {
      if (system.codeList() == null || !codeLists.has(system.codeList())) {
        if (system.codeList() != null) {
          problems.add(
              "conf/code_lists/"
                  + system.codeList()
                  + ".csv: missing; "
                  + system.id()
                  + " is checked against it");
        }
        continue;
      }
      for (Map<String, String> code : codeLists.rows(system.codeList())) {
        YearMonth first = blankToNull(code.get("first_month"));
        YearMonth last = blankToNull(code.get("last_month"));
        List<Mapping> rows =
            mappings.stream()
                .filter(
                    m ->
                        m.system() == system
                            && m.orgCode() == null
                            && key(m.code()).equals(key(code.get("code"))))
                .sorted(FROM_EARLIEST)
                .toList();
        String gap = firstGap(rows, first, last);
        if (gap != null) {
          problems.add(
              "conf/"
                  + system.path()
                  + ": code '"
                  + code.get("code")
                  + "' ("
                  + code.get("description")
                  + ") of conf/code_lists/"
                  + system.codeList()
                  + ".csv has no mapping "
                  + gap
                  + "; map it or mark it '"
                  + EXCLUDED
                  + "'");
        }
      }
    }
  }

  /**
   * Where the rows (sorted by start) first fail to cover [first, last], or null if they cover it.
   */
  private static String firstGap(List<Mapping> rows, YearMonth first, YearMonth last) {
    YearMonth next = first; // the first month not yet covered; null = the beginning of time
    boolean coveredToEnd = false;
    for (Mapping m : rows) {
      boolean startsInTime = m.from() == null || (next != null && !m.from().isAfter(next));
      if (!startsInTime) {
        break;
      }
      if (m.to() == null) {
        coveredToEnd = true;
        break;
      }
      if (next == null || !m.to().isBefore(next)) {
        next = m.to().plusMonths(1);
      }
      if (last != null && next.isAfter(last)) {
        coveredToEnd = true;
        break;
      }
    }
    if (coveredToEnd) {
      return null;
    }
    return next == null ? "at all" : "from " + next;
  }

  private static YearMonth blankToNull(String text) {
    return text == null || text.isEmpty() ? null : YearMonth.parse(text);
  }

  private static String declaredVersion(ConfFiles conf, List<String> problems) {
    if (!conf.list(CodeSystem.FOLDER).contains("version.txt")) {
      problems.add("conf/" + VERSION + ": missing; it holds the mapping version, e.g. 2026.1");
      return "";
    }
    try (InputStream in = conf.open(VERSION)) {
      String version =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .findFirst()
              .orElse("");
      if (!version.matches("[A-Za-z0-9._-]+")) {
        problems.add(
            "conf/" + VERSION + ": the version '" + version + "' must be one word, e.g. 2026.1");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of the catalogue, categories and mapping files, in a fixed order: 8 hex digits. */
  private static String fingerprint(ConfFiles conf) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<String> files = new ArrayList<>(List.of(CATALOGUE, CATEGORIES));
      conf.list(CodeSystem.FOLDER).forEach(f -> files.add(CodeSystem.FOLDER + "/" + f));
      for (String f : files) {
        digest.update(f.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = conf.open(f)) {
          digest.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
