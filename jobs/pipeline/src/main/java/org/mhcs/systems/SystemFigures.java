package org.mhcs.systems;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.benchmark.OrgPositions;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.MetricValues;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * The figures of integrated care boards, regions and England from their members' {@code
 * gold.metric_value} rows ({@link SystemMembership#attach}ed): values from summed numerators and
 * denominators ({@code gold.system_value}), their distributions across systems ({@code
 * gold.system_benchmark}), and each organisation's rank within its region and ICB ({@code
 * gold.org_system_position}). Pure transforms over one row per organisation and metric slice: a
 * shuffle each, a few for the windows.
 */
public final class SystemFigures {
  /** What one system figure is of. */
  static final String[] SLICE = {
    Columns.METRIC_ID,
    Columns.PERIOD,
    Columns.SERVICE_LINE,
    Columns.BREAKDOWN,
    Columns.LEVEL,
    Columns.SYSTEM_CODE
  };

  /** What one distribution across systems is of. */
  private static final String[] DISTRIBUTION = {
    Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN, Columns.LEVEL
  };

  /** gold.system_value's columns, in table order (without the lineage the stage adds). */
  static final String[] VALUE_COLUMNS = {
    Columns.METRIC_ID,
    Columns.PERIOD,
    Columns.SERVICE_LINE,
    Columns.BREAKDOWN,
    Columns.LEVEL,
    Columns.SYSTEM_CODE,
    Columns.N_MEMBERS,
    Columns.NUMERATOR,
    Columns.DENOMINATOR,
    Columns.VALUE,
    Columns.UNIT,
    Columns.FLAGS,
    Columns.PERCENTILE_RANK,
    Columns.QUARTILE
  };

  private final MetricCatalog catalog;

