package org.mhcs.systems;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;

/**
 * System figures on hand-made rows: who counts where, sums before dividing, the distributions
 * across systems and ranks within them.
 *
 * <p>The hierarchy: A in ICB I1; B in I1 until 1 July 2024, then I2; C in I2 (all region Y56); D
 * and G in I3, E in I4 (region Y62); F has no row. sickness_rate_pct (lower is better, scale 100,
 * minimum denominator 100 here) in August 2024, sick days / available days:
 *
 * <pre>
 *   A 10/200 = 5%   B 30/300 = 10%   C 8/100 = 8%   D 20/400 = 5%
 *   E 5/50 = 10% (below the minimum: summed, not benchmarked)   F 6/100 = 6% (no hierarchy row)
 *   G not returned (no numerator, no value: not summed)
 * </pre>
 *
 * and B 12/100 = 12% in the financial year 2024-25, which counts in I1: the row in force on its
 * first day, 1 April.
 */
class SystemFiguresTest {
  private static final MetricCatalog CATALOG =
      MetricCatalog.from(
          Settings.load(
              Map.of(
                  "benchmark.min_fte_days_available", "100",
                  "benchmark.min_available_days", "1")));
  private static final String SICKNESS = "sickness_rate_pct";
  private static final String DIRECT_CARE = "direct_care_pct";
  private static final String AUGUST = "2024-08";
  private static final String YEAR = "2024-25";
  private static final List<Period> PERIODS = List.of(Period.parse(AUGUST), Period.parseRun(YEAR));

  private static final StructType HIERARCHY =
      new StructType()
          .add(Columns.ORG_CODE, DataTypes.StringType)
          .add(Columns.REGION, DataTypes.StringType)
          .add(Columns.ICB, DataTypes.StringType)
          .add(Columns.VALID_FROM, DataTypes.DateType)
          .add(Columns.VALID_TO, DataTypes.DateType);

  private static Row org(String code, String region, String icb, String from, String to) {
    return RowFactory.create(
        code, region, icb, Date.valueOf(from), to == null ? null : Date.valueOf(to));
  }

  private static Row value(
      String metric, String period, String org, Double num, double den, String flags) {
    Double value = num == null ? null : 100 * num / den;
    return RowFactory.create(
        metric, period, org, Columns.ALL, Columns.ALL, num, den, value, "percent", flags);
  }

  private static Dataset<Row> hierarchy() {
    return SharedSpark.session()
        .createDataFrame(
            List.of(
                org("A", "Y56", "I1", "2024-01-01", null),
                org("B", "Y56", "I1", "2024-01-01", "2024-07-01"),
                org("B", "Y56", "I2", "2024-07-01", null),
                org("C", "Y56", "I2", "2024-01-01", null),
                org("D", "Y62", "I3", "2024-01-01", null),
                org("E", "Y62", "I4", "2024-01-01", null),
                org("G", "Y62", "I3", "2024-01-01", null)),
            HIERARCHY);
  }

