package org.mhcs.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.ingest.Lineage;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.SqlText;
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

  public MetricsStage(Warehouse warehouse, MetricCatalog catalog, RunLog log) {
    this.warehouse = warehouse;
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
    Optional<Dataset<Row>> wardDays = silverOfPeriod(WARD_DAY, period);
    if (wardDays.isPresent() && warehouse.exists(Table.CONFORMED_WARDS)) {
      Dataset<Row> wards = warehouse.read(Table.CONFORMED_WARDS).where(condition);
      Dataset<Row> staffing =
          InpatientStaffing.aggregate(
              wardDays.get(), silverOfPeriod(WARD_STAY, period), wards, period.toString());
      // Rosters are joined full outer, so a ward with only one of the two returns still shows.
      Dataset<Row> inpatient =
          silverOfPeriod(ROSTER, period)
              .map(
                  rosters ->
                      staffing.join(
                          RosterPractice.aggregate(rosters, wards, period.toString()),
                          new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE},
                          "full_outer"))
              .orElseGet(() -> RosterPractice.withoutRosters(staffing));
      values.add(MetricValues.compute(catalog.family(MetricCatalog.INPATIENT), inpatient));
    } else {
      skipped(MetricCatalog.INPATIENT, "silver." + WARD_DAY + " and silver.conformed_wards");
    }
    Optional<Dataset<Row>> sickness =
        warehouse.readWhere(Table.silver(SICKNESS), "`" + Lineage.PERIOD + "` = '" + period + "'");
    if (sickness.isPresent() && warehouse.exists(Table.CONFORMED_CAPACITY)) {
      Dataset<Row> workforce =
          WorkforceActivity.aggregate(
              sickness.get(),
              warehouse.read(Table.CONFORMED_CAPACITY).where(condition),
              period.toString());
      values.add(MetricValues.compute(catalog.family(MetricCatalog.WORKFORCE), workforce));
    } else {
      skipped(MetricCatalog.WORKFORCE, "silver." + SICKNESS + " and silver.conformed_capacity");
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

  /** The silver landing tables read here. */
  private static final String SICKNESS = "esr_sickness";

  private static final String WARD_DAY = "staffing_ward_day";
  private static final String WARD_STAY = "mhsds_mhs502wardstay";
  private static final String ROSTER = "staffing_roster_period";

  private Optional<Dataset<Row>> silverOfPeriod(String table, Period period) {
    return warehouse.readWhere(
        Table.silver(table), "`" + Lineage.PERIOD + "` = " + SqlText.literal(period.toString()));
  }

  private void skipped(String family, String needs) {
    log.record(
        Entry.of("metrics", Table.METRIC_VALUE, "skipped")
            .detail(family + " metrics need " + needs));
  }
}
