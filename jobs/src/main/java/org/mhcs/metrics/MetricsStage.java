package org.mhcs.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.silver.SilverTables;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 4: the period's metrics, family by family, from the conformed facts (and ESR's sickness
 * extract) into {@code gold.metric_value}.
 */
public final class MetricsStage {
  private final Warehouse warehouse;
  private final MetricCatalog catalog;
  private final RunLog log;
  private final SilverTables silver;

  public MetricsStage(
      Warehouse warehouse, SchemaCatalog schemas, MetricCatalog catalog, RunLog log) {
    this.warehouse = warehouse;
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
    String condition = period.predicate(Columns.PERIOD);
    List<Dataset<Row>> values = new ArrayList<>();
    if (warehouse.exists(Table.CONFORMED_CONTACTS) && warehouse.exists(Table.CONFORMED_CAPACITY)) {
      Dataset<Row> community =
          CommunityActivity.aggregate(
              warehouse.read(Table.CONFORMED_CONTACTS).where(condition),
              warehouse.read(Table.CONFORMED_CAPACITY).where(condition));
      values.add(MetricValues.compute(catalog.family(MetricCatalog.COMMUNITY), community));
    } else {
      skipped(MetricCatalog.COMMUNITY, "silver.conformed_contacts and silver.conformed_capacity");
    }
    Optional<Dataset<Row>> wardDays = silver.of("staffing", "ward_day", period.toString());
    if (wardDays.isPresent() && warehouse.exists(Table.CONFORMED_WARDS)) {
      Dataset<Row> wards = warehouse.read(Table.CONFORMED_WARDS).where(condition);
      Dataset<Row> staffing =
          InpatientStaffing.aggregate(
              wardDays.get(),
              silver.of("mhsds", "MHS502WardStay", period.toString()),
              wards,
              period.toString());
      // Rosters are joined full outer, so a ward with only one of the two returns still shows.
      Dataset<Row> inpatient =
          silver
              .of("staffing", "roster_period", period.toString())
              .map(
                  rosters ->
                      staffing.join(
                          RosterPractice.aggregate(rosters, wards, period.toString()),
                          new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE},
                          "full_outer"))
              .orElseGet(() -> RosterPractice.withoutRosters(staffing));
      values.add(MetricValues.compute(catalog.family(MetricCatalog.INPATIENT), inpatient));
    } else {
      skipped(MetricCatalog.INPATIENT, "staffing/ward_day and silver.conformed_wards");
    }
    Optional<Dataset<Row>> sickness = silver.of("esr", "sickness", period.toString());
    if (sickness.isPresent() && warehouse.exists(Table.CONFORMED_CAPACITY)) {
      Dataset<Row> workforce =
          WorkforceActivity.aggregate(
              sickness.get(),
              warehouse.read(Table.CONFORMED_CAPACITY).where(condition),
              period.toString());
      values.add(MetricValues.compute(catalog.family(MetricCatalog.WORKFORCE), workforce));
    } else {
      skipped(MetricCatalog.WORKFORCE, "esr/sickness and silver.conformed_capacity");
    }
    if (values.isEmpty()) {
      return false;
    }
    Dataset<Row> all = values.get(0);
    for (Dataset<Row> v : values.subList(1, values.size())) {
      all = all.unionByName(v);
    }
    warehouse.replace(Table.METRIC_VALUE, all, condition, null);
    log.record(
        Entry.of("metrics", Table.METRIC_VALUE, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.METRIC_VALUE))
            .since(start));
    return true;
  }

  private void skipped(String family, String needs) {
    log.record(
        Entry.of("metrics", Table.METRIC_VALUE, "skipped")
            .detail(family + " metrics need " + needs));
  }
}