  private static Dataset<Row> attached() {
    Dataset<Row> values =
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    value(SICKNESS, AUGUST, "A", 10.0, 200, null),
                    value(SICKNESS, AUGUST, "B", 30.0, 300, null),
                    value(SICKNESS, AUGUST, "C", 8.0, 100, null),
                    value(SICKNESS, AUGUST, "D", 20.0, 400, null),
                    value(SICKNESS, AUGUST, "E", 5.0, 50, "below_min_denominator"),
                    value(SICKNESS, AUGUST, "F", 6.0, 100, null),
                    value(SICKNESS, AUGUST, "G", null, 300, "not_returned"),
                    value(SICKNESS, YEAR, "B", 12.0, 100, null),
                    // Higher is better: B and C tie at 50%.
                    value(DIRECT_CARE, AUGUST, "A", 300.0, 1000, null),
                    value(DIRECT_CARE, AUGUST, "B", 500.0, 1000, null),
                    value(DIRECT_CARE, AUGUST, "C", 500.0, 1000, null)),
                MetricRows.SCHEMA);
    return SystemMembership.attach(values, PERIODS, Optional.of(hierarchy()));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values); // keeps nulls, unlike List.of
  }

  @Test
  void eachOrganisationCountsWhereItWasOnThePeriodsFirstDay() {
    Answers.assertRows(
        attached()
            .where(col(Columns.METRIC_ID).equalTo(SICKNESS))
            .select(Columns.PERIOD, Columns.ORG_CODE, Columns.REGION_CODE, Columns.ICB_CODE)
            .orderBy(Columns.PERIOD, Columns.ORG_CODE),
        List.of(
            row("2024-08", "A", "Y56", "I1"),
            row("2024-08", "B", "Y56", "I2"), // moved on 1 July
            row("2024-08", "C", "Y56", "I2"),
            row("2024-08", "D", "Y62", "I3"),
            row("2024-08", "E", "Y62", "I4"),
            row("2024-08", "F", "UNKNOWN", "UNKNOWN"), // kept, never dropped
            row("2024-08", "G", "Y62", "I3"),
            row("2024-25", "B", "Y56", "I1")), // the row in force on 1 April 2024
        0);
    // Without a hierarchy every organisation is UNKNOWN, and still counted.
    Answers.assertRows(
        SystemMembership.attach(
                SharedSpark.session()
                    .createDataFrame(
                        List.of(value(SICKNESS, AUGUST, "A", 10.0, 200, null)), MetricRows.SCHEMA),
                PERIODS,
                Optional.empty())
            .select(Columns.ORG_CODE, Columns.REGION_CODE, Columns.ICB_CODE),
        List.of(row("A", "UNKNOWN", "UNKNOWN")),
        0);
  }

  @Test
  void systemValuesDivideSummedCountsAndRankAmongTheirLevel() {
    // I2 = (30 + 8) / (300 + 100) = 9.5% (the mean of its members' rates would be 9%).
    // I3 = D alone: G returned nothing. I4 = E alone: 50 days, below the minimum of 100, flagged.
    // Y56 = (10 + 30 + 8) / 600 = 8%; Y62 = (20 + 5) / 450 = 5.5556%;
    // England = 79 / 1,150 = 6.8696% over A to F.
    // ICB distribution over I1 5, I3 5, I2 9.5 (I4 flagged and UNKNOWN left out): the two 5s
    //   share percent rank 0, I2 100; p25 = 5 and p75 = 7.25 (below), so the 5s are quartile 1
    //   (lower is better) and I2, above p75, quartile 4.
    // Regions Y62 5.5556 and Y56 8 (UNKNOWN left out): ranks 0 and 100; p25 = 6.1667, p75 =
    //   7.3889: Y62 quartile 1, Y56 quartile 4. England: alone, no rank.
    // The financial year: B alone, in I1 and Y56: ranks 0, quartile 1 (its value is p25).
    double y62 = 100.0 * 25 / 450;
    Answers.assertRows(
        new SystemFigures(CATALOG)
            .values(attached())
            .where(col(Columns.METRIC_ID).equalTo(SICKNESS))
            .select(
                Columns.PERIOD,
                Columns.LEVEL,
                Columns.SYSTEM_CODE,
                Columns.N_MEMBERS,
                Columns.NUMERATOR,
                Columns.DENOMINATOR,
                Columns.VALUE,
                Columns.FLAGS,
                Columns.PERCENTILE_RANK,
                Columns.QUARTILE)
            .orderBy(Columns.PERIOD, Columns.LEVEL, Columns.SYSTEM_CODE),
        List.of(
            row(AUGUST, "icb", "I1", 1, 10.0, 200.0, 5.0, null, 0.0, 1),
            row(AUGUST, "icb", "I2", 2, 38.0, 400.0, 9.5, null, 100.0, 4),
            row(AUGUST, "icb", "I3", 1, 20.0, 400.0, 5.0, null, 0.0, 1),
            row(AUGUST, "icb", "I4", 1, 5.0, 50.0, 10.0, "below_min_denominator", null, null),
            row(AUGUST, "icb", "UNKNOWN", 1, 6.0, 100.0, 6.0, null, null, null),
            row(AUGUST, "national", "ENG", 6, 79.0, 1150.0, 7900.0 / 1150, null, null, null),
            row(AUGUST, "region", "UNKNOWN", 1, 6.0, 100.0, 6.0, null, null, null),
            row(AUGUST, "region", "Y56", 3, 48.0, 600.0, 8.0, null, 100.0, 4),
            row(AUGUST, "region", "Y62", 2, 25.0, 450.0, y62, null, 0.0, 1),
            row(YEAR, "icb", "I1", 1, 12.0, 100.0, 12.0, null, 0.0, 1),
            row(YEAR, "national", "ENG", 1, 12.0, 100.0, 12.0, null, null, null),
            row(YEAR, "region", "Y56", 1, 12.0, 100.0, 12.0, null, 0.0, 1)),
        1e-9);
  }

  @Test
  void systemDistributionsUseTheBenchmarksExactPercentiles() {
    // ICBs 5, 5, 9.5: linear interpolation at (n − 1) × p = 2p: p10 at 0.2 → 5, p25 at 0.5 → 5,
    //   p50 at 1 → 5, p75 at 1.5 → 5 + 0.5 × 4.5 = 7.25, p90 at 1.8 → 5 + 0.8 × 4.5 = 8.6.
    // Regions 5.5556 and 8 (gap 2.4444): at p × 1: 5.8, 6.1667, 6.7778, 7.3889, 7.7556.
    double low = 100.0 * 25 / 450;
    double gap = 8 - low;
    Answers.assertRows(
        SystemFigures.benchmark(new SystemFigures(CATALOG).values(attached()))
            .where(col(Columns.METRIC_ID).equalTo(SICKNESS))
            .drop(Columns.METRIC_ID, Columns.SERVICE_LINE, Columns.BREAKDOWN)
            .orderBy(Columns.PERIOD, Columns.LEVEL),
        List.of(
            row(AUGUST, "icb", 3, 5.0, 5.0, 5.0, 7.25, 8.6, 5.0, 9.5),
            row(
                AUGUST,
                "region",
                2,
                low + 0.1 * gap,
                low + 0.25 * gap,
                low + 0.5 * gap,
                low + 0.75 * gap,
                low + 0.9 * gap,
                low,
                8.0),
            row(YEAR, "icb", 1, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0),
            row(YEAR, "region", 1, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0)),
        1e-9);
  }

  @Test
  void organisationsRankWithinTheirRegionAndIcbBestFirst() {
    // Sickness, lower is better. Y56: A 5 (1), C 8 (2), B 10 (3), median 8. Y62: D alone (E is
    //   flagged, G has no value). I2: C 8 (1), B 10 (2), median 9. F ranks alone in UNKNOWN.
    // Direct care, higher is better: B and C tie at 50% and share rank 1, A 30% is 3rd in Y56;
    //   in I2 both are 1st, median 50.
    Answers.assertRows(
        new SystemFigures(CATALOG)
            .positions(attached())
            .select(
                Columns.METRIC_ID,
                Columns.PERIOD,
                Columns.ORG_CODE,
                Columns.REGION_CODE,
                Columns.REGION_N_ORGS,
                Columns.REGION_RANK,
                Columns.REGION_P50,
                Columns.ICB_CODE,
                Columns.ICB_N_ORGS,
                Columns.ICB_RANK,
                Columns.ICB_P50)
            .orderBy(Columns.METRIC_ID, Columns.PERIOD, Columns.ORG_CODE),
        List.of(
            row(DIRECT_CARE, AUGUST, "A", "Y56", 3, 3, 50.0, "I1", 1, 1, 30.0),
            row(DIRECT_CARE, AUGUST, "B", "Y56", 3, 1, 50.0, "I2", 2, 1, 50.0),
            row(DIRECT_CARE, AUGUST, "C", "Y56", 3, 1, 50.0, "I2", 2, 1, 50.0),
            row(SICKNESS, AUGUST, "A", "Y56", 3, 1, 8.0, "I1", 1, 1, 5.0),
            row(SICKNESS, AUGUST, "B", "Y56", 3, 3, 8.0, "I2", 2, 2, 9.0),
            row(SICKNESS, AUGUST, "C", "Y56", 3, 2, 8.0, "I2", 2, 1, 9.0),
            row(SICKNESS, AUGUST, "D", "Y62", 1, 1, 5.0, "I3", 1, 1, 5.0),
            row(SICKNESS, AUGUST, "F", "UNKNOWN", 1, 1, 6.0, "UNKNOWN", 1, 1, 6.0),
            row(SICKNESS, YEAR, "B", "Y56", 1, 1, 12.0, "I1", 1, 1, 12.0)),
        1e-9);
  }
}
