package org.mhcs.metrics;

import java.util.List;
import java.util.Map;
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
            WorkforceActivity.aggregate(sickness, capacity, "2024-06"));
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected("medical_staff_share_pct", "X", "ALL", 30.0, 100.0, 30.0, null),
            MetricRows.expected(
                "medical_staff_share_pct", "Y", "ALL", 0.0, 8.0, 0.0, "below_min_denominator"),
            MetricRows.expected("sickness_rate_pct", "X", "ALL", 120.0, 2000.0, 6.0, null),
            MetricRows.expected(
                "sickness_rate_pct", "Y", "ALL", 3.0, 50.0, 6.0, "below_min_denominator")),
        1e-9);
  }
}
