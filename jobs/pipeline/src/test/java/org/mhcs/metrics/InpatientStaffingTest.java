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

/**
 * Care hours per patient day on one adult acute ward over three days of June 2024, worked by hand.
 *
 * <p>Stays: P1 since 20 May, still there; P2 admitted 11 June, discharged 12 June; P3 admitted and
 * discharged on 12 June. At 23:59: 10th P1 → 1; 11th P1, P2 → 2; 12th P1 only (P2 left that day, P3
 * was never there at midnight), but the return reports 3 that day, and a reported count wins.
 * Patient days 1 + 2 + 3 = 6. Hours: RN 20 + 24 + 20 = 64, HCSW 30 + 30 + 28 = 88, AHP 2 + 0 (none
 * returned) + 4 = 6; total 158. CHPPD 158 / 6 = 26.33 — not the mean of the daily ratios (52/1,
 * 54/2, 52/3 → 32.11). Ward W2 (mother and baby, excluded) and W3 (unmapped) are in no line.
 */
class InpatientStaffingTest {
  /** Three days are below the default minimums (100 patient days, 1,000 care hours): flagged. */
  private static final String BELOW = MetricValues.BELOW_MIN_DENOMINATOR;

  private static final String NONE = MetricValues.NO_DENOMINATOR;

  @Test
  void patientDaysAreMidnightCountsSummedOverTheDays() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> wardDays =
        spark.sql(
            "SELECT Org_Code, Ward_Code, CAST(Date AS DATE) AS Date,"
                + " CAST(rn AS DECIMAL(18,4)) AS RN_Hours, CAST(hcsw AS DECIMAL(18,4)) AS HCSW_Hours,"
                + " CAST(ahp AS DECIMAL(18,4)) AS AHP_Hours,"
                + " CAST(bank AS DECIMAL(18,4)) AS Bank_Hours,"
                + " CAST(agency AS DECIMAL(18,4)) AS Agency_Hours,"
                + " CAST(cost AS DECIMAL(18,4)) AS Ward_Pay_Cost,"
                + " CAST(pam AS INT) AS Patients_At_Midnight FROM VALUES"
                + " ('T1', 'W1', '2024-06-10', 20, 30, 2, 5, 0, 1000, NULL),"
                + " ('T1', 'W1', '2024-06-11', 24, 30, NULL, 0, 4, NULL, NULL),"
                + " ('T1', 'W1', '2024-06-12', 20, 28, 4, 2, 2, 1100, 3),"
                + " ('T1', 'W2', '2024-06-10', 50, 50, 0, 0, 0, 2000, 4),"
                + " ('T1', 'W3', '2024-06-10', 50, 50, 0, 0, 0, 2000, 4)"
                + " AS t(Org_Code, Ward_Code, Date, rn, hcsw, ahp, bank, agency, cost, pam)");
    Dataset<Row> stays =
        spark.sql(
            "SELECT OrgIDProv, WardCode, CAST(s AS DATE) AS StartDateWardStay,"
                + " CAST(e AS DATE) AS EndDateWardStay FROM VALUES"
                + " ('T1', 'W1', '2024-05-20', NULL),"
                + " ('T1', 'W1', '2024-06-11', '2024-06-12'),"
                + " ('T1', 'W1', '2024-06-12', '2024-06-12'),"
                + " ('T1', 'W2', '2024-06-01', NULL)"
                + " AS t(OrgIDProv, WardCode, s, e)");
    Dataset<Row> wards =
        spark.sql(
            "SELECT * FROM VALUES ('T1', 'W1', 'adult_acute_inpatient'), ('T1', 'W2', NULL),"
                + " ('T1', 'W3', NULL) AS t(org_code, ward_code, service_line)");
    MetricCatalog catalog = MetricCatalog.from(Settings.load(Map.of()));
    Dataset<Row> values =
        MetricValues.compute(
            catalog.family(MetricCatalog.INPATIENT),
            Aggregates.inpatient(wardDays, Optional.of(stays), Optional.empty(), wards, "2024-06"));
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            // Stays ended in June on W1: 11th→12th (1 day) and 12th→12th (0 days): 1 / 2 = 0.5
            // days, below the default 5 ended stays.
            MetricRows.expected("alos_days", "T1", "adult_acute_inpatient", 1.0, 2.0, 0.5, BELOW),
            // Bank 5 + 0 + 2 and agency 0 + 4 + 2 = 13 of 158 care hours.
            MetricRows.expected(
                "bank_agency_share_pct",
                "T1",
                "adult_acute_inpatient",
                13.0,
                158.0,
                1300.0 / 158,
                BELOW),
            MetricRows.expected("chppd_ahp", "T1", "adult_acute_inpatient", 6.0, 6.0, 1.0, BELOW),
            MetricRows.expected(
                "chppd_hcsw", "T1", "adult_acute_inpatient", 88.0, 6.0, 88.0 / 6, BELOW),
            MetricRows.expected(
                "chppd_rn", "T1", "adult_acute_inpatient", 64.0, 6.0, 64.0 / 6, BELOW),
            MetricRows.expected(
                "chppd_total", "T1", "adult_acute_inpatient", 158.0, 6.0, 158.0 / 6, BELOW),
            // The 11th has no pay cost: £1,000 + £1,100 over the 52 + 52 hours of the 10th and
            // 12th.
            MetricRows.expected(
                "cost_per_care_hour",
                "T1",
                "adult_acute_inpatient",
                2100.0,
                104.0,
                2100.0 / 104,
                BELOW),
            // No roster return this month: reported without a value, not as zero.
            MetricRows.expected(
                "headroom_pct", "T1", "adult_acute_inpatient", 0.0, null, null, NONE),
            // Pay cost £2,100 over the costed days' 1 + 3 = 4 patient days = 4/365 bed-years:
            // £191,625 per occupied bed per year.
            MetricRows.expected(
                "nursing_cost_per_occupied_bed",
                "T1",
                "adult_acute_inpatient",
                2100.0,
                4.0 / 365,
                2100.0 * 365 / 4,
                BELOW),
            MetricRows.expected(
                "roster_approval_weeks", "T1", "adult_acute_inpatient", 0.0, null, null, NONE),
            MetricRows.expected(
                "unused_hours", "T1", "adult_acute_inpatient", 0.0, null, null, NONE)),
        1e-9);
  }
}
