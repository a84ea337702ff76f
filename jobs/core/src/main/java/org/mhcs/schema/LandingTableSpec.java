package org.mhcs.schema;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * @param judgedByField whether a field that breaks its own rule (type, code list, range) is nulled
 *     and quarantined alone, the row kept ({@code judge: field}); wide annual returns, where one
 *     odd figure should not hide a trust's other forty
 * @param rowGuards in a table judged by field, columns whose failure still quarantines the row
 *     (besides the key, the submitter and required columns): sentinels that catch shifted rows
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
    List<ColumnSpec> columns,
    boolean judgedByField,
    List<String> rowGuards)
    implements Serializable {

  /** The rules a single field can break without taking its row with it. */
  private static final Set<Rule> FIELD_RULES = EnumSet.of(Rule.TYPE, Rule.CODE_LIST, Rule.RANGE);

  /**
   * Whether a failure of {@code rule} on {@code column} nulls the field and keeps the row: only in
   * a table judged by field, only for a field's own rules, and never for a column the row is
   * identified or trusted by.
   */
  public boolean nullsField(String column, Rule rule) {
    return judgedByField
        && FIELD_RULES.contains(rule)
        && !key.contains(column)
        && !column.equals(submitter)
        && !rowGuards.contains(column)
        && column(column).map(c -> !c.required()).orElse(false);
  }

  /** The columns a failure can null ({@link #nullsField}), in declaration order. */
  public List<String> nullableOnFailure() {
    return columns.stream()
        .map(ColumnSpec::name)
        .filter(c -> FIELD_RULES.stream().anyMatch(r -> nullsField(c, r)))
        .toList();
  }

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
