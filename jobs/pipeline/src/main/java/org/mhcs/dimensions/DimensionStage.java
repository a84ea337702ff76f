package org.mhcs.dimensions;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mhcs.conf.CodeLists;
import org.mhcs.conform.ServiceLines;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.SilverTables;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 8: the gold dimensions, {@code gold.dim_organisation}, {@code gold.dim_metric}, {@code
 * gold.dim_service_line} and {@code gold.dim_period}, each rebuilt whole from its declarations and
 * the warehouse's facts. Idempotent: a table is written (one commit, unpartitioned, a few hundred
 * rows) only when its rows differ from what it holds, so a rerun adds no Delta version. Reads no
 * fact but {@code gold.metric_value}'s periods and organisation codes; writes nothing else.
 */
public final class DimensionStage {
  /** The code lists that name regions and integrated care boards. */
  public static final String REGION_LIST = "nhs_region";

  public static final String ICB_LIST = "icb";

  private final Warehouse warehouse;
  private final SilverTables silver;
  private final CodeLists codeLists;
  private final ServiceLines serviceLines;
  private final MetricCatalog catalog;
  private final RunLog log;

  public DimensionStage(
      Warehouse warehouse,
      SchemaCatalog schemas,
      CodeLists codeLists,
      ServiceLines serviceLines,
      MetricCatalog catalog,
      RunLog log) {
    this.warehouse = warehouse;
    this.silver = new SilverTables(warehouse, schemas);
    this.codeLists = codeLists;
    this.serviceLines = serviceLines;
    this.catalog = catalog;
    this.log = log;
  }

  /** Rebuilds each dimension, writing those whose rows changed. */
  public void execute() {
    SparkSession spark = warehouse.spark();
    write(Table.DIM_METRIC, Dimensions.metrics(spark, catalog), "metric declarations");
    write(
        Table.DIM_SERVICE_LINE,
        Dimensions.serviceLines(spark, serviceLines),
        "conf/service_lines.csv " + serviceLines.version());
    Optional<Dataset<Row>> facts =
        warehouse.exists(Table.METRIC_VALUE)
            ? Optional.of(warehouse.read(Table.METRIC_VALUE))
            : Optional.empty();
    List<String> periods =
        facts
            .map(
                f ->
                    f.select(Columns.PERIOD).distinct().collectAsList().stream()
                        .map(r -> r.getString(0))
                        .toList())
            .orElse(List.of());
    write(
        Table.DIM_PERIOD,
        Dimensions.periods(spark, periods),
        "the periods of " + Table.METRIC_VALUE);
    Dataset<Row> factOrgs =
        facts
            .map(f -> f.select(col(Columns.ORG_CODE)).distinct())
            .orElse(spark.emptyDataFrame().selectExpr("CAST(NULL AS STRING) AS org_code").limit(0));
    Optional<Dataset<Row>> hierarchy =
        warehouse.exists(Table.ORG_HIERARCHY)
            ? Optional.of(warehouse.read(Table.ORG_HIERARCHY))
            : Optional.empty();
    write(
        Table.DIM_ORGANISATION,
        Dimensions.organisations(
            hierarchy,
            silver.of("ref", "organisations", PeriodType.NO_PERIOD),
            factOrgs,
            Dimensions.codeNames(spark, codeLists.rows(REGION_LIST)),
            Dimensions.codeNames(spark, codeLists.rows(ICB_LIST))),
        Table.ORG_HIERARCHY + ", fallback " + Table.METRIC_VALUE + "'s other organisations");
  }

  private void write(Table table, Dataset<Row> rows, String from) {
    long start = System.nanoTime();
    // Cached: compared, then possibly written, from one computation.
    Dataset<Row> built = rows.cache();
    try {
      // Not partitioned: one small table, rewritten whole.
      if (!warehouse.replaceWholeIfChanged(table, built, null)) {
        log.record(
            Entry.of("dimensions", table, "ok")
                .written(0)
                .detail("unchanged (from " + from + ")")
                .since(start));
        return;
      }
      log.record(
          Entry.of("dimensions", table, "ok")
              .written(warehouse.rowsWrittenByLastCommit(table))
              .detail("from " + from)
              .since(start));
    } finally {
      built.unpersist();
    }
  }
}
