package org.mhcs.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;

/**
 * A month with community contacts but no staff in post (ESR not landed): the metrics of contacts
 * alone are computed; those that divide by clinicians' time say they have no denominator.
 */
class CommunityWithoutStaffTest {
  @Test
  void contactMetricsAreComputedWithoutCapacity() {
    // X, community nursing, four contacts:
    //   c1 attended, direct, face to face, 30 min (no care activities), patient p1
    //   c2 attended, direct, face to face, 60 min contact, 90 min of activities (joint), p1
    //   c3 attended, direct, by telephone, 15 min, p2
    //   c4 did not attend, p3
    // Face-to-face minutes 30 + 60 = 90 over 2 contacts = 45; 3 direct contacts over 2 patients
    // (p1, p2) = 1.5; DNA 1 of (3 attended + 1) = 25%. Direct minutes 30 + 90 + 15 = 135 and 3
    // contacts, but no clinician days to divide by. Thresholds at 1 so no flag hides the values.
    Dataset<Row> contacts =
        SharedSpark.session()
            .sql(
                "SELECT '2024-06' AS period, 'X' AS org_code, 'community_nursing' AS service_line,"
                    + " patient_id, attended, did_not_attend, direct_care, face_to_face,"
                    + " CAST(contact_minutes AS BIGINT) AS contact_minutes,"
                    + " CAST(activity_minutes AS BIGINT) AS activity_minutes FROM VALUES"
                    + " ('p1', true, false, true, true, 30, NULL),"
                    + " ('p1', true, false, true, true, 60, 90),"
                    + " ('p2', true, false, true, false, 15, NULL),"
                    + " ('p3', false, true, false, true, 0, NULL)"
                    + " AS t(patient_id, attended, did_not_attend, direct_care, face_to_face,"
                    + " contact_minutes, activity_minutes)");
    MetricCatalog catalog =
        MetricCatalog.from(
            Settings.load(
                Map.of(
                    "benchmark.min_contacts", "1",
                    "benchmark.min_available_days", "1",
                    "benchmark.min_referrals", "1",
                    "benchmark.min_service_wte", "1")));
    List<Metric> byService =
        catalog.family(MetricCatalog.COMMUNITY).stream()
            .filter(m -> !m.id().equals(MetricCatalog.SKILL_MIX))
            .toList();
    Dataset<Row> values =
        MetricValues.compute(
            byService,
            Aggregates.joined(
                CommunityActivity.aggregate(contacts, Optional.empty()),
                Optional.empty(),
                ReferralActivity.COLUMNS));
    String line = "community_nursing";
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected("caseload_per_wte", "X", line, 0.0, null, null, "no_denominator"),
            MetricRows.expected(
                "contacts_per_clinician_day", "X", line, 3.0, null, null, "no_denominator"),
            MetricRows.expected("contacts_per_patient", "X", line, 3.0, 2.0, 1.5, null),
            MetricRows.expected("direct_care_pct", "X", line, 135.0, null, null, "no_denominator"),
            MetricRows.expected("dna_rate_pct", "X", line, 1.0, 4.0, 25.0, null),
            MetricRows.expected("mean_f2f_contact_minutes", "X", line, 90.0, 2.0, 45.0, null),
            MetricRows.expected(
                "monthly_discharge_rate_pct", "X", line, 0.0, null, null, "no_denominator"),
            MetricRows.expected(
                "single_contact_discharge_pct", "X", line, 0.0, null, null, "no_denominator")),
        1e-9);
  }
}
