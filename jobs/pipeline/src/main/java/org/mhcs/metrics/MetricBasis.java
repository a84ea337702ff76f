package org.mhcs.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.warehouse.Columns;

/**
 * What each metric's figures of a period were computed on ({@code gold.metric_basis}): the metric's
 * definition as declared and the run's service-line mapping version, one row per metric and period
 * that {@code gold.metric_value} holds, so that a trend can mark the periods where either changed.
 * Pure transform; one small shuffle (the distinct metrics and periods).
 */
public final class MetricBasis {
  private MetricBasis() {}

  /**
   * @param metricValues {@code gold.metric_value} rows of the periods the run wrote
   * @param mappingVersion {@code conform.ServiceLines#version} of the run
   */
  public static Dataset<Row> of(
      Dataset<Row> metricValues, MetricCatalog catalog, String mappingVersion, String runId) {
    List<Row> definitions = new ArrayList<>();
    for (Metric m : catalog.all()) {
      definitions.add(RowFactory.create(m.id(), m.definition()));
    }
    Dataset<Row> declared =
        metricValues
            .sparkSession()
            .createDataFrame(
                definitions,
                new StructType()
                    .add(Columns.METRIC_ID, DataTypes.StringType)
                    .add(Columns.DEFINITION, DataTypes.StringType));
    return metricValues
        .select(Columns.METRIC_ID, Columns.PERIOD)
        .distinct()
        .join(broadcast(declared), Columns.METRIC_ID)
        .select(
            col(Columns.METRIC_ID),
            col(Columns.PERIOD),
            col(Columns.DEFINITION),
            lit(mappingVersion).as(Columns.MAPPING_VERSION),
            lit(runId).as(Columns.RUN_ID));
  }
}
