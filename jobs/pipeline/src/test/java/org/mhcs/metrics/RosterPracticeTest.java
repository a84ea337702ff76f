package org.mhcs.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;

/**
 * Roster metrics on one adult acute ward's two June 2024 roster periods, worked by hand.
 *
 * <p>R1 starts 3 June, approved 22 April (42 days = 6 weeks), contracted 1,000 h, worked 900,
 * headroom 220. R2 starts 17 June, approved 3 June (2 weeks), contracted 800, worked 850 (more than
 * contracted: nothing unused), headroom 160. Headroom 380 / 1,800 = 21.11%; unused 100 + 0 = 100
 * hours; approval lead (6 + 2) / 2 = 4 weeks. W2's roster is on an unmapped ward: in no line.
 */
class RosterPracticeTest {
  @Test
  void headroomUnusedHoursAndApprovalLead() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> rosters =
        spark.sql(
            "SELECT Org_Code, Ward_Code, CAST(s AS DATE) AS Roster_Start_Date,"
                + " CAST(a AS DATE) AS Approved_Date, CAST(c AS DECIMAL(18,4)) AS Contracted_Hours,"
                + " CAST(w AS DECIMAL(18,4)) AS Worked_Hours,"
                + " CAST(h AS DECIMAL(18,4)) AS Headroom_Hours FROM VALUES"
                + " ('T1', 'W1', '2024-06-03', '2024-04-22', 1000, 900, 220),"
                + " ('T1', 'W1', '2024-06-17', '2024-06-03', 800, 850, 160),"
                + " ('T1', 'W2', '2024-06-03', '2024-06-01', 500, 100, 100)"
                + " AS t(Org_Code, Ward_Code, s, a, c, w, h)");
    Dataset<Row> wards =
        spark.sql(
            "SELECT * FROM VALUES ('T1', 'W1', 'adult_acute_inpatient'), ('T1', 'W2', NULL)"
                + " AS t(org_code, ward_code, service_line)");
    Set<String> roster = Set.of("headroom_pct", "unused_hours", "roster_approval_weeks");
    List<Metric> metrics =
        MetricCatalog.from(Settings.load(Map.of("benchmark.min_care_hours", "0")))
            .family(MetricCatalog.INPATIENT)
            .stream()
            .filter(m -> roster.contains(m.id()))
            .toList();
    Dataset<Row> values =
        MetricValues.compute(metrics, RosterPractice.aggregate(rosters, wards, "2024-06"));
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected(
                "headroom_pct", "T1", "adult_acute_inpatient", 380.0, 1800.0, 38000.0 / 1800, null),
            MetricRows.expected(
                "roster_approval_weeks", "T1", "adult_acute_inpatient", 8.0, 2.0, 4.0, null),
            MetricRows.expected(
                "unused_hours", "T1", "adult_acute_inpatient", 100.0, 1.0, 100.0, null)),
        1e-9);
  }
}
