package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Warehouse;

/**
 * The whole pipeline over {@code golden/community}: three organisations' community nursing in June
 * 2024, small enough that every expected figure below is worked out by hand.
 *
 * <p>June 2024 has 20 working days (30 days, 10 weekend days, no bank holiday). Available days: A01
 * 1.0 WTE × 20 − 7 sick days × 5/7 = 15 (its admin assignment is not clinical); A02 0.5 × 20 = 10;
 * A03 1.0 × 20 = 20. Thresholds are lowered (min 1 day, 1 contact) so all three count, and the
 * reject tolerance raised to 50% because four of the 19 contact rows are deliberately bad.
 */
class GoldenCommunityRunTest {
  /** The community metrics computed from contacts and capacity (referral metrics apart). */
  private static final String CONTACT_METRICS =
      "metric_id IN ('contacts_per_clinician_day', 'contacts_per_patient', 'direct_care_pct',"
          + " 'dna_rate_pct', 'mean_f2f_contact_minutes')";

  static Warehouse warehouse;
  static MonthlyRun.Result result;

  @BeforeAll
  static void runOnce() {
    warehouse = GoldenRuns.community();
    result = GoldenRuns.communityResult();
  }

  /** {@code select} columns of a table, ordered by the {@code order} columns. */
  private static Dataset<Row> select(Table table, String select, String order) {
    return warehouse
        .read(table)
        .selectExpr(select.split(",\\s*"))
        .orderBy(
            java.util.Arrays.stream(order.split(",\\s*"))
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
  }

  @Test
  void metricValuesMatchTheHandComputation() {
    // A01 contacts: C01 f2f attended, two care activities of 60 → 120 direct minutes (both
    // professionals count); C02 phone attended (code 6), no activity → its 30 contact minutes;
    // C03 email → attended but not direct care; C06 video attended, activity 40 (not the 45
    // contact minutes); C04 (3) and C08 (7) did not attend; C05 (2) and C07 (4) are cancellations.
    //   direct minutes 120 + 30 + 40 = 190 over 15 × 450 = 6750 → 2.8148%
    //   direct contacts 3 over 15 days = 0.2; patients PAT-0001 (C01, C02), PAT-0002 (C06) → 1.5
    //   face-to-face attended: C01 only, 60 contact minutes → 60
    //   DNA 2 over attended 4 (C01, C02, C03, C06) + DNA 2 = 6 → 33.33%
    // A02: C09 f2f, activity 90; C10 f2f, no activity, 90 → 180 minutes / 4500 = 4%;
    //   2 contacts / 10 days = 0.2; one patient → 2; f2f 180 / 2 = 90; DNA 0 / 2 = 0%.
    // A03: C11 f2f 30, C12 phone 30, C14 f2f 30, C13 DNA → 90 / 9000 = 1%; 3 / 20 = 0.15;
    //   patients PAT-0004 (C11, C12), PAT-0005 (C14) → 1.5; f2f 60 / 2 = 30; DNA 1 / 4 = 25%.
    //   C15 is in team A03T9 of unmapped type 99: counted in ops.unmapped_codes, not here.
    Answers.assertRows(
        select(
                Table.METRIC_VALUE,
                "metric_id, org_code, service_line, numerator, denominator, value, flags",
                "metric_id, org_code")
            .where("service_line <> 'ALL'")
            .where(CONTACT_METRICS),
        List.of(
                List.of("contacts_per_clinician_day", "A01", "community_nursing", 3.0, 15.0, 0.2),
                List.of("contacts_per_clinician_day", "A02", "community_nursing", 2.0, 10.0, 0.2),
                List.of("contacts_per_clinician_day", "A03", "community_nursing", 3.0, 20.0, 0.15),
                List.of("contacts_per_patient", "A01", "community_nursing", 3.0, 2.0, 1.5),
                List.of("contacts_per_patient", "A02", "community_nursing", 2.0, 1.0, 2.0),
                List.of("contacts_per_patient", "A03", "community_nursing", 3.0, 2.0, 1.5),
                List.of(
                    "direct_care_pct",
                    "A01",
                    "community_nursing",
                    190.0,
                    6750.0,
                    100 * 190.0 / 6750),
                List.of("direct_care_pct", "A02", "community_nursing", 180.0, 4500.0, 4.0),
                List.of("direct_care_pct", "A03", "community_nursing", 90.0, 9000.0, 1.0),
                List.of("dna_rate_pct", "A01", "community_nursing", 2.0, 6.0, 100 * 2.0 / 6),
                List.of("dna_rate_pct", "A02", "community_nursing", 0.0, 2.0, 0.0),
                List.of("dna_rate_pct", "A03", "community_nursing", 1.0, 4.0, 25.0),
                List.of("mean_f2f_contact_minutes", "A01", "community_nursing", 60.0, 1.0, 60.0),
                List.of("mean_f2f_contact_minutes", "A02", "community_nursing", 180.0, 2.0, 90.0),
                List.of("mean_f2f_contact_minutes", "A03", "community_nursing", 60.0, 2.0, 30.0))
            .stream()
            .map(r -> withNullFlags(r))
            .toList(),
        1e-9);
  }

  @Test
  void referralAndSkillMixMetricsPerOrganisation() {
    // Referrals in June (all CSDS team type 12, community nursing; R6's team type 99 is unmapped):
    //   A01 R1 (received March, open), R2 (received 3 June, open): none closed; open at the start
    //     1 (R1), at the end 2; clinical WTE 1.0 (the admin assignment is not clinical) → 2.
    //   A02 R3 (December, open): open at start and end 1; 0.5 WTE → 2.
    //   A03 R4 (May, discharged 28 June) closed after two attended contacts (C11, C12): single-
    //     contact 0 of 1; open at the start R4 → discharge rate 1 of 1; R5 (received 1 June, not
    //     before it) is open at the end → caseload 1 / 1.0 WTE.
    // Skill mix: A01's team places a Band 6 nurse and a Band 3 administrator, 1.0 WTE each.
    Answers.assertRows(
        select(
                Table.METRIC_VALUE,
                "metric_id, org_code, breakdown, numerator, denominator, value, flags",
                "metric_id, org_code, breakdown")
            .where(
                "metric_id IN ('single_contact_discharge_pct', 'monthly_discharge_rate_pct',"
                    + " 'caseload_per_wte', 'skill_mix_pct')"),
        List.of(
            Arrays.asList("caseload_per_wte", "A01", "ALL", 2.0, 1.0, 2.0, null),
            Arrays.asList("caseload_per_wte", "A02", "ALL", 1.0, 0.5, 2.0, null),
            Arrays.asList("caseload_per_wte", "A03", "ALL", 1.0, 1.0, 1.0, null),
            Arrays.asList("monthly_discharge_rate_pct", "A01", "ALL", 0.0, 1.0, 0.0, null),
            Arrays.asList("monthly_discharge_rate_pct", "A02", "ALL", 0.0, 1.0, 0.0, null),
            Arrays.asList("monthly_discharge_rate_pct", "A03", "ALL", 1.0, 1.0, 100.0, null),
            Arrays.asList(
                "single_contact_discharge_pct", "A01", "ALL", 0.0, 0.0, null, "no_denominator"),
            Arrays.asList(
                "single_contact_discharge_pct", "A02", "ALL", 0.0, 0.0, null, "no_denominator"),
            Arrays.asList("single_contact_discharge_pct", "A03", "ALL", 0.0, 1.0, 0.0, null),
            Arrays.asList(
                "skill_mix_pct",
                "A01",
                "Administrative and Clerical | Band 3",
                1.0,
                2.0,
                50.0,
                null),
            Arrays.asList(
                "skill_mix_pct",
                "A01",
                "Nursing and Midwifery Registered | Band 6",
                1.0,
                2.0,
                50.0,
                null),
            Arrays.asList(
                "skill_mix_pct",
                "A02",
                "Nursing and Midwifery Registered | Band 6",
                0.5,
                0.5,
                100.0,
                null),
            Arrays.asList(
                "skill_mix_pct",
                "A03",
                "Nursing and Midwifery Registered | Band 5",
                1.0,
                1.0,
                100.0,
                null)),
        1e-9);
  }

  @Test
  void workforceMetricsPerOrganisation() {
    // esr/sickness: A01 nursing 7 of 30 FTE days and admin 0 of 30 → 7 / 60 = 11.667%;
    //   A02 0 of 15; A03 0 of 30. Contracted WTE (staff_in_post): A01 1.0 + 1.0, A02 0.5,
    //   A03 1.0, no doctors → medical share 0 everywhere.
    // Sickness across A01..A03 = 0, 0, 11.667: p75 at position 1.5 → 5.833; p90 at 1.8 → 9.333.
    double a01 = 100 * 7.0 / 60;
    Answers.assertRows(
        select(
                Table.METRIC_VALUE,
                "metric_id, org_code, service_line, numerator, denominator, value",
                "metric_id, org_code")
            // Turnover needs twelve months of leavers (WorkforceMetricsTest covers it).
            .where("service_line = 'ALL' AND metric_id <> 'turnover_12m_pct'"),
        List.of(
            List.of("medical_staff_share_pct", "A01", "ALL", 0.0, 2.0, 0.0),
            List.of("medical_staff_share_pct", "A02", "ALL", 0.0, 0.5, 0.0),
            List.of("medical_staff_share_pct", "A03", "ALL", 0.0, 1.0, 0.0),
            List.of("sickness_rate_pct", "A01", "ALL", 7.0, 60.0, a01),
            List.of("sickness_rate_pct", "A02", "ALL", 0.0, 15.0, 0.0),
            List.of("sickness_rate_pct", "A03", "ALL", 0.0, 30.0, 0.0)),
        1e-9);
    Answers.assertRows(
        select(
                Table.BENCHMARK,
                "metric_id, n_orgs, p10, p25, p50, p75, p90, mean, min, max",
                "metric_id")
            .where("metric_id = 'sickness_rate_pct' AND peer_group = 'national'"),
        List.of(
            List.of("sickness_rate_pct", 3L, 0.0, 0.0, 0.0, a01 / 2, a01 * 0.8, a01 / 3, 0.0, a01)),
        1e-9);
  }

  private static List<Object> withNullFlags(List<?> row) {
    java.util.ArrayList<Object> r = new java.util.ArrayList<>(row);
    r.add(null);
    return r;
  }

  @Test
  void benchmarkPercentilesAcrossTheThreeOrganisations() {
    // Three values: percentile p sits at position 2p between the sorted values.
    //   direct care 1, 2.8148, 4: p10 1 + 0.2 × 1.8148 = 1.3630; p25 1 + 0.5 × 1.8148 = 1.9074;
    //     median 2.8148; p75 2.8148 + 0.5 × 1.1852 = 3.4074; p90 2.8148 + 0.8 × 1.1852 = 3.7630
    //   DNA 0, 25, 33.33: p10 5; p25 12.5; median 25; p75 29.17; p90 31.67
    double dc = 100 * 190.0 / 6750;
    Answers.assertRows(
        select(
                Table.BENCHMARK,
                "metric_id, service_line, peer_group, n_orgs, p10, p25, p50, p75, p90, mean, min,"
                    + " max",
                "metric_id")
            .where("service_line <> 'ALL' AND peer_group = 'national'")
            .where(CONTACT_METRICS)
            .drop("service_line"),
        List.of(
            List.of(
                "contacts_per_clinician_day",
                "national",
                3L,
                0.16,
                0.175,
                0.2,
                0.2,
                0.2,
                0.55 / 3,
                0.15,
                0.2),
            List.of(
                "contacts_per_patient",
                "national",
                3L,
                1.5,
                1.5,
                1.5,
                1.75,
                1.9,
                5.0 / 3,
                1.5,
                2.0),
            List.of(
                "direct_care_pct",
                "national",
                3L,
                1 + 0.2 * (dc - 1),
                1 + 0.5 * (dc - 1),
                dc,
                dc + 0.5 * (4 - dc),
                dc + 0.8 * (4 - dc),
                (1 + dc + 4) / 3,
                1.0,
                4.0),
            List.of(
                "dna_rate_pct",
                "national",
                3L,
                5.0,
                12.5,
                25.0,
                25 + 0.5 * (100.0 / 3 - 25),
                25 + 0.8 * (100.0 / 3 - 25),
                (100.0 / 3 + 25) / 3,
                0.0,
                100.0 / 3),
            List.of(
                "mean_f2f_contact_minutes",
                "national",
                3L,
                36.0,
                45.0,
                60.0,
                75.0,
                84.0,
                60.0,
                30.0,
                90.0)),
        1e-9);
  }

  @Test
  void opportunitiesToTheMedianAreNeverNegative() {
    // Only organisations worse than the median have an opportunity; A02, better on every
    // metric, has zero everywhere.
    //   A03 contacts per day 0.15 vs 0.2: (0.2 − 0.15) × 20 days = 1 contact ÷ 0.2 = 5 days
    //   A03 direct care 1% vs 2.8148%: 1.8148 points × 20 days = 0.36296 days
    //   A01 DNA 33.33% vs 25%: 8.33 points × 6 booked = 0.5 DNAs × 60 min slot ÷ 450 = 0.06667 days
    // WTE = days ÷ (187.5 / 12 = 15.625); patients = days ÷ (45 days / 5 patients = 9).
    double dcDays = (100 * 190.0 / 6750 - 1) / 100 * 20;
    double dnaDays = (100.0 / 3 - 25) / 100 * 6 * 60 / 450;
    Answers.assertRows(
        warehouse
            .read(Table.OPPORTUNITY)
            .where("opportunity_unit = 'clinical_days' AND target_basis = 'median'")
            .selectExpr("metric_id", "org_code", "target_basis", "gap", "opportunity_value")
            .orderBy("metric_id", "org_code"),
        List.of(
            List.of("contacts_per_clinician_day", "A01", "median", 0.0, 0.0),
            List.of("contacts_per_clinician_day", "A02", "median", 0.0, 0.0),
            List.of("contacts_per_clinician_day", "A03", "median", 0.05, 5.0),
            List.of("direct_care_pct", "A01", "median", 0.0, 0.0),
            List.of("direct_care_pct", "A02", "median", 0.0, 0.0),
            List.of("direct_care_pct", "A03", "median", 100 * 190.0 / 6750 - 1, dcDays),
            List.of("dna_rate_pct", "A01", "median", 100.0 / 3 - 25, dnaDays),
            List.of("dna_rate_pct", "A02", "median", 0.0, 0.0),
            List.of("dna_rate_pct", "A03", "median", 0.0, 0.0)),
        1e-9);
    Answers.assertRows(
        warehouse
            .read(Table.OPPORTUNITY_NATIONAL)
            .where("target_basis = 'median'")
            .selectExpr("metric_id", "opportunity_unit", "n_orgs", "total")
            .orderBy("metric_id", "opportunity_unit"),
        List.of(
            List.of("contacts_per_clinician_day", "clinical_days", 1L, 5.0),
            List.of("contacts_per_clinician_day", "patients", 1L, 5.0 / 9),
            List.of("contacts_per_clinician_day", "wte", 1L, 5.0 / 15.625),
            List.of("direct_care_pct", "clinical_days", 1L, dcDays),
            List.of("direct_care_pct", "patients", 1L, dcDays / 9),
            List.of("direct_care_pct", "wte", 1L, dcDays / 15.625),
            List.of("dna_rate_pct", "clinical_days", 1L, dnaDays),
            List.of("dna_rate_pct", "patients", 1L, dnaDays / 9),
            List.of("dna_rate_pct", "wte", 1L, dnaDays / 15.625),
            // Sickness: A01 11.67% against a median of 0 → 7 of its 60 FTE days available, over
            // June's 30 calendar days = 0.2333 staff-equivalents.
            List.of("sickness_rate_pct", "wte", 1L, 7.0 / 30)),
        1e-9);
    // To the better quartile (direct care p75 3.4074%): A01 (3.4074 − 2.8148) points of its 15
    // available days and A03 (3.4074 − 1) points of its 20.
    double p75 = 2.814814814814815 + 0.5 * (4 - 2.814814814814815);
    Answers.assertRows(
        warehouse
            .read(Table.OPPORTUNITY_NATIONAL)
            .where("target_basis = 'upper_quartile' AND opportunity_unit = 'clinical_days'")
            .where("metric_id = 'direct_care_pct'")
            .selectExpr("n_orgs", "total"),
        List.of(List.of(2L, ((p75 - 100 * 190.0 / 6750) * 15 + (p75 - 1) * 20) / 100)),
        1e-9);
    // The community family total adds direct care and DNAs; contacts per day restates direct
    // care's release another way and is left out.
    Answers.assertRows(
        warehouse
            .read(Table.OPPORTUNITY_FAMILY)
            .where("opportunity_unit = 'clinical_days'")
            .selectExpr("family", "metrics", "n_orgs", "total"),
        List.of(List.of("community", "direct_care_pct,dna_rate_pct", 2L, dcDays + dnaDays)),
        1e-9);
  }

  @Test
  void badRowsAreQuarantinedWithFileLineFieldAndRule() {
    // contacts.csv: header on line 1, C01 on line 2 … C15 on line 16, then the bad rows.
    Answers.assertRows(
        select(Table.QUARANTINE, "source_table, source_file, line, field, rule, value", "line"),
        List.of(
            List.of(
                "csds/CYP201CareContact",
                "csds/CYP201CareContact/2024-06/contacts.csv",
                17L,
                "AttendanceStatus",
                "code_list",
                "X"),
            List.of(
                "csds/CYP201CareContact",
                "csds/CYP201CareContact/2024-06/contacts.csv",
                18L,
                "Contact_Date",
                "period",
                "2024-07-01"),
            List.of(
                "csds/CYP201CareContact",
                "csds/CYP201CareContact/2024-06/contacts.csv",
                19L,
                "CareContact_Duration",
                "type",
                "abc"),
            List.of(
                "csds/CYP201CareContact",
                "csds/CYP201CareContact/2024-06/contacts.csv",
                20L,
                "OrgID_Provider+CareContactID",
                "duplicate_key",
                "A01|C01")),
        0);
  }

  @Test
  void everyFileReconcilesReadWithAcceptedPlusQuarantined() {
    FileCounts contacts =
        result.files().stream()
            .filter(f -> f.file().endsWith("contacts.csv"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("csds/CYP201CareContact/2024-06/contacts.csv", 19L, 15L, 4L),
        List.of(contacts.file(), contacts.read(), contacts.accepted(), contacts.quarantined()));
    for (FileCounts f : result.files()) {
      long bronze =
          warehouse
              .read(Table.bronze(tableOf(f.file())))
              .where("_source_file = '" + f.file() + "'")
              .count();
      long silver =
          warehouse
              .read(Table.silver(tableOf(f.file())))
              .where("_source_file = '" + f.file() + "'")
              .count();
      long quarantined =
          warehouse.read(Table.QUARANTINE).where("source_file = '" + f.file() + "'").count();
      assertEquals(bronze, f.read(), f.file());
      assertEquals(bronze, silver + quarantined, f.file());
    }
  }

  private static String tableOf(String file) {
    String[] parts = file.split("/");
    return (parts[0] + "_" + parts[1]).toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void unmappedCodesAreCountedNotDropped() {
    Answers.assertRows(
        select(
            Table.UNMAPPED_CODES,
            "dataset, code_system, code, rows, n_orgs, organisations",
            "code"),
        List.of(List.of("csds", "CSDS.TeamType", "99", 1L, 1L, "A03")),
        0);
    assertEquals(15, result.conformed().contacts());
    assertEquals(1, result.conformed().unmappedContacts());
    assertEquals(0, result.conformed().excludedContacts());
  }

  @Test
  void trustsOfEveryTypeAreComparedOnTheSameServiceLine() {
    // A01 is a community trust, A02 a combined mental health and community trust, A03 an acute
    // trust: all three run district nursing (CSDS team type 12), so all three are in the one
    // community_nursing distribution of direct care time (n_orgs 3 and the percentiles above).
    List<Row> types =
        warehouse
            .read(Table.METRIC_VALUE)
            .where("metric_id = 'direct_care_pct'")
            .join(
                warehouse
                    .read(Table.ORG_HIERARCHY)
                    .selectExpr("org_code AS ref_org", "org_type AS Org_Type"),
                org.apache.spark.sql.functions.expr("org_code = ref_org"))
            .selectExpr("service_line", "Org_Type")
            .orderBy("Org_Type")
            .collectAsList();
    assertEquals(
        List.of(
            "community_nursing|Acute",
            "community_nursing|Combined MH and community",
            "community_nursing|Community"),
        types.stream().map(r -> r.getString(0) + "|" + r.getString(1)).toList());
    Answers.assertRows(
        warehouse
            .read(Table.BENCHMARK)
            .where("metric_id = 'direct_care_pct' AND peer_group = 'national'")
            .selectExpr("service_line", "peer_group", "n_orgs"),
        List.of(List.of("community_nursing", "national", 3L)),
        0);
  }

  @Test
  void absentSourcesAreReportedNotFatal() {
    assertTrue(result.absentSources().contains("mhsds"), result.absentSources().toString());
    assertFalse(result.absentSources().contains("csds"));
  }

  @Test
  void identifiersArePseudonymisedWithTheKeyedHash() {
    String expected = org.mhcs.testing.Hmac.hex(GoldenRuns.KEY, "PAT-0001");
    List<Row> r1 =
        warehouse
            .read(Table.silver("csds_cyp101referral"))
            .where("ServiceRequestID = 'R1'")
            .select("LocalPatientID")
            .collectAsList();
    assertEquals(List.of(expected), r1.stream().map(r -> r.getString(0)).toList());
    for (Table t : warehouse.tables()) {
      Dataset<Row> all = warehouse.read(t);
      String text = all.toJSON().collectAsList().toString();
      assertFalse(text.contains("PAT-000"), t + " holds a clear patient identifier");
      assertFalse(text.contains("9000001"), t + " holds a clear staff identifier");
    }
  }

  /** The run id and input versions of gold rows say which run wrote them: new on every run. */
  private static Dataset<Row> withoutRunLineage(Dataset<Row> rows) {
    return rows.drop(org.mhcs.warehouse.Columns.RUN_ID, org.mhcs.warehouse.Columns.INPUT_VERSIONS);
  }

  @Test
  void runningTheSamePeriodAgainChangesNothing() {
    Warehouse warehouse = GoldenRuns.copyOf(GoldenCommunityRunTest.warehouse, "community rerun ");
    Map<Table, Long> versions = new java.util.HashMap<>();
    Map<Table, List<Row>> rows = new java.util.HashMap<>();
    for (Table t : warehouse.tables()) {
      versions.put(t, warehouse.version(t));
      rows.put(t, sorted(withoutRunLineage(warehouse.read(t))));
    }
    GoldenRuns.run(warehouse, "community", GoldenRuns.SETTINGS);
    for (Table t : warehouse.tables()) {
      long added = warehouse.version(t) - versions.get(t);
      if (t.equals(Table.RUN_LOG)) {
        continue; // the log records every run, by design
      }
      if (t.layer() == org.mhcs.schema.Layer.BRONZE) {
        assertEquals(0, added, t + ": identical input must not be reloaded");
      } else {
        assertTrue(added <= 1, t + " gained " + added + " versions in one run");
      }
      assertEquals(
          rows.get(t), sorted(withoutRunLineage(warehouse.read(t))), t + " changed on a rerun");
    }
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.toJSON().collectAsList().stream()
        .sorted()
        .map(s -> (Row) org.apache.spark.sql.RowFactory.create(s))
        .toList();
  }
}
