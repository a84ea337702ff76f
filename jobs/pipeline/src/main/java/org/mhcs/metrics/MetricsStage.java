package org.mhcs.metrics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.SilverTables;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 4: the period's metrics, family by family, from the conformed facts (and ESR's sickness
 * extract, the staffing returns and the annual estates and finance returns) into {@code
 * gold.metric_value}: the month's, and its financial year's from the annual returns; and what they
 * were computed on (definitions, mapping version) into {@code gold.metric_basis}.
 */
public final class MetricsStage {
  private final Warehouse warehouse;
  private final MetricCatalog catalog;
  private final RunLog log;
  private final SilverTables silver;
  private final String mappingVersion;

  /**
   * @param mappingVersion the service-line mapping version of the run ({@code
   *     conform.ServiceLines#version}), recorded in {@code gold.metric_basis}
   */
  public MetricsStage(
      Warehouse warehouse,
      SchemaCatalog schemas,
      MetricCatalog catalog,
      String mappingVersion,
      RunLog log) {
    this.warehouse = warehouse;
    this.mappingVersion = mappingVersion;
    this.silver = new SilverTables(warehouse, schemas);
    this.catalog = catalog;
    this.log = log;
  }

  /**
   * Computes every family whose inputs are there for the period, in one commit. Returns false (and
   * logs why) when none is.
   */
  public boolean execute(Period period) {
    long start = System.nanoTime();
    List<Dataset<Row>> values = new ArrayList<>();
    if (!period.isFinancialYear()) {
      values.addAll(monthlyFamilies(period));
    }
    // Annual returns give metrics of the financial year; every month's run recomputes them, and
    // a financial year's run computes them alone.
    String year = period.financialYear();
    Optional<Dataset<Row>> returns =
        TrustReturns.aggregate(
            silver.of("eric", "trust", year),
            silver.of("eric", "site", year),
            silver.of("finance", "trust_summary", year),
            year);
    if (returns.isPresent()) {
      for (String family : List.of(MetricCatalog.ESTATES, MetricCatalog.CORPORATE)) {
        values.add(MetricValues.fromReturns(catalog.family(family), returns.get()));
      }
    } else {
      skipped(
          MetricCatalog.ESTATES + " and " + MetricCatalog.CORPORATE,
          "eric/trust or finance/trust_summary of " + year);
    }
    if (values.isEmpty()) {
      return false;
    }
    Dataset<Row> all = values.get(0);
    for (Dataset<Row> v : values.subList(1, values.size())) {
      all = all.unionByName(v);
    }
    String periods = period.predicateWithYear(Columns.PERIOD);
    warehouse.replace(Table.METRIC_VALUE, all, periods, Columns.PERIOD);
    log.record(
        Entry.of("metrics", Table.METRIC_VALUE, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.METRIC_VALUE))
            .since(start));
    long basisStart = System.nanoTime();
    warehouse.replace(
        Table.METRIC_BASIS,
        MetricBasis.of(
            warehouse.read(Table.METRIC_VALUE).where(periods),
            catalog,
            mappingVersion,
            log.runId()),
        periods,
        Columns.PERIOD);
    log.record(
        Entry.of("metrics", Table.METRIC_BASIS, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.METRIC_BASIS))
            .detail("mapping version " + mappingVersion)
            .since(basisStart));
    return true;
  }

  /** The families computed from the month's activity, workforce and purchases. */
  private List<Dataset<Row>> monthlyFamilies(Period period) {
    String condition = period.predicate(Columns.PERIOD);
    String month = period.toString();
    List<Dataset<Row>> values = new ArrayList<>();
    // Staff in post gives the capacity; families compute what their landed sources allow.
    Optional<Dataset<Row>> capacity =
        warehouse.exists(Table.CONFORMED_CAPACITY)
            ? Optional.of(warehouse.read(Table.CONFORMED_CAPACITY).where(condition))
            : Optional.empty();
    if (warehouse.exists(Table.CONFORMED_CONTACTS)) {
      Dataset<Row> contacts = warehouse.read(Table.CONFORMED_CONTACTS);
      Dataset<Row> community =
          Aggregates.joined(
              CommunityActivity.aggregate(contacts.where(condition), capacity),
              warehouse
                  .readWhere(Table.CONFORMED_REFERRALS, condition)
                  .map(r -> ReferralActivity.aggregate(r, contacts, month)),
              ReferralActivity.COLUMNS);
      List<Metric> byService =
          catalog.family(MetricCatalog.COMMUNITY).stream()
              .filter(m -> !m.id().equals(MetricCatalog.SKILL_MIX))
              .toList();
      values.add(MetricValues.compute(byService, community));
    } else {
      skipped(MetricCatalog.COMMUNITY, "silver.conformed_contacts");
    }
    if (capacity.isPresent()) {
      values.add(
          MetricValues.compute(
              List.of(catalog.get(MetricCatalog.SKILL_MIX)), SkillMix.aggregate(capacity.get())));
    } else {
      skipped(MetricCatalog.SKILL_MIX, "silver.conformed_capacity");
    }
    Optional<Dataset<Row>> wardDays = silver.of("staffing", "ward_day", month);
    if (wardDays.isPresent() && warehouse.exists(Table.CONFORMED_WARDS)) {
      Dataset<Row> wards = warehouse.read(Table.CONFORMED_WARDS).where(condition);
      Dataset<Row> inpatient =
          Aggregates.inpatient(
              wardDays.get(),
              silver.of("mhsds", "MHS502WardStay", month),
              silver.of("staffing", "roster_period", month),
              wards,
              month);
      values.add(MetricValues.compute(catalog.family(MetricCatalog.INPATIENT), inpatient));
    } else {
      skipped(MetricCatalog.INPATIENT, "staffing/ward_day and silver.conformed_wards");
    }
    // Sickness needs only ESR's sickness extract, WTE only staff in post: either alone is enough.
    Optional<Dataset<Row>> sickness = silver.of("esr", "sickness", month);
    if (sickness.isPresent() || capacity.isPresent()) {
      Dataset<Row> workforce = Aggregates.workforce(sickness, capacity, turnover(period), month);
      values.add(MetricValues.compute(catalog.family(MetricCatalog.WORKFORCE), workforce));
    } else {
      skipped(MetricCatalog.WORKFORCE, "esr/sickness or silver.conformed_capacity");
    }
    if (warehouse.exists(Table.CONFORMED_PURCHASES)) {
      Dataset<Row> purchases = warehouse.read(Table.CONFORMED_PURCHASES).where(condition);
      values.add(
          MetricValues.compute(
              List.of(catalog.get("unit_price")), ProductPrices.byProduct(purchases)));
      values.add(
          MetricValues.compute(
              List.of(catalog.get("price_variation_pct_spend")),
              ProductPrices.byCategory(purchases)));
    } else {
      skipped(MetricCatalog.PROCUREMENT, "silver.conformed_purchases");
    }
    return values;
  }

  /**
   * Twelve-month turnover's aggregates, when the warehouse holds ESR leavers for each of the twelve
   * months and staff in post at both ends; otherwise empty (the metric has no value) and logged.
   */
  private Optional<Dataset<Row>> turnover(Period period) {
    YearMonth end = period.month();
    List<String> months = new ArrayList<>();
    for (int back = 11; back >= 0; back--) {
      months.add(end.minusMonths(back).toString());
    }
    String start = WorkforceTurnover.startMonth(end).toString();
    Optional<Dataset<Row>> leavers = silver.of("esr", "leavers", months);
    Optional<Dataset<Row>> startStaff = silver.of("esr", "staff_in_post", start);
    Optional<Dataset<Row>> endStaff = silver.of("esr", "staff_in_post", end.toString());
    long leaverMonths = leavers.map(l -> l.select(Lineage.PERIOD).distinct().count()).orElse(0L);
    long startRows = startStaff.map(s -> s.limit(1).count()).orElse(0L);
    if (leaverMonths < 12 || startRows == 0 || endStaff.isEmpty()) {
      log.record(
          Entry.of("metrics", Table.METRIC_VALUE, "skipped")
              .detail(
                  "turnover_12m_pct needs esr/leavers for each month "
                      + months.get(0)
                      + " to "
                      + end
                      + " ("
                      + leaverMonths
                      + " loaded) and esr/staff_in_post for "
                      + start
                      + (startRows == 0 ? " (not loaded)" : "")));
      return Optional.empty();
    }
    return Optional.of(
        WorkforceTurnover.aggregate(
            leavers.get(), startStaff.get(), endStaff.get(), end.toString()));
  }

  private void skipped(String family, String needs) {
    log.record(
        Entry.of("metrics", Table.METRIC_VALUE, "skipped")
            .detail(family + " metrics need " + needs));
  }
}