  public SystemFigures(MetricCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * {@code gold.system_value}: per metric slice, ICB, region and England, the members' summed
   * counts and {@code scale × Σ numerator ÷ Σ denominator}, with the systems' percentile rank and
   * quartile among the ICBs (or regions) of the slice.
   *
   * <p>Members are the organisations' rows with a value: a numerator and a positive denominator
   * ({@code not_returned} and {@code no_denominator} rows have no value and are left out);
   * organisations below the metric's minimum denominator are summed, their counts being real. A
   * system is flagged as an organisation is, on its summed denominator. The distribution (and so
   * rank and quartile) leaves out flagged systems, {@link SystemMembership#UNKNOWN}, and England,
   * which is alone at its level.
   *
   * @param attached {@code gold.metric_value} rows with {@code region_code} and {@code icb_code}
   */
  public Dataset<Row> values(Dataset<Row> attached) {
    Column denominator = col(Columns.DENOMINATOR);
    Column noDenominator = denominator.isNull().or(denominator.leq(0));
    Dataset<Row> summed =
        SystemMembership.bySystem(attached.where(col(Columns.VALUE).isNotNull()))
            .groupBy(columns(SLICE))
            .agg(
                count(lit(1)).as(Columns.N_MEMBERS),
                ExactSums.sumOf(col(Columns.NUMERATOR)).as(Columns.NUMERATOR),
                ExactSums.sumOf(col(Columns.DENOMINATOR)).as(Columns.DENOMINATOR),
                min(Columns.UNIT).as(Columns.UNIT))
            .withColumn(
                Columns.VALUE,
                when(noDenominator, lit(null).cast("double"))
                    .otherwise(
                        col(Columns.NUMERATOR)
                            .multiply(byMetric(Metric::scale))
                            .divide(denominator)))
            .withColumn(
                Columns.FLAGS,
                when(noDenominator, lit(MetricValues.NO_DENOMINATOR))
                    .when(
                        denominator.lt(byMetric(Metric::minDenominator)),
                        lit(MetricValues.BELOW_MIN_DENOMINATOR))
                    .otherwise(lit(null).cast("string")));
    Column ranked = inDistribution();
    Dataset<Row> distribution = benchmark(summed);
    Dataset<Row> positioned =
        summed
            .where(ranked)
            .withColumn(
                Columns.PERCENTILE_RANK,
                percent_rank()
                    .over(Window.partitionBy(columns(DISTRIBUTION)).orderBy(Columns.VALUE))
                    .multiply(100))
            .join(distribution.select(quartileColumns()), DISTRIBUTION)
            .withColumn(
                Columns.QUARTILE,
                OrgPositions.quartile(
                    catalog,
                    col(Columns.VALUE),
                    col(Columns.P25),
                    col(Columns.P50),
                    col(Columns.P75)));
    Dataset<Row> unranked =
        summed
            .where(ranked.unary_$bang())
            .withColumn(Columns.PERCENTILE_RANK, lit(null).cast("double"))
            .withColumn(Columns.QUARTILE, lit(null).cast("int"));
    return positioned.selectExpr(VALUE_COLUMNS).unionByName(unranked.selectExpr(VALUE_COLUMNS));
  }

  /**
   * {@code gold.system_benchmark}: per metric slice and level (ICBs, regions), the exact p10 to p90
   * of the systems' values by {@link NationalBenchmark#percentilesOf}, the rule of {@code
   * gold.benchmark}, with min and max, over the systems {@link #values} ranks.
   *
   * @param systemValues rows with {@code gold.system_value}'s columns
   */
  public static Dataset<Row> benchmark(Dataset<Row> systemValues) {
    String quantiles = "_quantiles";
    List<Column> columns = new ArrayList<>();
    for (String c : DISTRIBUTION) {
      columns.add(col(c));
    }
    columns.add(col(Columns.N_SYSTEMS));
    columns.addAll(NationalBenchmark.percentileColumns(col(quantiles)));
    columns.add(col(Columns.MIN));
    columns.add(col(Columns.MAX));
    return systemValues
        .where(inDistribution())
        .groupBy(columns(DISTRIBUTION))
        .agg(
            count(lit(1)).as(Columns.N_SYSTEMS),
            NationalBenchmark.percentilesOf(Columns.VALUE).as(quantiles),
            min(Columns.VALUE).as(Columns.MIN),
            max(Columns.VALUE).as(Columns.MAX))
        .select(columns.toArray(Column[]::new));
  }

  /**
   * {@code gold.org_system_position}: each benchmarked organisation (a value, no flag) ranked
   * within its region and within its ICB of the period, 1 = best given the metric's direction
   * (context metrics: 1 = lowest), ties sharing the better rank; with the number of such
   * organisations and their median ({@link NationalBenchmark#percentilesOf}).
   *
   * @param attached {@code gold.metric_value} rows with {@code region_code} and {@code icb_code}
   */
  public Dataset<Row> positions(Dataset<Row> attached) {
    Dataset<Row> benchmarked =
        attached.where(col(Columns.FLAGS).isNull().and(col(Columns.VALUE).isNotNull()));
    Column best =
        when(col(Columns.METRIC_ID).isin(higherIsBetter()), col(Columns.VALUE).unary_$minus())
            .otherwise(col(Columns.VALUE));
    Dataset<Row> positions = benchmarked;
    for (String[] within :
        List.of(
            new String[] {Columns.REGION_CODE, Columns.REGION_N_ORGS, Columns.REGION_RANK},
            new String[] {Columns.ICB_CODE, Columns.ICB_N_ORGS, Columns.ICB_RANK})) {
      WindowSpec group =
          Window.partitionBy(
              col(Columns.METRIC_ID),
              col(Columns.PERIOD),
              col(Columns.SERVICE_LINE),
              col(Columns.BREAKDOWN),
              col(within[0]));
      positions =
          positions
              .withColumn(within[1], count(lit(1)).over(group))
              .withColumn(within[2], rank().over(group.orderBy(best)));
    }
    positions =
        positions
            .join(
                median(benchmarked, Columns.REGION_CODE, Columns.REGION_P50),
                medianKey(Columns.REGION_CODE))
            .join(
                median(benchmarked, Columns.ICB_CODE, Columns.ICB_P50),
                medianKey(Columns.ICB_CODE));
    return positions.select(
        col(Columns.METRIC_ID),
        col(Columns.PERIOD),
        col(Columns.ORG_CODE),
        col(Columns.SERVICE_LINE),
        col(Columns.BREAKDOWN),
        col(Columns.VALUE),
        col(Columns.REGION_CODE),
        col(Columns.REGION_N_ORGS),
        col(Columns.REGION_RANK),
        col(Columns.REGION_P50),
        col(Columns.ICB_CODE),
        col(Columns.ICB_N_ORGS),
        col(Columns.ICB_RANK),
        col(Columns.ICB_P50));
  }

  private static Dataset<Row> median(Dataset<Row> benchmarked, String system, String as) {
    String quantiles = "_quantiles";
    return benchmarked
        .groupBy(columns(medianKey(system)))
        .agg(NationalBenchmark.percentilesOf(Columns.VALUE).as(quantiles))
        .withColumn(as, col(quantiles).getItem(NationalBenchmark.PERCENTILES.indexOf(Columns.P50)))
        .drop(quantiles);
  }

  private static String[] medianKey(String system) {
    return new String[] {
      Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN, system
    };
  }

  static Column[] columns(String... names) {
    return java.util.Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
  }

  /** The systems a distribution across systems holds. */
  private static Column inDistribution() {
    return col(Columns.FLAGS)
        .isNull()
        .and(col(Columns.VALUE).isNotNull())
        .and(col(Columns.LEVEL).notEqual(SystemMembership.NATIONAL))
        .and(col(Columns.SYSTEM_CODE).notEqual(SystemMembership.UNKNOWN));
  }

  private Column[] quartileColumns() {
    List<Column> columns = new ArrayList<>();
    for (String c : DISTRIBUTION) {
      columns.add(col(c));
    }
    columns.add(col(Columns.P25));
    columns.add(col(Columns.P50));
    columns.add(col(Columns.P75));
    return columns.toArray(Column[]::new);
  }

  private Object[] higherIsBetter() {
    return catalog.all().stream()
        .filter(m -> m.direction() == Direction.HIGHER_IS_BETTER)
        .map(Metric::id)
        .toArray();
  }

  /** A declared number of each row's metric ({@code CASE metric_id WHEN …}). */
  private Column byMetric(Function<Metric, Double> part) {
    Column chosen = null;
    for (Metric m : catalog.all()) {
      Column when = col(Columns.METRIC_ID).equalTo(m.id());
      chosen = chosen == null ? when(when, part.apply(m)) : chosen.when(when, part.apply(m));
    }
    return chosen.otherwise(lit(null).cast("double"));
  }
}
