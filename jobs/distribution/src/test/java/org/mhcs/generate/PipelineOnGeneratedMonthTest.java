package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.generate.CalibrationTest.Tally;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;
import org.mhcs.warehouse.Warehouse;

/**
 * The whole pipeline on a generated month (scale 0.05: 25 providers, both CSDS and MHSDS, default
 * thresholds), checked against a second method: {@link CalibrationTest}'s plain-Java tallies of the
 * same CSV files, computed without Spark.
 */
@Order(Scheduling.DEMO_MONTH)
class PipelineOnGeneratedMonthTest {
  static Warehouse warehouse;
  static MonthlyRun.Result result;
  static Map<String, Tally> tallies;

  @BeforeAll
  static void run() {
    tallies = CalibrationTest.tallies();
    warehouse = GeneratedMonthRun.warehouse();
    result = GeneratedMonthRun.result();
  }

  /** metric id → how the plain-Java tally gives its numerator and denominator. */
  static final Map<String, Function<Tally, double[]>> BY_HAND =
      Map.of(
          "direct_care_pct", t -> new double[] {t.directMinutes, 450 * t.availableDays},
          "contacts_per_clinician_day", t -> new double[] {t.directContacts, t.availableDays},
          "mean_f2f_contact_minutes", t -> new double[] {t.faceToFaceMinutes, t.faceToFaceContacts},
          "contacts_per_patient", t -> new double[] {t.directContacts, t.patients.size()},
          "dna_rate_pct", t -> new double[] {t.dna, t.attended + t.dna});

  @Test
  void everyMetricValueMatchesThePlainJavaComputation() {
    List<Row> rows =
        warehouse
            .read(Table.METRIC_VALUE)
            .where("metric_id IN ('" + String.join("', '", BY_HAND.keySet()) + "')")
            .selectExpr("metric_id", "org_code", "service_line", "numerator", "denominator")
            .collectAsList();
    int compared = 0;
    for (Row r : rows) {
      Tally t = tallies.get(r.getString(1) + "|" + r.getString(2));
      String where = r.getString(0) + " " + r.getString(1) + " " + r.getString(2);
      if (t == null) {
        // Staff in a service with no contacts this month: a zero numerator, never invented.
        assertEquals(0.0, r.getDouble(3), where);
        continue;
      }
      double[] expected = BY_HAND.get(r.getString(0)).apply(t);
      assertEquals(expected[0], r.getDouble(3), 1e-6, where + " numerator");
      if (expected[1] == 0) {
        assertTrue(r.isNullAt(4) || r.getDouble(4) == 0, where + " denominator");
      } else {
        // The pipeline rounds each assignment's 5/7 of a sick day to six decimal places (under a
        // second) so that its sums are exact; the tally keeps doubles.
        assertEquals(expected[1], r.getDouble(4), 1e-7 * expected[1], where + " denominator");
      }
      compared++;
    }
    assertEquals(tallies.size() * BY_HAND.size(), compared, "every tally has all five metrics");
  }

