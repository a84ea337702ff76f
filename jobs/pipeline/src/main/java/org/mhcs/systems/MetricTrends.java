package org.mhcs.systems;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.calendar.Period;
import org.mhcs.metrics.FunnelType;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.warehouse.Columns;

/**
 * {@code gold.metric_trend}: every organisation's and system's figure of every period, beside the
 * previous period's and the year-earlier one's, with the change, whether it is beyond chance
 * ({@link ChangeTests}: the two-proportion test for metrics with a proportion funnel, the Poisson
 * rate test for those with a rate funnel, none for others), the national median and interquartile
 * band of the period ({@code gold.benchmark}), and whether the metric's definition or the mapping
 * version changed since the previous period ({@code gold.metric_basis}). Pure transform: two joins
 * of the figures with themselves, and broadcast joins of small tables.
 */
public final class MetricTrends {
  private static final String[] ENTITY = {
    Columns.LEVEL, Columns.ENTITY_CODE, Columns.METRIC_ID, Columns.SERVICE_LINE, Columns.BREAKDOWN
  };

  private static final String[] FIGURE = {
    Columns.LEVEL,
    Columns.ENTITY_CODE,
    Columns.METRIC_ID,
    Columns.SERVICE_LINE,
    Columns.BREAKDOWN,
    Columns.PERIOD,
    Columns.NUMERATOR,
    Columns.DENOMINATOR,
    Columns.VALUE
  };

  /** gold.metric_trend's columns, in table order. */
  static final String[] COLUMNS =
      Stream.concat(
              Arrays.stream(FIGURE),
              Stream.of(
                  Columns.PREVIOUS_PERIOD,
                  Columns.PREVIOUS_VALUE,
                  Columns.CHANGE,
                  Columns.CHANGE_P_VALUE,
                  Columns.CHANGE_SIGNIFICANT,
                  Columns.YEAR_AGO_PERIOD,
                  Columns.YEAR_AGO_VALUE,
                  Columns.CHANGE_YEAR,
                  Columns.CHANGE_YEAR_P_VALUE,
                  Columns.CHANGE_YEAR_SIGNIFICANT,
                  Columns.TEST,
                  Columns.NATIONAL_P25,
                  Columns.NATIONAL_P50,
                  Columns.NATIONAL_P75,
                  Columns.BASIS_CHANGED,
                  Columns.BASIS_NOTE))
          .toArray(String[]::new);

  // Working columns: the periods a row is compared with, and the figures found there.
  private static final String PREVIOUS = "_previous";
  private static final String YEAR_AGO = "_year_ago";
  private static final String FOUND = "_found";
  private static final String NUMERATOR = "_numerator";
  private static final String DENOMINATOR = "_denominator";
  private static final String MAPPING = "_mapping";

  private final MetricCatalog catalog;

