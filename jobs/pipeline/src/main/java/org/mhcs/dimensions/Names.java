package org.mhcs.dimensions;

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
 * use to print a name beside a code, and to place an organisation in its ICB and region as they
 * were on the day. Collects the three small tables to the driver when built. A warehouse written
 * before the dimensions existed has no names: every lookup is then empty.
 */
public final class Names {
  private final Map<String, String> organisations;
  private final Map<String, String> metrics;
  private final Map<String, String> serviceLines;
  private final Map<String, Membership> memberships;
  private final Map<String, String> systems;

  /**
   * Where an organisation sat on the day the names are of: the region and ICB of its {@code
   * gold.dim_organisation} row in force then (as {@code silver.org_hierarchy} dates it).
   */
  public record Membership(String regionCode, String icbCode) {}

  private Names(
      Map<String, String> organisations,
      Map<String, String> metrics,
      Map<String, String> serviceLines,
      Map<String, Membership> memberships,
      Map<String, String> systems) {
    this.organisations = organisations;
    this.metrics = metrics;
    this.serviceLines = serviceLines;
    this.memberships = memberships;
    this.systems = systems;
  }

  /** No names at all. */
  public static Names none() {
    return new Names(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  /**
   * The names gold holds, organisations as they are named on {@code day} (the row in force then; an
   * organisation with no row in force that day, or an undated fallback row, by its latest name).
   */
  public static Names of(Warehouse warehouse, LocalDate day) {
    Map<String, Membership> memberships = new HashMap<>();
    Map<String, String> systems = new HashMap<>();
    return new Names(
        organisations(warehouse, day, memberships, systems),
        codeToName(warehouse, Table.DIM_METRIC, Columns.METRIC_ID),
        codeToName(warehouse, Table.DIM_SERVICE_LINE, Columns.SERVICE_LINE),
        memberships,
        systems);
  }

  /** The organisation's name, if gold names it. */
  public Optional<String> organisation(String orgCode) {
    return Optional.ofNullable(organisations.get(orgCode));
  }

  /** Every organisation gold names, code → name. */
  public Map<String, String> organisations() {
    return Map.copyOf(organisations);
  }

  /**
   * The organisation's region and ICB on the day the names are of; empty when no dated row was in
   * force then (the system tables count it under {@code UNKNOWN}).
   */
  public Optional<Membership> membership(String orgCode) {
    return Optional.ofNullable(memberships.get(orgCode));
  }

  /** An ICB's or region's name (codes of the two never coincide), if the code lists name it. */
  public Optional<String> system(String systemCode) {
    return Optional.ofNullable(systems.get(systemCode));
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

  private static Map<String, String> organisations(
      Warehouse warehouse,
      LocalDate day,
      Map<String, Membership> memberships,
      Map<String, String> systems) {
    Map<String, String> names = new HashMap<>();
    if (!warehouse.exists(Table.DIM_ORGANISATION)) {
      return names;
    }
    Map<String, LocalDate> latestFrom = new HashMap<>();
    Map<String, String> inForce = new HashMap<>();
    for (Row r : warehouse.read(Table.DIM_ORGANISATION).collectAsList()) {
      String code = r.getAs(Columns.ORG_CODE);
      String name = r.getAs(Columns.ORG_NAME);
      java.sql.Date from = r.getAs(Columns.VALID_FROM);
      java.sql.Date to = r.getAs(Columns.VALID_TO);
      LocalDate start = from == null ? LocalDate.MIN : from.toLocalDate();
      boolean current =
          from != null && !day.isBefore(start) && (to == null || day.isBefore(to.toLocalDate()));
      String region = r.getAs(Columns.REGION_CODE);
      String icb = r.getAs(Columns.ICB_CODE);
      if (current) {
        memberships.put(code, new Membership(region, icb));
      }
      putName(systems, region, r.getAs(Columns.REGION_NAME));
      putName(systems, icb, r.getAs(Columns.ICB_NAME));
      if (name == null) {
        continue;
      }
      if (current) {
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

  private static void putName(Map<String, String> names, String code, String name) {
    if (code != null && name != null) {
      names.put(code, name);
    }
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
