package org.mhcs.dimensions;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Names for the codes of gold, read once from the gold dimensions ({@code gold.dim_organisation},
 * {@code gold.dim_metric}, {@code gold.dim_service_line}): the one lookup that commands and pages
 * use to print a name beside a code. Collects the three small tables to the driver when built. A
 * warehouse written before the dimensions existed has no names: every lookup is then empty.
 */
public final class Names {
  private final Map<String, String> organisations;
  private final Map<String, String> metrics;
  private final Map<String, String> serviceLines;

  private Names(
      Map<String, String> organisations,
      Map<String, String> metrics,
      Map<String, String> serviceLines) {
    this.organisations = organisations;
    this.metrics = metrics;
    this.serviceLines = serviceLines;
  }

  /** No names at all. */
  public static Names none() {
    return new Names(Map.of(), Map.of(), Map.of());
  }

  /**
   * The names gold holds, organisations as they are named on {@code day} (the row in force then; an
   * organisation with no row in force that day, or an undated fallback row, by its latest name).
   */
  public static Names of(Warehouse warehouse, LocalDate day) {
    return new Names(
        organisations(warehouse, day),
        codeToName(warehouse, Table.DIM_METRIC, Columns.METRIC_ID),
        codeToName(warehouse, Table.DIM_SERVICE_LINE, Columns.SERVICE_LINE));
  }

  /** The organisation's name, if gold names it. */
  public Optional<String> organisation(String orgCode) {
    return Optional.ofNullable(organisations.get(orgCode));
  }

  /** Every organisation gold names, code → name. */
  public Map<String, String> organisations() {
    return Map.copyOf(organisations);
  }

  public Optional<String> metric(String metricId) {
    return Optional.ofNullable(metrics.get(metricId));
  }

  public Optional<String> serviceLine(String serviceLine) {
    return Optional.ofNullable(serviceLines.get(serviceLine));
  }

  /** {@code A01 (Golden Community NHS Trust)}, or the code alone when gold has no name for it. */
  public String organisationWithCode(String orgCode) {
    return organisation(orgCode).map(n -> orgCode + " (" + n + ")").orElse(orgCode);
  }

  private static Map<String, String> organisations(Warehouse warehouse, LocalDate day) {
    Map<String, String> names = new HashMap<>();
    if (!warehouse.exists(Table.DIM_ORGANISATION)) {
      return names;
    }
    Map<String, LocalDate> latestFrom = new HashMap<>();
    Map<String, String> inForce = new HashMap<>();
    for (Row r :
        warehouse
            .read(Table.DIM_ORGANISATION)
            .where(col(Columns.ORG_NAME).isNotNull())
            .collectAsList()) {
      String code = r.getAs(Columns.ORG_CODE);
      String name = r.getAs(Columns.ORG_NAME);
      java.sql.Date from = r.getAs(Columns.VALID_FROM);
      java.sql.Date to = r.getAs(Columns.VALID_TO);
      LocalDate start = from == null ? LocalDate.MIN : from.toLocalDate();
      if (from != null && !day.isBefore(start) && (to == null || day.isBefore(to.toLocalDate()))) {
        inForce.put(code, name);
      }
      if (!latestFrom.containsKey(code) || start.isAfter(latestFrom.get(code))) {
        latestFrom.put(code, start);
        names.put(code, name);
      }
    }
    names.putAll(inForce);
    return names;
  }

  private static Map<String, String> codeToName(Warehouse warehouse, Table table, String code) {
    Map<String, String> names = new HashMap<>();
    if (warehouse.exists(table)) {
      for (Row r : warehouse.read(table).select(code, Columns.NAME).collectAsList()) {
        names.put(r.getString(0), r.getString(1));
      }
    }
    return names;
  }
}