  @Test
  void nationalPercentilesMatchAnIndependentInterpolation() {
    // direct_care_pct per service line over organisations with at least 20 available days (the
    // default benchmark.min_available_days), recomputed from the tallies.
    Map<String, List<Double>> values = new HashMap<>();
    tallies.forEach(
        (key, t) -> {
          if (t.availableDays >= 20) {
            values
                .computeIfAbsent(key.substring(key.indexOf('|') + 1), k -> new ArrayList<>())
                .add(100.0 * t.directMinutes / (450 * t.availableDays));
          }
        });
    List<Row> benchmark =
        warehouse
            .read(Table.BENCHMARK)
            .where("metric_id = 'direct_care_pct' AND peer_group = 'national'")
            .selectExpr("service_line", "n_orgs", "p10", "p25", "p50", "p75", "p90")
            .collectAsList();
    assertEquals(values.keySet().size(), benchmark.size());
    double[] ps = {0.1, 0.25, 0.5, 0.75, 0.9};
    for (Row b : benchmark) {
      List<Double> v = values.get(b.getString(0));
      assertEquals(v.size(), b.getLong(1), b.getString(0));
      for (int i = 0; i < ps.length; i++) {
        assertEquals(
            MetricRanges.percentile(v, ps[i]),
            b.getDouble(2 + i),
            1e-6, // as above: denominators agree to 1e-7 of their size
            b.getString(0) + " p" + ps[i]);
      }
    }
    // Peer groups the same way: each organisation with its peers from gold.peer, over the
    // organisations of community nursing with at least 20 available days.
    Map<String, Double> nursing = new HashMap<>();
    tallies.forEach(
        (key, t) -> {
          if (key.endsWith("|community_nursing") && t.availableDays >= 20) {
            nursing.put(
                key.substring(0, key.indexOf('|')),
                100.0 * t.directMinutes / (450 * t.availableDays));
          }
        });
    Map<String, List<String>> groups = new HashMap<>();
    for (Row p : warehouse.read(Table.PEER).collectAsList()) {
      String org = p.getAs("org_code");
      groups.computeIfAbsent(org, o -> new ArrayList<>(List.of(o))).add(p.getAs("peer_org_code"));
    }
    int checked = 0;
    for (Row b :
        warehouse
            .read(Table.BENCHMARK)
            .where("metric_id = 'direct_care_pct' AND service_line = 'community_nursing'")
            .where("peer_group LIKE 'peers:%'")
            .selectExpr("substring(peer_group, 7)", "n_orgs", "p50")
            .collectAsList()) {
      List<Double> v =
          groups.get(b.getString(0)).stream()
              .filter(nursing::containsKey)
              .map(nursing::get)
              .toList();
      assertEquals(v.size(), b.getLong(1), b.getString(0));
      assertEquals(MetricRanges.percentile(v, 0.5), b.getDouble(2), 1e-6, b.getString(0));
      checked++;
    }
    assertTrue(checked > 10, "peer groups checked: " + checked);
    for (Row b :
        warehouse
            .read(Table.BENCHMARK)
            .selectExpr("p10", "p25", "p50", "p75", "p90")
            .collectAsList()) {
      for (int i = 1; i < 5; i++) {
        assertTrue(b.getDouble(i - 1) <= b.getDouble(i), "percentiles out of order: " + b);
      }
    }
  }

  @Test
  void cleanInputReconcilesWithNothingQuarantined() {
    assertTrue(result.files().size() >= 13, "files read: " + result.files().size());
    for (FileCounts f : result.files()) {
      assertEquals(f.read(), f.accepted(), f.file());
    }
    assertEquals(0, warehouse.read(Table.QUARANTINE).count());
  }

