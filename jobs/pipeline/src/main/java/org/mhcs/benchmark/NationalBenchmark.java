package org.mhcs.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * The national distribution of each metric × service line × breakdown × period across
 * organisations: exact p10, p25, median, p75 and p90 by linear interpolation between order
 * statistics (Spark's exact {@code percentile}, as SQL {@code percentile_cont} and Excel {@code
 * PERCENTILE.INC}), mean, min and max. One value per organisation; flagged values (missing or
 * below-minimum denominators) are left out. Pure transform; one shuffle.
 */
public final class NationalBenchmark {
  public static final String NATIONAL = "national";

  /** A peer group is named after the organisation it was found for: {@code peers:<org>}. */
  public static final String PEERS_PREFIX = "peers:";

  private NationalBenchmark() {}

  /** What one distribution is of: metric × period × service line × breakdown. */
  public static final String[] DISTRIBUTION = {
    Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN
  };

  /** The national distributions among {@code benchmark} rows. */
  public static Dataset<Row> nationalOf(Dataset<Row> benchmark) {
    return benchmark.where(col(Columns.PEER_GROUP).equalTo(NATIONAL));
  }

  /** The national rows' slice (metric, period, service line, breakdown) and {@code figures}. */
  public static Dataset<Row> nationalOf(Dataset<Row> benchmark, Column... figures) {
    List<Column> columns =
        new ArrayList<>(
            List.of(
                col(Columns.METRIC_ID),
                col(Columns.PERIOD),
                col(Columns.SERVICE_LINE),
                col(Columns.BREAKDOWN)));
    columns.addAll(List.of(figures));
    return nationalOf(benchmark).select(columns.toArray(Column[]::new));
  }

  public static Dataset<Row> compute(Dataset<Row> metricValues) {
    Dataset<Row> eligible =
        metricValues.where(col(Columns.FLAGS).isNull().and(col(Columns.VALUE).isNotNull()));
    long duplicates =
        eligible
            .groupBy(Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN)
            .agg(count(lit(1)).as("n"), countDistinct(Columns.ORG_CODE).as("orgs"))
            .where(col("n").notEqual(col("orgs")))
            .count();
    if (duplicates > 0) {
      throw new IllegalStateException(
          "metric values hold more than one row per organisation for "
              + duplicates
              + " metric/service line/period groups: the distribution must be across organisations");
    }
    return distributions(eligible.withColumn(Columns.PEER_GROUP, lit(NATIONAL)));
  }

  /**
   * The same statistics within each organisation's peer group: the organisation and its peers
   * ({@code gold.peer}), named {@code peers:<org>}.
   */
  public static Dataset<Row> forPeerGroups(Dataset<Row> metricValues, Dataset<Row> peers) {
    Dataset<Row> members =
        peers
            .select(col(Columns.ORG_CODE).as("group_org"), col(Columns.PEER_ORG_CODE).as("member"))
            .union(
                peers
                    .select(
                        col(Columns.ORG_CODE).as("group_org"), col(Columns.ORG_CODE).as("member"))
                    .distinct());
    Dataset<Row> eligible =
        metricValues
            .where(col(Columns.FLAGS).isNull().and(col(Columns.VALUE).isNotNull()))
            .join(members, col(Columns.ORG_CODE).equalTo(col("member")))
            .withColumn(Columns.PEER_GROUP, concat(lit(PEERS_PREFIX), col("group_org")));
    return distributions(eligible);
  }

  private static Dataset<Row> distributions(Dataset<Row> eligible) {
    return eligible
        .groupBy(
            Columns.METRIC_ID,
            Columns.PERIOD,
            Columns.SERVICE_LINE,
            Columns.BREAKDOWN,
            Columns.PEER_GROUP)
        .agg(
            count(lit(1)).as(Columns.N_ORGS),
            percentilesOf(Columns.VALUE).as(QUANTILES),
            ExactSums.meanOf(col(Columns.VALUE)).as(Columns.MEAN),
            min(Columns.VALUE).as(Columns.MIN),
            max(Columns.VALUE).as(Columns.MAX))
        .select(
            joined(
                    List.of(
                        col(Columns.METRIC_ID),
                        col(Columns.PERIOD),
                        col(Columns.SERVICE_LINE),
                        col(Columns.BREAKDOWN),
                        col(Columns.PEER_GROUP),
                        col(Columns.N_ORGS)),
                    percentileColumns(col(QUANTILES)),
                    List.of(col(Columns.MEAN), col(Columns.MIN), col(Columns.MAX)))
                .toArray(Column[]::new));
  }

  /** The percentiles every distribution in gold gives, in the order of {@link #percentilesOf}. */
  public static final List<String> PERCENTILES =
      List.of(Columns.P10, Columns.P25, Columns.P50, Columns.P75, Columns.P90);

  private static final String QUANTILES = "_quantiles";

  /**
   * The one percentile rule of gold, as an aggregate: the exact p10, p25, median, p75 and p90 of
   * {@code column} by linear interpolation between order statistics, as an array in the order of
   * {@link #PERCENTILES}.
   */
  public static Column percentilesOf(String column) {
    return expr("percentile(`" + column + "`, array(0.1, 0.25, 0.5, 0.75, 0.9))");
  }

  /** The items of a {@link #percentilesOf} array, each named as {@link #PERCENTILES} says. */
  public static List<Column> percentileColumns(Column quantiles) {
    List<Column> named = new ArrayList<>();
    for (int i = 0; i < PERCENTILES.size(); i++) {
      named.add(quantiles.getItem(i).as(PERCENTILES.get(i)));
    }
    return named;
  }

  private static List<Column> joined(List<Column> first, List<Column> second, List<Column> third) {
    List<Column> all = new ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    return all;
  }
}
