package org.mhcs.systems;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;

/**
 * Trends on hand-made figures: which period each is compared with (months and financial years), the
 * Poisson rate test of a rate metric, no test for a metric without a funnel, the national band, and
 * the periods whose basis changed.
 *
 * <p>Organisation X, contacts_per_clinician_day (a rate funnel, scale 1): June 2023 40 contacts in
 * 200 days (0.2), April 2024 no denominator (no value: not a figure), May 2024 30 in 200 (0.15),
 * June 2024 45 in 150 (0.3). mean_f2f_contact_minutes (no funnel): 2023-24 10 / 4 = 2.5, 2024-25 12
 * / 4 = 3. ICB I1, contacts: May 2024 60 in 400 (0.15), June 2024 90 in 300 (0.3).
 */
class MetricTrendsTest {
  private static final String RATE = "contacts_per_clinician_day";
  private static final String NO_FUNNEL = "mean_f2f_contact_minutes";
  private static final MetricCatalog CATALOG = MetricCatalog.from(Settings.load(Map.of()));

  private static Row figure(String metric, String period, Double num, Double den) {
    Double value = num == null || den == null ? null : num / den;
    return RowFactory.create(
        metric,
        period,
        "X",
        Columns.ALL,
        Columns.ALL,
        num,
        den,
        value,
        "u",
        value == null ? "no_denominator" : null);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values); // keeps nulls, unlike List.of
  }

  @Test
  void changesAgainstThePreviousPeriodAndAYearEarlierWithTheirTests() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> values =
        spark.createDataFrame(
            List.of(
                figure(RATE, "2023-06", 40.0, 200.0),
                figure(RATE, "2024-04", 0.0, null),
                figure(RATE, "2024-05", 30.0, 200.0),
                figure(RATE, "2024-06", 45.0, 150.0),
                figure(NO_FUNNEL, "2023-24", 10.0, 4.0),
                figure(NO_FUNNEL, "2024-25", 12.0, 4.0)),
            MetricRows.SCHEMA);
    Dataset<Row> systems =
        spark.sql(
            "SELECT * FROM VALUES"
                + " ('icb', 'I1', '"
                + RATE
                + "', 'ALL', 'ALL', '2024-05', 60.0D, 400.0D, 0.15D),"
                + " ('icb', 'I1', '"
                + RATE
                + "', 'ALL', 'ALL', '2024-06', 90.0D, 300.0D, 0.3D)"
                + " AS t(level, system_code, metric_id, service_line, breakdown, period, numerator,"
                + " denominator, value)");
    // Only the national distribution is used; a peer group's is not.
    Dataset<Row> benchmark =
        spark.sql(
            "SELECT * FROM VALUES"
                + " ('"
                + RATE
                + "', '2024-06', 'ALL', 'ALL', 'national', 0.2D, 0.25D, 0.35D),"
                + " ('"
                + RATE
                + "', '2024-06', 'ALL', 'ALL', 'peers:X', 9.0D, 9.0D, 9.0D)"
                + " AS t(metric_id, period, service_line, breakdown, peer_group, p25, p50, p75)");
    Dataset<Row> basis =
        spark.createDataFrame(
            List.of(
                RowFactory.create(RATE, "2023-06", "D", "m1"),
                RowFactory.create(RATE, "2024-05", "D", "m1"),
                RowFactory.create(RATE, "2024-06", "D", "m2"),
                RowFactory.create(NO_FUNNEL, "2023-24", "E", "m1"),
                RowFactory.create(NO_FUNNEL, "2024-25", "E2", "m1")),
            new StructType()
                .add(Columns.METRIC_ID, DataTypes.StringType)
                .add(Columns.PERIOD, DataTypes.StringType)
                .add(Columns.DEFINITION, DataTypes.StringType)
                .add(Columns.MAPPING_VERSION, DataTypes.StringType));
    Dataset<Row> trend =
        new MetricTrends(CATALOG)
            .compute(
                values,
                systems,
                benchmark,
                Optional.of(basis),
                List.of("2023-06", "2024-04", "2024-05", "2024-06", "2023-24", "2024-25"));
    // X, June 2024 against May: pooled rate (30 + 45) / (200 + 150) = 0.2142857, variance
    //   0.2142857 × (1/200 + 1/150) = 0.0025, z = 0.15 / 0.05 = 3, p = 0.0026998: significant.
    // X, June 2024 against June 2023: pooled 85 / 350 = 0.2428571, variance 0.0028333, z = 0.1 /
    //   0.0532291 = 1.87867, p = 0.0602892: not significant (ChangeTestsTest checks the test a
    //   second way).
    // I1, June against May: pooled 150 / 700, variance 0.2142857 × (1/400 + 1/300) = 0.00125,
    //   z = 0.15 / 0.0353553 = 4.24264, p = 2.20905e-5.
    // May 2024 has no previous figure (April had no value) and no year-earlier one (May 2023).
    // A financial year's previous period and year-earlier period are both the year before.
    // Basis: the mapping changed from May to June 2024; the definition from 2023-24 to 2024-25;
    //   a period whose previous period has no basis row is not marked either way.
    Answers.assertRows(
        trend
            .select(
                Columns.LEVEL,
                Columns.ENTITY_CODE,
                Columns.METRIC_ID,
                Columns.PERIOD,
                Columns.VALUE,
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
                Columns.BASIS_NOTE)
            .orderBy(Columns.LEVEL, Columns.ENTITY_CODE, Columns.METRIC_ID, Columns.PERIOD),
        List.of(
            row(
                "icb",
                "I1",
                RATE,
                "2024-05",
                0.15,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "poisson_rate_z",
                null,
                null,
                null,
                null,
                null),
            row(
                "icb",
                "I1",
                RATE,
                "2024-06",
                0.3,
                "2024-05",
                0.15,
                0.15,
                2.20905e-5,
                true,
                null,
                null,
                null,
                null,
                null,
                "poisson_rate_z",
                0.2,
                0.25,
                0.35,
                true,
                "mapping version m1 → m2"),
            row(
                "organisation",
                "X",
                RATE,
                "2023-06",
                0.2,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "poisson_rate_z",
                null,
                null,
                null,
                null,
                null),
            row(
                "organisation",
                "X",
                RATE,
                "2024-05",
                0.15,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "poisson_rate_z",
                null,
                null,
                null,
                null,
                null),
            row(
                "organisation",
                "X",
                RATE,
                "2024-06",
                0.3,
                "2024-05",
                0.15,
                0.15,
                0.0026998,
                true,
                "2023-06",
                0.2,
                0.1,
                0.0602892,
                false,
                "poisson_rate_z",
                0.2,
                0.25,
                0.35,
                true,
                "mapping version m1 → m2"),
            row(
                "organisation",
                "X",
                NO_FUNNEL,
                "2023-24",
                2.5,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            row(
                "organisation",
                "X",
                NO_FUNNEL,
                "2024-25",
                3.0,
                "2023-24",
                2.5,
                0.5,
                null,
                null,
                "2023-24",
                2.5,
                0.5,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                "definition changed")),
        1e-6);
  }
}
