package org.mhcs.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.benchmark.FunnelLimits.Funnel;
import org.mhcs.benchmark.FunnelLimits.Position;
import org.mhcs.benchmark.FunnelLimits.Unit;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.FunnelType;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.warehouse.Columns;

/**
 * Each organisation's place in its national distribution: percentile rank (the share of the other
 * organisations with a lower value), quartile (1 = best given the metric's direction; for context
 * metrics 1 = lowest), and for metrics declared with a funnel, the funnel-plot limits at its own
 * denominator and whether it falls outside them. Organisations left out of the distribution
 * (flagged values) keep their row with no position.
 */
public final class OrgPositions {
  private static final StructType FUNNEL_SCHEMA =
      new StructType()
          .add(Columns.METRIC_ID, DataTypes.StringType)
          .add(Columns.PERIOD, DataTypes.StringType)
          .add(Columns.SERVICE_LINE, DataTypes.StringType)
          .add(Columns.BREAKDOWN, DataTypes.StringType)
          .add(Columns.ORG_CODE, DataTypes.StringType)
          .add(Columns.FUNNEL_TYPE, DataTypes.StringType)
          .add(Columns.FUNNEL_TARGET, DataTypes.DoubleType)
          .add(Columns.FUNNEL_LOWER_95, DataTypes.DoubleType)
          .add(Columns.FUNNEL_UPPER_95, DataTypes.DoubleType)
          .add(Columns.FUNNEL_LOWER_998, DataTypes.DoubleType)
          .add(Columns.FUNNEL_UPPER_998, DataTypes.DoubleType)
          .add(Columns.FUNNEL_FLAG_95, DataTypes.StringType)
          .add(Columns.FUNNEL_FLAG_998, DataTypes.StringType)
          .add(Columns.FUNNEL_ADJUSTED, DataTypes.BooleanType)
          .add(Columns.FUNNEL_PHI, DataTypes.DoubleType)
          .add(Columns.FUNNEL_TAU2, DataTypes.DoubleType);

  /** The position columns, in table order. */
  static final String[] COLUMNS = {
    Columns.METRIC_ID,
    Columns.PERIOD,
    Columns.ORG_CODE,
    Columns.SERVICE_LINE,
    Columns.BREAKDOWN,
    Columns.VALUE,
    Columns.FLAGS,
    Columns.N_ORGS,
    Columns.PERCENTILE_RANK,
    Columns.QUARTILE,
    Columns.NATIONAL_P50,
    Columns.FUNNEL_TYPE,
    Columns.FUNNEL_TARGET,
    Columns.FUNNEL_LOWER_95,
    Columns.FUNNEL_UPPER_95,
    Columns.FUNNEL_LOWER_998,
    Columns.FUNNEL_UPPER_998,
    Columns.FUNNEL_FLAG_95,
    Columns.FUNNEL_FLAG_998,
    Columns.FUNNEL_ADJUSTED,
    Columns.FUNNEL_PHI,
    Columns.FUNNEL_TAU2
  };

  /** With the organisation's own peer group beside the national figures. */
  static final String[] COLUMNS_WITH_PEERS =
      java.util.stream.Stream.concat(
              java.util.Arrays.stream(COLUMNS),
              java.util.stream.Stream.of(Columns.PEER_GROUP, Columns.PEER_N_ORGS, Columns.PEER_P50))
          .toArray(String[]::new);

  private final MetricCatalog catalog;

