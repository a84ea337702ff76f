package org.mhcs.testing;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.warehouse.Columns;

/** Hand-written {@code gold.metric_value} rows for tests of the stages that read it. */
public final class MetricRows {
  public static final StructType SCHEMA =
      new StructType()
          .add(Columns.METRIC_ID, DataTypes.StringType)
          .add(Columns.PERIOD, DataTypes.StringType)
          .add(Columns.ORG_CODE, DataTypes.StringType)
          .add(Columns.SERVICE_LINE, DataTypes.StringType)
          .add(Columns.BREAKDOWN, DataTypes.StringType)
          .add(Columns.NUMERATOR, DataTypes.DoubleType)
          .add(Columns.DENOMINATOR, DataTypes.DoubleType)
          .add(Columns.VALUE, DataTypes.DoubleType)
          .add(Columns.UNIT, DataTypes.StringType)
          .add(Columns.FLAGS, DataTypes.StringType);

  private MetricRows() {}

  /** A row whose numerator is its value and whose denominator is 1. */
  public static Row row(String metric, String org, double value, String flags) {
    return RowFactory.create(
        metric, "2024-06", org, "community_nursing", "ALL", value, 1.0, value, "x", flags);
  }

  /**
   * What tests compare of computed metric values, by metric then organisation: metric_id, org_code,
   * service_line, numerator, denominator, value, flags.
   */
  public static Dataset<Row> compared(Dataset<Row> values) {
    return values
        .select(
            Columns.METRIC_ID,
            Columns.ORG_CODE,
            Columns.SERVICE_LINE,
            Columns.NUMERATOR,
            Columns.DENOMINATOR,
            Columns.VALUE,
            Columns.FLAGS)
        .orderBy(Columns.METRIC_ID, Columns.ORG_CODE);
  }

  /** An expected row of {@link #compared}; nulls allowed. */
  public static List<Object> expected(Object... values) {
    return java.util.Arrays.asList(values);
  }

  public static Dataset<Row> of(List<Row> rows) {
    return SharedSpark.session().createDataFrame(rows, SCHEMA);
  }
}
