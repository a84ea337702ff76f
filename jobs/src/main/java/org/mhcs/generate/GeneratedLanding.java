package org.mhcs.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link SyntheticLanding#write} wrote: the landing folder and period, the number of
 * providers, and per landing table (keyed {@code <source>/<table>}, e.g. {@code
 * csds/CYP201CareContact}, {@code ref/organisations}) the data rows and part files written.
 */
public record GeneratedLanding(
    Path landingDir,
    YearMonth period,
    int providers,
    Map<String, Long> rowsPerTable,
    Map<String, Integer> filesPerTable) {

  public GeneratedLanding {
    Objects.requireNonNull(landingDir, "landingDir");
    Objects.requireNonNull(period, "period");
    rowsPerTable = Collections.unmodifiableMap(new TreeMap<>(rowsPerTable));
    filesPerTable = Collections.unmodifiableMap(new TreeMap<>(filesPerTable));
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
}