  @Test
  void careHoursPerPatientDayMatchPlainJavaSumsPerOrganisation() {
    // Plain Java over the CSVs, as WardCalibrationTest: hours and patient days summed over every
    // ward-day row; patients = Patients_At_Midnight, else the ward stays at 23:59 (WardCensus).
    // Every generated ward maps to a service line, so an organisation's rows add up to it.
    Path root = LandingFixture.demo().landingDir();
    Map<String, int[]> census = WardCensus.count(root);
    Map<String, double[]> sums = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        "staffing",
        "ward_day",
        row -> {
          String reported = row.get("Patients_At_Midnight");
          int day = java.time.LocalDate.parse(row.get("Date")).getDayOfMonth() - 1;
          double[] s = sums.computeIfAbsent(row.get("Org_Code"), k -> new double[3]);
          s[0] += row.decimal("RN_Hours") + row.decimal("HCSW_Hours") + row.decimal("AHP_Hours");
          s[2] += row.decimal("Bank_Hours") + row.decimal("Agency_Hours");
          s[1] +=
              reported.isEmpty()
                  ? census.get(row.get("Org_Code") + "|" + row.get("Ward_Code"))[day]
                  : Integer.parseInt(reported);
        });
    List<Row> rows =
        warehouse
            .read(Table.METRIC_VALUE)
            .where("metric_id IN ('chppd_total', 'bank_agency_share_pct')")
            .groupBy("org_code")
            .pivot("metric_id")
            .agg(
                org.apache.spark.sql.functions.sum("numerator"),
                org.apache.spark.sql.functions.sum("denominator"))
            .selectExpr(
                "org_code",
                "`chppd_total_sum(numerator)`",
                "`chppd_total_sum(denominator)`",
                "`bank_agency_share_pct_sum(numerator)`",
                "`bank_agency_share_pct_sum(denominator)`")
            .collectAsList();
    assertEquals(sums.size(), rows.size());
    for (Row r : rows) {
      double[] s = sums.get(r.getString(0));
      assertEquals(s[0], r.getDouble(1), 1e-6, r.getString(0) + " care hours");
      assertEquals(s[1], r.getDouble(2), 1e-9, r.getString(0) + " patient days");
      assertEquals(s[2], r.getDouble(3), 1e-6, r.getString(0) + " bank and agency hours");
      assertEquals(s[0], r.getDouble(4), 1e-6, r.getString(0) + " care hours (bank share)");
    }
  }

  @Test
  void sicknessRatesMatchSumsOverTheSicknessFile() {
    // Plain Java over the landing CSV: Σ FTE_Days_Sick and Σ FTE_Days_Available per organisation.
    Map<String, double[]> sums = new HashMap<>();
    LandingFixture.forEachRow(
        LandingFixture.demo().landingDir(),
        "esr",
        "sickness",
        row -> {
          double[] s = sums.computeIfAbsent(row.get("Org_Code"), k -> new double[2]);
          s[0] += Double.parseDouble(row.get("FTE_Days_Sick"));
          s[1] += Double.parseDouble(row.get("FTE_Days_Available"));
        });
    List<Row> rows =
        warehouse
            .read(Table.METRIC_VALUE)
            .where("metric_id = 'sickness_rate_pct'")
            .selectExpr("org_code", "numerator", "denominator", "value")
            .collectAsList();
    assertEquals(sums.size(), rows.size());
    for (Row r : rows) {
      double[] s = sums.get(r.getString(0));
      assertEquals(s[0], r.getDouble(1), 1e-6, r.getString(0));
      assertEquals(s[1], r.getDouble(2), 1e-6, r.getString(0));
      assertEquals(100 * s[0] / s[1], r.getDouble(3), 1e-9, r.getString(0));
    }
  }

  @Test
  void wardsTakeTheServiceLineOfTheBedTypeOfTheirStays() {
    // In May 2024 the generator's ward kinds carry MHSDS v6 bed types
    // (conf/code_lists/hospital_bed_type_mh.csv), which the bundled mapping places so:
    Map<String, String> lineOfBedType =
        Map.of(
            "200", "adult_acute_inpatient",
            "201", "older_adult_inpatient",
            "202", "picu",
            "206", "forensic_secure");
    List<Row> wards =
        warehouse
            .read(Table.CONFORMED_WARDS)
            .selectExpr(
                "bed_type",
                "service_line",
                "mapping_status",
                "mapped_by",
                "ward_stays",
                "staffing_days")
            .collectAsList();
    assertTrue(wards.size() > 20, "wards: " + wards.size());
    List<String> kinds = new ArrayList<>();
    for (Row w : wards) {
      assertEquals(lineOfBedType.get(w.getString(0)), w.getString(1), w.toString());
      assertEquals("mapped", w.getString(2));
      assertEquals("MHSDS.HospitalBedTypeMH", w.getString(3));
      // Every ward of the staffing return has stays in MHSDS and the other way round.
      assertTrue(w.getLong(4) > 0 && w.getLong(5) > 0, w.toString());
      kinds.add(w.getString(0));
    }
    assertTrue(kinds.contains("200") && kinds.contains("201"), kinds.toString());
    // Ward staff are inpatient capacity, placed by their ward (and not counted by community
    // metrics); everyone else clinical is placed by the team type of their team.
    List<Row> routes =
        warehouse
            .read(Table.CONFORMED_CAPACITY)
            .where("clinical")
            .groupBy(
                org.apache.spark.sql.functions.expr("ward_code IS NOT NULL"),
                org.apache.spark.sql.functions.col("mapped_by"))
            .count()
            .orderBy("mapped_by")
            .collectAsList();
    assertTrue(routes.size() >= 2, routes.toString());
    for (Row r : routes) {
      List<String> expected =
          r.getBoolean(0)
              ? List.of("MHSDS.HospitalBedTypeMH")
              : List.of("CSDS.TeamType", "MHSDS.ServTeamTypeRefToMH");
      assertTrue(expected.contains(r.getString(1)), r.toString());
    }
  }

  @Test
  void theDeliberatelyExcludedTeamTypeIsExcludedNotUnmapped() {
    // Every generated team type is a national code the bundled mapping maps or excludes; A18
    // (single point of access) is excluded, so its contacts are the excluded ones and none is
    // unmapped.
    List<Row> byStatus =
        warehouse
            .read(Table.CONFORMED_CONTACTS)
            .groupBy("mapping_status")
            .agg(
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.sum(
                    org.apache.spark.sql.functions.expr("CASE WHEN team_type = 'A18' THEN 1 END")))
            .orderBy("mapping_status")
            .collectAsList();
    assertEquals(2, byStatus.size(), byStatus.toString());
    assertEquals("excluded", byStatus.get(0).getString(0));
    assertEquals(result.conformed().excludedContacts(), byStatus.get(0).getLong(1));
    assertEquals(byStatus.get(0).getLong(1), byStatus.get(0).getLong(2), "excluded = A18");
    assertEquals("mapped", byStatus.get(1).getString(0));
    assertTrue(byStatus.get(1).isNullAt(2), "no A18 contact is mapped");
    assertEquals(0, result.conformed().unmappedContacts());
    double share = 100.0 * result.conformed().excludedContacts() / result.conformed().contacts();
    assertTrue(share > 0.05 && share < 1.0, "A18 is ~1% of MHSDS contacts, " + share + "% of all");
    assertEquals(0, warehouse.read(Table.UNMAPPED_CODES).count(), "nothing unmapped anywhere");
  }

  @Test
  void opportunitiesAreZeroAtOrAboveTheMedianAndPositiveBelowIt() {
    List<Row> rows =
        warehouse
            .read(Table.OPPORTUNITY)
            .where("metric_id = 'direct_care_pct' AND opportunity_unit = 'clinical_days'")
            .selectExpr("value", "target_value", "opportunity_value")
            .collectAsList();
    assertTrue(rows.size() > 50, "rows: " + rows.size());
    for (Row r : rows) {
      if (r.getDouble(0) >= r.getDouble(1)) {
        assertEquals(0.0, r.getDouble(2), r.toString());
      } else {
        assertTrue(r.getDouble(2) > 0, r.toString());
      }
    }
    assertEquals(0, warehouse.read(Table.OPPORTUNITY).where("opportunity_value < 0").count());
  }

  @Test
  void aRerunOfTheSameInputWritesBitIdenticalTables() {
    // Many partitions and shuffles: sums of doubles could differ in their last bit between runs;
    // every cross-row sum is exact (decimal), so the rerun's silver and gold rows are identical.
    Map<Table, List<String>> before = new HashMap<>();
    for (Table t : warehouse.tables()) {
      if (t.layer() != org.mhcs.schema.Layer.OPS) {
        before.put(t, sortedJson(warehouse, t));
      }
    }
    Warehouse rerun = GoldenRuns.copyOf(warehouse, "demo rerun ");
    GoldenRuns.pipeline(rerun, Map.of())
        .execute(
            new LandingFolder(LandingFixture.demo().landingDir()),
            Period.of(LandingFixture.PERIOD));
    for (Map.Entry<Table, List<String>> e : before.entrySet()) {
      assertEquals(e.getValue(), sortedJson(rerun, e.getKey()), e.getKey() + " changed on a rerun");
    }
  }

  /**
   * A gold table's rows as sorted JSON; a large table's row count and order-independent checksum (Σ
   * xxhash64 of every column, wrapping as longs do).
   */
  private static List<String> sortedJson(Warehouse warehouse, Table table) {
    if (table.layer() == org.mhcs.schema.Layer.GOLD) {
      // Which run wrote a row, and from which versions, changes by design.
      return warehouse
          .read(table)
          .drop(org.mhcs.warehouse.Columns.RUN_ID, org.mhcs.warehouse.Columns.INPUT_VERSIONS)
          .toJSON()
          .collectAsList()
          .stream()
          .sorted()
          .toList();
    }
    org.apache.spark.sql.Dataset<Row> rows = warehouse.read(table);
    Row r =
        rows.agg(
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.sum(
                    org.apache.spark.sql.functions.xxhash64(
                        // Maps (bronze _extra) cannot be hashed as such; their JSON can.
                        java.util.Arrays.stream(rows.schema().fields())
                            .map(
                                f ->
                                    f.dataType() instanceof org.apache.spark.sql.types.MapType
                                        ? org.apache.spark.sql.functions.to_json(
                                            rows.col("`" + f.name() + "`"))
                                        : rows.col("`" + f.name() + "`"))
                            .toArray(org.apache.spark.sql.Column[]::new))))
            .head();
    return List.of(r.get(0) + " rows, checksum " + r.get(1));
  }
}
