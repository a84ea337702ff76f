package org.mhcs.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 4: the period's community metrics from the conformed facts into {@code gold.metric_value}.
 */
public final class MetricsStage {
  private final Warehouse warehouse;
  private final MetricCatalog catalog;
  private final RunLog log;

  public MetricsStage(Warehouse warehouse, MetricCatalog catalog, RunLog log) {
    this.warehouse = warehouse;
    this.catalog = catalog;
    this.log = log;
  }

  /** Returns false (and logs why) when the conformed facts it needs are not there. */
  public boolean execute(Period period) {
    if (!warehouse.exists(Table.CONFORMED_CONTACTS)
        || !warehouse.exists(Table.CONFORMED_CAPACITY)) {
      log.record(
          Entry.of("metrics", Table.METRIC_VALUE, "skipped")
              .detail("needs silver.conformed_contacts and silver.conformed_capacity"));
      return false;
    }
    long start = System.nanoTime();
    String condition = period.predicate(Columns.PERIOD);
    Dataset<Row> aggregates =
        CommunityActivity.aggregate(
            warehouse.read(Table.CONFORMED_CONTACTS).where(condition),
            warehouse.read(Table.CONFORMED_CAPACITY).where(condition));
    Dataset<Row> values = MetricValues.compute(catalog.family(MetricCatalog.COMMUNITY), aggregates);
    warehouse.replace(Table.METRIC_VALUE, values, condition, null);
    log.record(
        Entry.of("metrics", Table.METRIC_VALUE, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.METRIC_VALUE))
            .since(start));
    return true;
  }
}
