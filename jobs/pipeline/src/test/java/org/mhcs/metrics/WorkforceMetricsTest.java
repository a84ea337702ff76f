package org.mhcs.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;

/** Workforce metrics on hand-made ESR rows, with the default thresholds. */
class WorkforceMetricsTest {
  @Test
  void sicknessSumsDaysAcrossStaffGroupsBeforeDividing() {
    SparkSession spark = SharedSpark.session();
    // X: nursing 100 of 1,000 FTE days sick (10%), admin 20 of 200 (10%), medical 0 of 800 (0%).
    //   Summed first: 120 / 2,000 = 6% (the mean of the three group rates would be 6.67%).
    //   WTE: nursing 50, admin 20, medical 30 → medical share 30 / 100 = 30%.
    // Y: 3 of 50 days (6%), 8 WTE, no doctors: both below the defaults (300 FTE days, 10 WTE),
    //   so reported and flagged, not benchmarked.
    Dataset<Row> sickness =
        spark.sql(
            "SELECT Org_Code, Staff_Group, CAST(sick AS DECIMAL(18,4)) AS FTE_Days_Sick,"
                + " CAST(available AS DECIMAL(18,4)) AS FTE_Days_Available FROM VALUES"
                + " ('X', 'Nursing and Midwifery Registered', 60, 600),"
                + " ('X', 'Nursing and Midwifery Registered', 40, 400),"
                + " ('X', 'Administrative and Clerical', 20, 200),"
                + " ('X', 'Medical and Dental', 0, 800),"
                + " ('Y', 'Nursing and Midwifery Registered', 3, 50)"
                + " AS t(Org_Code, Staff_Group, sick, available)");
    Dataset<Row> capacity =
        spark.sql(
            "SELECT org_code, staff_group, CAST(wte AS DECIMAL(18,4)) AS contracted_wte FROM VALUES"
                + " ('X', 'Nursing and Midwifery Registered', 50),"
                + " ('X', 'Administrative and Clerical', 20),"
                + " ('X', 'Medical and Dental', 12.5), ('X', 'Medical and Dental', 17.5),"
                + " ('Y', 'Nursing and Midwifery Registered', 8)"
                + " AS t(org_code, staff_group, wte)");
    MetricCatalog catalog = MetricCatalog.from(Settings.load(Map.of()));
    Dataset<Row> values =
        MetricValues.compute(
            catalog.family(MetricCatalog.WORKFORCE),
            Aggregates.workforce(
                Optional.of(sickness), Optional.of(capacity), Optional.empty(), "2024-06"));
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected("medical_staff_share_pct", "X", "ALL", 30.0, 100.0, 30.0, null),
            MetricRows.expected(
                "medical_staff_share_pct", "Y", "ALL", 0.0, 8.0, 0.0, "below_min_denominator"),
            MetricRows.expected("sickness_rate_pct", "X", "ALL", 120.0, 2000.0, 6.0, null),
            MetricRows.expected(
                "sickness_rate_pct", "Y", "ALL", 3.0, 50.0, 6.0, "below_min_denominator"),
            // No twelve months of leavers loaded: turnover has no value, and says so.
            MetricRows.expected("turnover_12m_pct", "X", "ALL", 0.0, null, null, "no_denominator"),
            MetricRows.expected("turnover_12m_pct", "Y", "ALL", 0.0, null, null, "no_denominator")),
        1e-9);
  }

  @Test
  void sicknessIsComputedWhenStaffInPostHasNotLanded() {
    SparkSession spark = SharedSpark.session();
    // Only ESR's sickness extract landed. X: 30 of 600 FTE days sick = 5%; the medical share has
    // no WTE to divide by, so it has no value and says so.
    Dataset<Row> sickness =
        spark.sql(
            "SELECT Org_Code, Staff_Group, CAST(sick AS DECIMAL(18,4)) AS FTE_Days_Sick,"
                + " CAST(available AS DECIMAL(18,4)) AS FTE_Days_Available FROM VALUES"
                + " ('X', 'Nursing and Midwifery Registered', 30, 600)"
                + " AS t(Org_Code, Staff_Group, sick, available)");
    MetricCatalog catalog = MetricCatalog.from(Settings.load(Map.of()));
    Answers.assertRows(
        MetricRows.compared(
            MetricValues.compute(
                catalog.family(MetricCatalog.WORKFORCE),
                Aggregates.workforce(
                    Optional.of(sickness), Optional.empty(), Optional.empty(), "2024-06"))),
        List.of(
            MetricRows.expected(
                "medical_staff_share_pct", "X", "ALL", 0.0, null, null, "no_denominator"),
            MetricRows.expected("sickness_rate_pct", "X", "ALL", 30.0, 600.0, 5.0, null),
            MetricRows.expected("turnover_12m_pct", "X", "ALL", 0.0, null, null, "no_denominator")),
        1e-9);
  }

  @Test
  void turnoverCountsPeopleOverTheMeanOfStartAndEndHeadcount() {
    SparkSession spark = SharedSpark.session();
    // X: 10 people in post at the end of June 2023 (p1 holds two assignments), 10 at the end of
    //   June 2024 (p1 and p2 gone, q1 and q2 joined). Leavers July 2023 to June 2024: p1 (both
    //   assignments, one person) and p2; p0 left in June 2023, before the twelve months.
    //   2 / ((10 + 10) / 2) = 20%.
    // Y: 4 then 6 people, 1 leaver: 1 / 5 = 20%, but a mean headcount below 10: flagged.
    Dataset<Row> start =
        spark.sql(
            "SELECT Org_Code, Unique_NHS_Identifier FROM VALUES ('X', 'p1'), ('X', 'p1'),"
                + " ('X', 'p2'), ('X', 'p3'), ('X', 'p4'), ('X', 'p5'), ('X', 'p6'), ('X', 'p7'),"
                + " ('X', 'p8'), ('X', 'p9'), ('X', 'p10'),"
                + " ('Y', 'y1'), ('Y', 'y2'), ('Y', 'y3'), ('Y', 'y4')"
                + " AS t(Org_Code, Unique_NHS_Identifier)");
    Dataset<Row> end =
        spark.sql(
            "SELECT Org_Code, Unique_NHS_Identifier FROM VALUES ('X', 'p3'), ('X', 'p4'),"
                + " ('X', 'p5'), ('X', 'p6'), ('X', 'p7'), ('X', 'p8'), ('X', 'p9'), ('X', 'p10'),"
                + " ('X', 'q1'), ('X', 'q2'),"
                + " ('Y', 'y2'), ('Y', 'y3'), ('Y', 'y4'), ('Y', 'y5'), ('Y', 'y6'), ('Y', 'y7')"
                + " AS t(Org_Code, Unique_NHS_Identifier)");
    Dataset<Row> leavers =
        spark.sql(
            "SELECT Org_Code, Unique_NHS_Identifier, CAST(d AS DATE) AS Leaving_Date FROM VALUES"
                + " ('X', 'p1', '2023-08-31'), ('X', 'p1', '2023-09-30'), ('X', 'p2', '2024-01-15'),"
                + " ('X', 'p0', '2023-06-15'), ('Y', 'y1', '2024-06-30')"
                + " AS t(Org_Code, Unique_NHS_Identifier, d)");
    MetricCatalog catalog = MetricCatalog.from(Settings.load(Map.of()));
    Answers.assertRows(
        MetricRows.compared(
            MetricValues.compute(
                List.of(catalog.get("turnover_12m_pct")),
                WorkforceTurnover.aggregate(leavers, start, end, "2024-06"))),
        List.of(
            MetricRows.expected("turnover_12m_pct", "X", "ALL", 2.0, 10.0, 20.0, null),
            MetricRows.expected(
                "turnover_12m_pct", "Y", "ALL", 1.0, 5.0, 20.0, "below_min_denominator")),
        1e-9);
  }
}
