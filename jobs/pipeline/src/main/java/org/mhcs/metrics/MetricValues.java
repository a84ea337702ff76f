package org.mhcs.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.spark.Structs;
import org.mhcs.warehouse.Columns;

/**
 * Turns a family's per-organisation aggregates into {@code gold.metric_value} rows: one per metric
 * × organisation × service line, with numerator and denominator kept so any figure can be
 * re-aggregated. Pure transform, no shuffle.
 */
public final class MetricValues {
  /** The columns that identify a {@code gold.metric_value} row. */
  public static final List<String> KEY =
      List.of(
          Columns.METRIC_ID,
          Columns.PERIOD,
          Columns.ORG_CODE,
          Columns.SERVICE_LINE,
          Columns.BREAKDOWN);

  /** Flag: the denominator is missing or zero, so there is no value. */
  public static final String NO_DENOMINATOR = "no_denominator";

  /** Flag: the denominator is below the metric's minimum; reported, not benchmarked. */
  public static final String BELOW_MIN_DENOMINATOR = "below_min_denominator";

  private MetricValues() {}

  /** Flag: an annual return left the numerator out, so there is no value. */
  public static final String NOT_RETURNED = "not_returned";

  /**
   * Values from activity: no activity in a staffed service is a numerator of zero, not a missing
   * value.
   */
  public static Dataset<Row> compute(List<Metric> metrics, Dataset<Row> aggregates) {
    return compute(metrics, aggregates, false);
  }

  /** Values from annual returns: a figure a trust did not return is missing, not zero. */
  public static Dataset<Row> fromReturns(List<Metric> metrics, Dataset<Row> aggregates) {
    return compute(metrics, aggregates, true);
  }

  private static Dataset<Row> compute(
      List<Metric> metrics, Dataset<Row> aggregates, boolean missingIsNotReturned) {
    // A breakdown (product, category) where the family's aggregates have one.
    Column breakdown =
        List.of(aggregates.columns()).contains(Columns.BREAKDOWN)
            ? col(Columns.BREAKDOWN)
            : lit(Columns.ALL);
    // One struct per metric, exploded: a single pass over the aggregates. A union of one select
    // per metric made Spark compute them once per metric (each branch pruned them to its own
    // columns, so no branch could reuse another's shuffle).
    List<Column> perMetric = new ArrayList<>();
    for (Metric m : metrics) {
      Column returned = m.numerator().cast("double");
      Column notReturned = missingIsNotReturned ? returned.isNull() : lit(false);
      Column num = missingIsNotReturned ? returned : coalesce(returned, lit(0.0));
      Column den = m.denominator().cast("double");
      Column noDenominator = den.isNull().or(den.leq(0));
      Column flags =
          concat_ws(
              ",",
              when(notReturned, lit(NOT_RETURNED)),
              when(noDenominator, lit(NO_DENOMINATOR)),
              when(
                  noDenominator.unary_$bang().and(den.lt(m.minDenominator())),
                  lit(BELOW_MIN_DENOMINATOR)));
      perMetric.add(
          struct(
              lit(m.id()).as(Columns.METRIC_ID),
              num.as(Columns.NUMERATOR),
              den.as(Columns.DENOMINATOR),
              when(noDenominator.or(notReturned), lit(null).cast("double"))
                  .otherwise(num.multiply(m.scale()).divide(den))
                  .as(Columns.VALUE),
              lit(m.unit()).as(Columns.UNIT),
              when(flags.equalTo(""), lit(null).cast("string"))
                  .otherwise(flags)
                  .as(Columns.FLAGS)));
    }
    return Structs.explode(
        aggregates.withColumn(Columns.BREAKDOWN, breakdown),
        array(perMetric.toArray(Column[]::new)),
        List.of(
            Columns.METRIC_ID,
            Columns.PERIOD,
            Columns.ORG_CODE,
            Columns.SERVICE_LINE,
            Columns.BREAKDOWN,
            Columns.NUMERATOR,
            Columns.DENOMINATOR,
            Columns.VALUE,
            Columns.UNIT,
            Columns.FLAGS));
  }
}
