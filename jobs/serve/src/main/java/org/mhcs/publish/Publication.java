package org.mhcs.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.metrics.MetricValues;
import org.mhcs.warehouse.Columns;

/**
 * A gold or ops table as it may leave the warehouse: counts suppressed ({@code suppress: true}),
 * and every figure computed from counts ({@code suppress: derived}) masked wherever one of those
 * counts is masked. Masking the count alone is not enough: a rate times its rounded denominator, a
 * national total less every other organisation's published figure, a mean times the number of
 * organisations, or a funnel limit at the organisation's own denominator would give it back.
 *
 * <p>The counts are those of {@code gold.metric_value}. A row is matched to them on the keys it
 * shares with that table (metric, period, organisation, service line, breakdown): an organisation's
 * figures by its own rows, a national figure by every organisation's row in its slice, so a total
 * is masked when any row it sums is.
 */
public final class Publication {

  private static final String MASKED = "_masked";

  /** Digits kept when a derived figure is written as text (more than any metric needs). */
  private static final int DECIMALS = 10;

  private Publication() {}

  /**
   * {@code rows} as published.
   *
   * @param counts the columns that count people or events
   * @param derived the columns computed from counts of {@code metricValues}
   * @param metricValues {@code gold.metric_value} (numerator and denominator unsuppressed), read
   *     only when {@code derived} columns are present
   */
  public static Dataset<Row> of(
      Dataset<Row> rows, Set<String> counts, Set<String> derived, Dataset<Row> metricValues) {
    Dataset<Row> out = rows;
    List<String> present = Arrays.stream(rows.columns()).filter(derived::contains).toList();
    if (!present.isEmpty()) {
      out = masked(out, present, metricValues);
    }
    return Suppression.apply(out, counts);
  }

  private static Dataset<Row> masked(
      Dataset<Row> rows, List<String> derived, Dataset<Row> metricValues) {
    List<String> keys =
        MetricValues.KEY.stream().filter(Arrays.asList(rows.columns())::contains).toList();
    Column anyMasked =
        Suppression.masks(col(Columns.NUMERATOR)).or(Suppression.masks(col(Columns.DENOMINATOR)));
    Dataset<Row> masks =
        metricValues
            .groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
            .agg(max(anyMasked).as(MASKED));
    Dataset<Row> joined =
        rows.join(masks, scala.collection.JavaConverters.asScalaBuffer(keys).toSeq(), "left");
    Column masked = coalesce(col(MASKED), lit(false));
    Column[] published =
        Arrays.stream(rows.columns())
            .map(
                c ->
                    derived.contains(c)
                        ? when(masked, lit(Suppression.MASK)).otherwise(text(c)).as(c)
                        : col(c))
            .toArray(Column[]::new);
    return joined.select(published);
  }

  /** A number as plain text (no exponent, no trailing zeros), so masked and unmasked rows agree. */
  private static Column text(String column) {
    Column fixed = col(column).cast("decimal(38," + DECIMALS + ")").cast("string");
    return regexp_replace(fixed, "\\.?0+$", "");
  }
}