  public MetricTrends(MetricCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The trend rows of every period in {@code metricValues}.
   *
   * @param metricValues {@code gold.metric_value}, every period: organisations' rows with a value
   * @param systemValues {@code gold.system_value}, every period
   * @param benchmark {@code gold.benchmark}, every period (its national distributions are used)
   * @param basis {@code gold.metric_basis}, every period, when the warehouse has it
   * @param periods the periods of {@code metricValues}, to find each one's previous and
   *     year-earlier period without scanning them twice
   */
  public Dataset<Row> compute(
      Dataset<Row> metricValues,
      Dataset<Row> systemValues,
      Dataset<Row> benchmark,
      Optional<Dataset<Row>> basis,
      Collection<String> periods) {
    Dataset<Row> organisations =
        metricValues
            .where(col(Columns.VALUE).isNotNull())
            .withColumn(Columns.LEVEL, lit(SystemMembership.ORGANISATION))
            .withColumn(Columns.ENTITY_CODE, col(Columns.ORG_CODE))
            .selectExpr(FIGURE);
    Dataset<Row> systems =
        systemValues.withColumn(Columns.ENTITY_CODE, col(Columns.SYSTEM_CODE)).selectExpr(FIGURE);
    Dataset<Row> figures = organisations.unionByName(systems);
    SparkSession spark = figures.sparkSession();

    Dataset<Row> trend =
        figures
            .join(broadcast(steps(spark, periods)), Columns.PERIOD)
            .withColumn(Columns.TEST, test());
    trend = compared(trend, figures, PREVIOUS);
    trend = compared(trend, figures, YEAR_AGO);
    Dataset<Row> national =
        NationalBenchmark.nationalOf(
            benchmark,
            col(Columns.P25).as(Columns.NATIONAL_P25),
            col(Columns.P50).as(Columns.NATIONAL_P50),
            col(Columns.P75).as(Columns.NATIONAL_P75));
    trend =
        trend.join(
            national,
            new String[] {
              Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN
            },
            "left");
    return withBasis(trend, basis).selectExpr(COLUMNS);
  }

  /**
   * Each period with the period before it and the one a year earlier ({@link Period#previous},
   * {@link Period#yearEarlier}), as labels.
   */
  static Dataset<Row> steps(SparkSession spark, Collection<String> periods) {
    List<Row> rows = new ArrayList<>();
    for (String label : periods) {
      Period p = Period.parseRun(label);
      rows.add(RowFactory.create(label, p.previous().toString(), p.yearEarlier().toString()));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add(Columns.PERIOD, DataTypes.StringType)
            .add(PREVIOUS, DataTypes.StringType)
            .add(YEAR_AGO, DataTypes.StringType));
  }

  /**
   * {@code trend} with the figure of the same entity in the period named by {@code step}: that
   * period (null when the warehouse has no figure there), its value, the change and its test.
   */
  private static Dataset<Row> compared(Dataset<Row> trend, Dataset<Row> figures, String step) {
    boolean previous = step.equals(PREVIOUS);
    String period = previous ? Columns.PREVIOUS_PERIOD : Columns.YEAR_AGO_PERIOD;
    String value = previous ? Columns.PREVIOUS_VALUE : Columns.YEAR_AGO_VALUE;
    String change = previous ? Columns.CHANGE : Columns.CHANGE_YEAR;
    String pValue = previous ? Columns.CHANGE_P_VALUE : Columns.CHANGE_YEAR_P_VALUE;
    String significant = previous ? Columns.CHANGE_SIGNIFICANT : Columns.CHANGE_YEAR_SIGNIFICANT;
    List<Column> then = new ArrayList<>();
    for (String c : ENTITY) {
      then.add(col(c));
    }
    then.add(col(Columns.PERIOD).as(step));
    then.add(col(Columns.NUMERATOR).as(NUMERATOR));
    then.add(col(Columns.DENOMINATOR).as(DENOMINATOR));
    then.add(col(Columns.VALUE).as(value));
    then.add(lit(true).as(FOUND));
    String[] key = new String[ENTITY.length + 1];
    System.arraycopy(ENTITY, 0, key, 0, ENTITY.length);
    key[ENTITY.length] = step;
    Column p =
        ChangeTests.pValue(
            col(Columns.TEST),
            col(NUMERATOR),
            col(DENOMINATOR),
            col(Columns.NUMERATOR),
            col(Columns.DENOMINATOR));
    return trend
        .join(figures.select(then.toArray(Column[]::new)), key, "left")
        .withColumn(period, when(col(FOUND), col(step)))
        .withColumn(change, col(Columns.VALUE).minus(col(value)))
        .withColumn(pValue, when(col(FOUND), p))
        .withColumn(significant, col(pValue).lt(ChangeTests.SIGNIFICANCE))
        .drop(NUMERATOR, DENOMINATOR, FOUND);
  }

  /** Which test a metric's changes get: by its funnel type, none where it has no funnel. */
  private Column test() {
    List<String> proportions = new ArrayList<>();
    List<String> rates = new ArrayList<>();
    for (Metric m : catalog.all()) {
      if (m.funnel() == FunnelType.PROPORTION) {
        proportions.add(m.id());
      } else if (m.funnel() == FunnelType.RATE) {
        rates.add(m.id());
      }
    }
    return when(
            col(Columns.METRIC_ID).isin(proportions.toArray()), lit(ChangeTests.TWO_PROPORTION_Z))
        .when(col(Columns.METRIC_ID).isin(rates.toArray()), lit(ChangeTests.POISSON_RATE_Z))
        .otherwise(lit(null).cast("string"));
  }

  /**
   * {@code basis_changed}: whether the metric's definition or mapping version differs between the
   * period's basis and the previous period's; null when either has none. {@code basis_note} says
   * what changed.
   */
  private static Dataset<Row> withBasis(Dataset<Row> trend, Optional<Dataset<Row>> basis) {
    if (basis.isEmpty()) {
      return trend
          .withColumn(Columns.BASIS_CHANGED, lit(null).cast("boolean"))
          .withColumn(Columns.BASIS_NOTE, lit(null).cast("string"));
    }
    Dataset<Row> now =
        basis
            .get()
            .select(
                col(Columns.METRIC_ID),
                col(Columns.PERIOD),
                col(Columns.DEFINITION),
                col(Columns.MAPPING_VERSION).as(MAPPING));
    Dataset<Row> before =
        basis
            .get()
            .select(
                col(Columns.METRIC_ID),
                col(Columns.PERIOD).as(PREVIOUS),
                col(Columns.DEFINITION).as("_before_definition"),
                col(Columns.MAPPING_VERSION).as("_before_mapping"));
    Column definitionChanged = not(col(Columns.DEFINITION).eqNullSafe(col("_before_definition")));
    Column mappingChanged = not(col(MAPPING).eqNullSafe(col("_before_mapping")));
    Column bothKnown = col(MAPPING).isNotNull().and(col("_before_mapping").isNotNull());
    Column note =
        concat_ws(
            "; ",
            when(definitionChanged, lit("definition changed")),
            when(
                mappingChanged,
                concat(lit("mapping version "), col("_before_mapping"), lit(" → "), col(MAPPING))));
    return trend
        .join(broadcast(now), new String[] {Columns.METRIC_ID, Columns.PERIOD}, "left")
        .join(broadcast(before), new String[] {Columns.METRIC_ID, PREVIOUS}, "left")
        .withColumn(Columns.BASIS_CHANGED, when(bothKnown, definitionChanged.or(mappingChanged)))
        .withColumn(Columns.BASIS_NOTE, when(bothKnown.and(note.notEqual("")), note));
  }
}
