package org.mhcs.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link SyntheticLanding#write} wrote: the landing folder and period, the number of
 * providers, per landing table (keyed {@code <source>/<table>}, e.g. {@code
 * csds/CYP201CareContact}, {@code ref/organisations}) the data rows and files written, and the rows
 * it broke on purpose.
 *
 * @param faultRate the share of rows asked to be broken (0 for a clean landing)
 * @param faults per table, the rows written broken by the id of the one rule each fails (the ids of
 *     the pipeline's quarantine: {@code malformed}, {@code required}, {@code type}, {@code
 *     code_list}, {@code range}, {@code period}, {@code open_in_period}, {@code reference}, {@code
 *     duplicate_key}); tables and rules without broken rows are absent. A {@code duplicate_key} row
 *     is the second copy of a valid row. Rows are counted in their table's {@link #rowsPerTable}
 *     too.
 */
public record GeneratedLanding(
    Path landingDir,
    YearMonth period,
    int providers,
    Map<String, Long> rowsPerTable,
    Map<String, Integer> filesPerTable,
    double faultRate,
    Map<String, Map<String, Long>> faults) {

  public GeneratedLanding {
    Objects.requireNonNull(landingDir, "landingDir");
    Objects.requireNonNull(period, "period");
    rowsPerTable = Collections.unmodifiableMap(new TreeMap<>(rowsPerTable));
    filesPerTable = Collections.unmodifiableMap(new TreeMap<>(filesPerTable));
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    faults.forEach(
        (table, rules) -> copy.put(table, Collections.unmodifiableMap(new TreeMap<>(rules))));
    faults = Collections.unmodifiableMap(copy);
  }

  /**
   * Data rows written to {@code table} (header rows not counted).
   *
   * @throws IllegalArgumentException for a table the generator does not write
   */
  public long rows(String table) {
    Long rows = rowsPerTable.get(table);
    if (rows == null) {
      throw new IllegalArgumentException(
          "the generator writes no table " + table + "; it writes " + rowsPerTable.keySet());
    }
    return rows;
  }

  /** Data rows across every table. */
  public long totalRows() {
    return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Rows of {@code table} written broken, by rule id; empty for a clean table.
   *
   * @throws IllegalArgumentException for a table the generator does not write
   */
  public Map<String, Long> faults(String table) {
    rows(table);
    return faults.getOrDefault(table, Map.of());
  }

  /** Rows written broken across every table: each is one row the pipeline should quarantine. */
  public long faultCount() {
    return faults.values().stream()
        .flatMap(rules -> rules.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }
}
