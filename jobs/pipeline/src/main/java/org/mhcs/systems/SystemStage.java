package org.mhcs.systems;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 7: systems and time. For the period's {@code gold.metric_value} (the month and its
 * financial year), the figures of integrated care boards, regions and England into {@code
 * gold.system_value} and {@code gold.system_benchmark}, each organisation's rank within its region
 * and ICB into {@code gold.org_system_position}, and the opportunities of each system into {@code
 * gold.system_opportunity}, each replacing the period's rows; then {@code gold.metric_trend}
 * rebuilt from every period the warehouse holds, written only when its rows change (a rerun adds no
 * version). Membership is dated ({@link SystemMembership}). Every row records the run and the Delta
 * versions it read.
 */
public final class SystemStage {
  private static final String STAGE = "systems";

  private final Warehouse warehouse;
  private final MetricCatalog catalog;
  private final OpportunityCalculator opportunities;
  private final RunLog log;

  public SystemStage(
      Warehouse warehouse, MetricCatalog catalog, OpportunityCalculator opportunities, RunLog log) {
    this.warehouse = warehouse;
    this.catalog = catalog;
    this.opportunities = opportunities;
    this.log = log;
  }

  public void execute(Period period) {
    long start = System.nanoTime();
    String periods = period.predicateWithYear(Columns.PERIOD);
    List<Period> labels = new ArrayList<>(List.of(period));
    if (!period.isFinancialYear()) {
      labels.add(Period.parseRun(period.financialYear()));
    }
    long valuesVersion = warehouse.version(Table.METRIC_VALUE);
    String inputs = Table.METRIC_VALUE + "@" + valuesVersion;
    Optional<Dataset<Row>> hierarchy = Optional.empty();
    if (warehouse.exists(Table.ORG_HIERARCHY)) {
      long hierarchyVersion = warehouse.version(Table.ORG_HIERARCHY);
      hierarchy = Optional.of(warehouse.readAt(Table.ORG_HIERARCHY, hierarchyVersion));
      inputs += "," + Table.ORG_HIERARCHY + "@" + hierarchyVersion;
    }
    Dataset<Row> attached =
        SystemMembership.attach(
                warehouse.readAt(Table.METRIC_VALUE, valuesVersion).where(periods),
                labels,
                hierarchy)
            .cache();
    SystemFigures figures = new SystemFigures(catalog);
    try {
      warehouse.replace(
          Table.SYSTEM_VALUE, stamped(figures.values(attached), inputs), periods, Columns.PERIOD);
      record(Table.SYSTEM_VALUE, start, "read " + inputs);

      long benchmarkStart = System.nanoTime();
      long systemVersion = warehouse.version(Table.SYSTEM_VALUE);
      warehouse.replace(
          Table.SYSTEM_BENCHMARK,
          stamped(
              SystemFigures.benchmark(
                  warehouse.readAt(Table.SYSTEM_VALUE, systemVersion).where(periods)),
              Table.SYSTEM_VALUE + "@" + systemVersion),
          periods,
          Columns.PERIOD);
      record(Table.SYSTEM_BENCHMARK, benchmarkStart, null);

      long positionsStart = System.nanoTime();
      warehouse.replace(
          Table.ORG_SYSTEM_POSITION,
          stamped(figures.positions(attached), inputs),
          periods,
          Columns.PERIOD);
      record(Table.ORG_SYSTEM_POSITION, positionsStart, null);
    } finally {
      attached.unpersist();
    }
    systemOpportunities(periods, labels, hierarchy);
    trend();
  }

  /** Opportunities of each system, the same metrics summed as in the family totals. */
  private void systemOpportunities(
      String periods, List<Period> labels, Optional<Dataset<Row>> hierarchy) {
    long start = System.nanoTime();
    if (!warehouse.exists(Table.OPPORTUNITY)) {
      log.record(
          Entry.of(STAGE, Table.SYSTEM_OPPORTUNITY, "skipped")
              .detail("the warehouse has no " + Table.OPPORTUNITY));
      return;
    }
    Dataset<Row> perOrganisation =
        SystemMembership.bySystem(
            SystemMembership.attach(
                warehouse.read(Table.OPPORTUNITY).where(periods), labels, hierarchy));
    warehouse.replace(
        Table.SYSTEM_OPPORTUNITY,
        opportunities.byFamily(perOrganisation, List.of(Columns.LEVEL, Columns.SYSTEM_CODE)),
        periods,
        Columns.PERIOD);
    record(Table.SYSTEM_OPPORTUNITY, start, null);
  }

  /**
   * The trend table, rebuilt from every period, written when its rows differ from what it holds.
   */
  private void trend() {
    long start = System.nanoTime();
    Dataset<Row> values = warehouse.read(Table.METRIC_VALUE);
    List<String> periods =
        values.select(Columns.PERIOD).distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    Optional<Dataset<Row>> basis =
        warehouse.exists(Table.METRIC_BASIS)
            ? Optional.of(warehouse.read(Table.METRIC_BASIS))
            : Optional.empty();
    Dataset<Row> trend =
        new MetricTrends(catalog)
            .compute(
                values,
                warehouse.read(Table.SYSTEM_VALUE),
                warehouse.read(Table.BENCHMARK),
                basis,
                periods)
            .cache();
    try {
      boolean written = warehouse.replaceWholeIfChanged(Table.METRIC_TREND, trend, Columns.PERIOD);
      log.record(
          Entry.of(STAGE, Table.METRIC_TREND, "ok")
              .written(written ? warehouse.rowsWrittenByLastCommit(Table.METRIC_TREND) : 0)
              .detail(
                  (written ? "" : "unchanged; ")
                      + periods.size()
                      + " periods of "
                      + Table.METRIC_VALUE
                      + ", "
                      + Table.SYSTEM_VALUE
                      + ", "
                      + Table.BENCHMARK
                      + (basis.isPresent() ? ", " + Table.METRIC_BASIS : ""))
              .since(start));
    } finally {
      trend.unpersist();
    }
  }

  private void record(Table table, long start, String detail) {
    Entry entry =
        Entry.of(STAGE, table, "ok").written(warehouse.rowsWrittenByLastCommit(table)).since(start);
    log.record(detail == null ? entry : entry.detail(detail));
  }

  private Dataset<Row> stamped(Dataset<Row> rows, String inputs) {
    return rows.withColumn(Columns.RUN_ID, lit(log.runId()))
        .withColumn(Columns.INPUT_VERSIONS, lit(inputs));
  }
}