  public OrgPositions(MetricCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param metricValues {@code gold.metric_value} rows of the periods
   * @param benchmark their {@code gold.benchmark} rows (the national ones are used)
   */
  public Dataset<Row> compute(Dataset<Row> metricValues, Dataset<Row> benchmark) {
    Dataset<Row> values = metricValues.where(col(Columns.VALUE).isNotNull());
    Column eligible = col(Columns.FLAGS).isNull();
    Dataset<Row> national =
        NationalBenchmark.nationalOf(
            benchmark,
            col(Columns.N_ORGS),
            col(Columns.P25),
            col(Columns.P50).as(Columns.NATIONAL_P50),
            col(Columns.P75));
    Dataset<Row> ranked =
        values
            .where(eligible)
            .withColumn(
                Columns.PERCENTILE_RANK,
                percent_rank()
                    .over(
                        Window.partitionBy(
                                Columns.METRIC_ID,
                                Columns.PERIOD,
                                Columns.SERVICE_LINE,
                                Columns.BREAKDOWN)
                            .orderBy(Columns.VALUE))
                    .multiply(100))
            .join(national, NationalBenchmark.DISTRIBUTION)
            .withColumn(Columns.QUARTILE, quartile())
            .drop(Columns.P25, Columns.P75);
    Dataset<Row> flagged =
        values
            .where(eligible.unary_$bang())
            .withColumn(Columns.PERCENTILE_RANK, lit(null).cast("double"))
            .withColumn(Columns.N_ORGS, lit(null).cast("long"))
            .withColumn(Columns.NATIONAL_P50, lit(null).cast("double"))
            .withColumn(Columns.QUARTILE, lit(null).cast("int"));
    Dataset<Row> positions = ranked.unionByName(flagged);
    String[] key = {
      Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN, Columns.ORG_CODE
    };
    return positions.join(funnels(values.where(eligible)), key, "left").selectExpr(COLUMNS);
  }

  /** 1 = best: the top quarter where higher is better, the bottom quarter where lower is. */
  private Column quartile() {
    return quartile(
        catalog, col(Columns.VALUE), col(Columns.P25), col(Columns.NATIONAL_P50), col(Columns.P75));
  }

  /**
   * The quartile of {@code value} in a distribution with these quartiles, 1 = best: the top quarter
   * of metrics where higher is better, the bottom quarter of the others (for context metrics 1 =
   * lowest). Expects a {@code metric_id} column.
   */
  public static Column quartile(
      MetricCatalog catalog, Column value, Column p25, Column p50, Column p75) {
    Column ascending =
        when(value.leq(p25), lit(1)).when(value.leq(p50), lit(2)).when(value.leq(p75), lit(3));
    Column descending =
        when(value.geq(p75), lit(1)).when(value.geq(p50), lit(2)).when(value.geq(p25), lit(3));
    List<String> higher =
        catalog.all().stream()
            .filter(m -> m.direction() == Direction.HIGHER_IS_BETTER)
            .map(Metric::id)
            .toList();
    return when(col(Columns.METRIC_ID).isin(higher.toArray()), descending.otherwise(lit(4)))
        .otherwise(ascending.otherwise(lit(4)));
  }

  /**
   * Funnel limits per distribution, computed on the driver: the inputs are one aggregate row per
   * organisation of the few metrics that have funnels, not patient-level rows.
   */
  private Dataset<Row> funnels(Dataset<Row> eligible) {
    Map<String, Metric> withFunnel = new LinkedHashMap<>();
    for (Metric m : catalog.all()) {
      if (m.funnel() != FunnelType.NONE) {
        withFunnel.put(m.id(), m);
      }
    }
    Map<List<String>, List<Unit>> groups = new LinkedHashMap<>();
    for (Row r :
        eligible
            .where(col(Columns.METRIC_ID).isin(withFunnel.keySet().toArray()))
            .select(
                Columns.METRIC_ID,
                Columns.PERIOD,
                Columns.SERVICE_LINE,
                Columns.BREAKDOWN,
                Columns.ORG_CODE,
                Columns.NUMERATOR,
                Columns.DENOMINATOR)
            .orderBy(
                Columns.METRIC_ID,
                Columns.PERIOD,
                Columns.SERVICE_LINE,
                Columns.BREAKDOWN,
                Columns.ORG_CODE)
            .collectAsList()) {
      groups
          .computeIfAbsent(
              List.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3)),
              k -> new ArrayList<>())
          .add(new Unit(r.getString(4), r.getDouble(5), r.getDouble(6)));
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<List<String>, List<Unit>> g : groups.entrySet()) {
      Metric m = withFunnel.get(g.getKey().get(0));
      Funnel f =
          m.funnel() == FunnelType.PROPORTION
              ? FunnelLimits.proportions(g.getValue(), m.scale())
              : FunnelLimits.rates(g.getValue(), m.scale());
      for (Position p : f.units()) {
        List<String> k = g.getKey();
        rows.add(
            RowFactory.create(
                k.get(0),
                k.get(1),
                k.get(2),
                k.get(3),
                p.id(),
                m.funnel().name().toLowerCase(java.util.Locale.ROOT),
                f.target(),
                p.lower95(),
                p.upper95(),
                p.lower998(),
                p.upper998(),
                p.flag95(),
                p.flag998(),
                f.adjusted(),
                f.phi(),
                f.tau2()));
      }
    }
    return eligible.sparkSession().createDataFrame(rows, FUNNEL_SCHEMA);
  }
}
