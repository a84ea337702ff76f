package org.mhcs.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mhcs.calendar.Period;
import org.mhcs.calendar.ReportingWindow;

/**
 * A landing table as declared in {@code schemas/landing/<source>/<table>.yaml}.
 *
 * @param eventDate the date column that must fall inside the period (event tables only), or null
 * @param openInPeriod start and end columns of records open over the period, or null
 * @param submitter the column naming the organisation that submitted a row, or null for national
 *     reference tables; a resubmission replaces exactly its submitter's rows
 * @param key columns that identify a row within a submission
 */
public record LandingTableSpec(
    String source,
    String table,
    PeriodType period,
    String description,
    String eventDate,
    OpenInPeriod openInPeriod,
    String submitter,
    List<String> key,
    List<Reference> references,
    FileFormat format,
    List<ColumnSpec> columns)
    implements Serializable {

  /**
   * The warehouse name shared by its bronze and silver tables, e.g. {@code csds_cyp201carecontact}.
   */
  public String warehouseName() {
    return (source + "_" + table).toLowerCase(Locale.ROOT);
  }

  /** {@code source/table}, how users and logs name it. */
  public String id() {
    return source + "/" + table;
  }

  /** Where the table is declared, for messages that tell users what to edit. */
  public String declaredIn() {
    return "schemas/landing/" + source + "/" + table + ".yaml";
  }

  /** What a run for {@code month} reads of this table: folder label and date range. */
  public ReportingWindow window(Period month) {
    return period.window(month);
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
