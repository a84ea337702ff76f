package org.mhcs.generate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.mhcs.generate.LandingFixture.CsvRow;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.ColumnType;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.Reference;
import org.mhcs.schema.Sensitivity;

/**
 * The landing contract's row rules checked in plain Java, straight from the files, the schemas and
 * {@code conf/code_lists/}: neither the generator nor the pipeline is asked. For every row of every
 * table it lists each rule the row breaks, under the ids the pipeline's quarantine uses: {@code
 * malformed} (a field more or fewer than the header), {@code required}, {@code type} (numbers, ISO
 * dates, birth dates), {@code code_list}, {@code range}, {@code period} (event date outside the
 * month, or financial year for annual tables), {@code open_in_period} (start after the period; end
 * before it or before the start), {@code reference} (no accepted row of the referenced table has
 * the row's key) and {@code duplicate_key} (a key seen earlier by file, then line).
 *
 * <p>Values are read as a landing reader must: trimmed, empty or a null token ({@code Not
 * Applicable}) is no value, and numbers may carry the format's thousands separator in proper
 * groups. Tables are checked parents first, so references are checked against accepted rows only.
 */
final class ContractRules {
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,10}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,14}(\\.\\d{1,4})?");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** A row that broke more than one rule (or one rule twice), which a fault must never do. */
  record Violation(String table, String file, int line, List<String> rules) {}

  /**
   * @param rows data rows read per table
   * @param broken per table, rows breaking exactly one rule, by that rule's id
   * @param multiple rows breaking more than one check
   */
  record Result(
      Map<String, Long> rows, Map<String, Map<String, Long>> broken, List<Violation> multiple) {
    long brokenRows() {
      return broken.values().stream()
              .flatMap(m -> m.values().stream())
              .mapToLong(Long::longValue)
              .sum()
          + multiple.size();
    }
  }

  private final Path landing;
  private final Map<String, Set<String>> codeLists = new HashMap<>();

  /** Per referenced table and column list, the accepted rows' values of those columns, joined. */
  private final Map<String, Set<String>> acceptedKeys = new HashMap<>();

  private final Map<String, Long> rows = new TreeMap<>();
  private final Map<String, Map<String, Long>> broken = new TreeMap<>();
  private final List<Violation> multiple = new ArrayList<>();

  private ContractRules(Path landing) {
    this.landing = landing;
  }

  /**
   * Checks every table the schemas declare in {@code landing}, for {@link LandingFixture#PERIOD}.
   */
  static Result check(Path landing) {
    ContractRules rules = new ContractRules(landing);
    for (LandingTableSpec spec : parentsFirst(LandingFixture.GENERATED)) {
      rules.checkTable(spec);
    }
    return new Result(rules.rows, rules.broken, rules.multiple);
  }

  private void checkTable(LandingTableSpec spec) {
    FileFormat format = spec.format();
    LocalDate[] window = window(spec);
    List<List<String>> referencedColumns = referencedColumns(spec.id());
    List<Set<String>> parents = new ArrayList<>();
    for (Reference reference : spec.references()) {
      parents.add(acceptedKeys.getOrDefault(reference.table() + reference.toColumns(), Set.of()));
    }
    List<Set<String>> accepting = new ArrayList<>();
    for (List<String> columns : referencedColumns) {
      accepting.add(acceptedKeys.computeIfAbsent(spec.id() + columns, k -> new HashSet<>()));
    }
    Set<String> keys = new HashSet<>();
    for (Path file : LandingFixture.parts(landing, spec.source(), spec.table())) {
      LandingFixture.forEachRow(
          file,
          spec,
          row -> {
            rows.merge(spec.id(), 1L, Long::sum);
            List<String> failed = new ArrayList<>();
            if (row.values().size() != row.headerWidth()) {
              failed.add("malformed");
            }
            for (ColumnSpec column : spec.columns()) {
              checkColumn(
                  column,
                  column.normalisation().apply(value(row, column.name(), format)),
                  format,
                  failed);
            }
            checkDates(spec, row, format, window, failed);
            for (int r = 0; r < parents.size(); r++) {
              String key = pointer(row, spec.references().get(r).columns(), format);
              if (key != null && !parents.get(r).contains(key)) {
                failed.add("reference");
              }
            }
            if (!spec.key().isEmpty() && !keys.add(key(row, spec.key(), format))) {
              failed.add("duplicate_key");
            }
            if (failed.isEmpty()) {
              for (int r = 0; r < referencedColumns.size(); r++) {
                accepting.get(r).add(key(row, referencedColumns.get(r), format));
              }
            } else if (failed.size() == 1) {
              broken
                  .computeIfAbsent(spec.id(), k -> new TreeMap<>())
                  .merge(failed.get(0), 1L, Long::sum);
            } else {
              multiple.add(
                  new Violation(spec.id(), file.getFileName().toString(), row.line(), failed));
            }
          });
    }
  }

  private void checkColumn(
      ColumnSpec column, String value, FileFormat format, List<String> failed) {
    if (value == null) {
      if (column.required()) {
        failed.add("required");
      }
      return;
    }
    if (column.sensitivity() == Sensitivity.AGE_BAND && age(value) == null) {
      failed.add("type");
    }
    BigDecimal number = null;
    switch (column.type()) {
      case STRING -> {}
      case DATE -> {
        if (date(value) == null) {
          failed.add("type");
        }
      }
      case INTEGER, DECIMAL -> {
        String plain = ungrouped(value, format);
        Pattern pattern = column.type() == ColumnType.INTEGER ? INTEGER : DECIMAL;
        if (pattern.matcher(plain).matches()
            && (column.type() != ColumnType.INTEGER
                || Math.abs(Long.parseLong(plain)) <= Integer.MAX_VALUE)) {
          number = new BigDecimal(plain);
        } else {
          failed.add("type");
        }
      }
    }
    // Codes compare as the reader normalises them (ERIC's numbered site types, say).
    if (column.coded() && !codes(column).contains(column.normalisation().apply(value))) {
      failed.add("code_list");
    }
    if (number != null
        && ((column.min() != null && number.compareTo(column.min()) < 0)
            || (column.max() != null && number.compareTo(column.max()) > 0))) {
      failed.add("range");
    }
  }

  private static void checkDates(
      LandingTableSpec spec,
      CsvRow row,
      FileFormat format,
      LocalDate[] window,
      List<String> failed) {
    if (spec.eventDate() != null) {
      LocalDate d = date(value(row, spec.eventDate(), format));
      if (d != null && (d.isBefore(window[0]) || d.isAfter(window[1]))) {
        failed.add("period");
      }
    }
    if (spec.openInPeriod() != null) {
      LocalDate start = date(value(row, spec.openInPeriod().start(), format));
      if (start != null && start.isAfter(window[1])) {
        failed.add("open_in_period");
      }
      LocalDate end =
          spec.openInPeriod().end() == null
              ? null
              : date(value(row, spec.openInPeriod().end(), format));
      if (end != null && (end.isBefore(window[0]) || (start != null && end.isBefore(start)))) {
        failed.add("open_in_period");
      }
    }
  }

  /** The field trimmed; null when empty or a null token. */
  private static String value(CsvRow row, String column, FileFormat format) {
    if (row.fromFileName().containsKey(column)) {
      return row.fromFileName().get(column);
    }
    Integer position = row.positions().get(column);
    if (position == null || position >= row.values().size()) {
      return null;
    }
    String value = row.values().get(position).trim();
    if (value.isEmpty()) {
      return null;
    }
    for (String token : format.nullTokens()) {
      if (token.trim().equalsIgnoreCase(value)) {
        return null;
      }
    }
    return value;
  }

  /** The values of {@code columns} joined by a character no value holds ("null" for none). */
  private static String key(CsvRow row, List<String> columns, FileFormat format) {
    StringBuilder key = new StringBuilder();
    for (String column : columns) {
      key.append(value(row, column, format)).append('\u0001');
    }
    return key.toString();
  }

  /** As {@link #key}, or null if a column has no value: such a row points at nothing. */
  private static String pointer(CsvRow row, List<String> columns, FileFormat format) {
    for (String column : columns) {
      if (value(row, column, format) == null) {
        return null;
      }
    }
    return key(row, columns, format);
  }

  private static String ungrouped(String value, FileFormat format) {
    String separator = format.thousandsSeparator();
    if (separator == null) {
      return value;
    }
    String sep = Pattern.quote(separator);
    return value.matches("-?\\d{1,3}(" + sep + "\\d{3})+(\\.\\d+)?")
        ? value.replace(separator, "")
        : value;
  }

  private static LocalDate date(String value) {
    if (value == null || !ISO_DATE.matcher(value).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Age in years at the end of the period, or null for a birth date that is impossible or later.
   */
  private static Integer age(String birthDate) {
    LocalDate born = date(birthDate);
    if (born == null) {
      return null;
    }
    LocalDate end = LandingFixture.PERIOD.atEndOfMonth();
    int years = Period.between(born, end).getYears();
    return born.isAfter(end) || years > 130 ? null : years;
  }

  private Set<String> codes(ColumnSpec column) {
    if (column.codeList() == null) {
      return Set.copyOf(column.allowedCodes());
    }
    return codeLists.computeIfAbsent(
        column.codeList(),
        name -> {
          Set<String> codes = new HashSet<>();
          LandingFixture.forEachConfRow(
              "code_lists/" + name + ".csv", r -> codes.add(r.get("code")));
          return codes;
        });
  }

  /** First and last day a table's event dates may take: the month or its financial year. */
  private static LocalDate[] window(LandingTableSpec spec) {
    LocalDate first = LandingFixture.PERIOD.atDay(1);
    LocalDate last = LandingFixture.PERIOD.atEndOfMonth();
    if (spec.period() == PeriodType.FINANCIAL_YEAR) {
      int year = first.getMonthValue() >= 4 ? first.getYear() : first.getYear() - 1;
      first = LocalDate.of(year, 4, 1);
      last = LocalDate.of(year + 1, 3, 31);
    }
    return new LocalDate[] {first, last};
  }

  /** The column lists other tables' references point at in {@code table}. */
  private static List<List<String>> referencedColumns(String table) {
    List<List<String>> columns = new ArrayList<>();
    for (LandingTableSpec spec : LandingFixture.SCHEMAS.tables()) {
      for (Reference reference : spec.references()) {
        if (reference.table().equals(table) && !columns.contains(reference.toColumns())) {
          columns.add(reference.toColumns());
        }
      }
    }
    return columns;
  }

  /** The tables ordered so that every referenced table comes before the tables that refer to it. */
  private static List<LandingTableSpec> parentsFirst(List<LandingTableSpec> tables) {
    Map<String, LandingTableSpec> remaining = new LinkedHashMap<>();
    tables.forEach(t -> remaining.put(t.id(), t));
    List<LandingTableSpec> ordered = new ArrayList<>();
    while (!remaining.isEmpty()) {
      int before = ordered.size();
      for (LandingTableSpec spec : List.copyOf(remaining.values())) {
        if (spec.references().stream().noneMatch(r -> remaining.containsKey(r.table()))) {
          ordered.add(spec);
          remaining.remove(spec.id());
        }
      }
      if (ordered.size() == before) {
        throw new IllegalStateException("references go round in a circle: " + remaining.keySet());
      }
    }
    return ordered;
  }
}
