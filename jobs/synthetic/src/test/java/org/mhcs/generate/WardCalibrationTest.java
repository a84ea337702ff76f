package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the inpatient ward metrics of {@code shared/design/metrics.md} from the written CSV
 * files (scale 0.05) with plain Java and checks them against the ranges the 2018 review saw: care
 * hours per patient day, bank and agency share, roster headroom and approval lead.
 */
class WardCalibrationTest {
  /** Sums for one ward or organisation over the month. */
  static final class Hours {
    double worked;
    double bankAndAgency;
    double patientDays;
  }

  private static final Map<String, Hours> wards = new TreeMap<>();
  private static final Map<String, Hours> orgs = new TreeMap<>();
  private static Path root;

  @BeforeAll
  static void tally() {
    root = LandingFixture.demo().landingDir();
    // Patient days: Patients_At_Midnight where the return has it, else counted from ward stays.
    Map<String, int[]> census = WardCensus.count(root);
    LandingFixture.forEachRow(
        root,
        "staffing",
        "ward_day",
        row -> {
          String ward = row.get("Org_Code") + "|" + row.get("Ward_Code");
          String reported = row.get("Patients_At_Midnight");
          int day = LocalDate.parse(row.get("Date")).getDayOfMonth() - 1;
          double patients = reported.isEmpty() ? census.get(ward)[day] : Integer.parseInt(reported);
          double worked =
              row.decimal("RN_Hours") + row.decimal("HCSW_Hours") + row.decimal("AHP_Hours");
          double temporary = row.decimal("Bank_Hours") + row.decimal("Agency_Hours");
          for (Hours h :
              List.of(
                  wards.computeIfAbsent(ward, k -> new Hours()),
                  orgs.computeIfAbsent(row.get("Org_Code"), k -> new Hours()))) {
            h.worked += worked;
            h.bankAndAgency += temporary;
            h.patientDays += patients;
          }
        });
  }

  @Test
  void careHoursPerPatientDayAreInTheReviewRange() {
    // chppd_total = (RN + HCSW + AHP hours) ÷ patient days
    MetricRanges.assertMedianIn(
        "CHPPD per organisation", values(orgs, h -> h.worked / h.patientDays), 5, 16);
    List<Double> perWard = values(wards, h -> h.worked / h.patientDays);
    MetricRanges.assertAllIn("CHPPD per ward", perWard, 4, 20);
    double spread = MetricRanges.percentile(perWard, 0.9) / MetricRanges.percentile(perWard, 0.1);
    assertTrue(spread > 1.3, "wards vary: CHPPD p90/p10 " + spread);
  }

  @Test
  void bankAndAgencyShareOfCareHoursIsTypicallyTenToThirtyPercent() {
    // bank_agency_share_pct = (Bank_Hours + Agency_Hours) ÷ (RN + HCSW + AHP hours) × 100
    MetricRanges.assertMedianIn(
        "bank & agency % per organisation",
        values(orgs, h -> 100 * h.bankAndAgency / h.worked), 10, 30);
    MetricRanges.assertAllIn(
        "bank & agency % per ward", values(wards, h -> 100 * h.bankAndAgency / h.worked), 2, 45);
  }

  @Test
  void rosterHeadroomAndApprovalLeadAreInTheReviewRanges() {
    List<Double> headroom = new ArrayList<>();
    List<Double> leadWeeks = new ArrayList<>();
    double[] hours = new double[2]; // contracted, unused
    LandingFixture.forEachRow(
        root,
        "staffing",
        "roster_period",
        row -> {
          double contracted = row.decimal("Contracted_Hours");
          // headroom_pct = non-rostered contracted time ÷ contracted time × 100
          headroom.add(100 * row.decimal("Headroom_Hours") / contracted);
          // roster_approval_weeks = (Roster_Start_Date − Approved_Date) in weeks
          leadWeeks.add(
              ChronoUnit.DAYS.between(
                      LocalDate.parse(row.get("Approved_Date")),
                      LocalDate.parse(row.get("Roster_Start_Date")))
                  / 7.0);
          hours[0] += contracted;
          hours[1] += Math.max(0, contracted - row.decimal("Worked_Hours"));
        });
    MetricRanges.assertMedianIn("headroom % per roster", headroom, 17, 28);
    MetricRanges.assertAllIn("headroom % per roster", headroom, 15, 32);
    MetricRanges.assertMedianIn("roster approval weeks", leadWeeks, 2, 7);
    MetricRanges.assertAllIn("roster approval weeks", leadWeeks, 1, 8);
    // unused_hours: a small part of contracted hours (~3,800 h/month across the review's cohort).
    double unusedShare = hours[1] / hours[0];
    MetricRanges.report("unused hours % of contracted", 100 * unusedShare);
    assertTrue(unusedShare > 0 && unusedShare < 0.005, "unused share " + unusedShare);
  }

  private interface Metric {
    double of(Hours h);
  }

  private static List<Double> values(Map<String, Hours> sums, Metric metric) {
    List<Double> values = new ArrayList<>();
    sums.values().forEach(h -> values.add(metric.of(h)));
    return values;
  }
}
