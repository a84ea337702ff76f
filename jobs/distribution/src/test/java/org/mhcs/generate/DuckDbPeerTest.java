package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.performance.DuckDbPeer;
import org.mhcs.performance.PeerComparison;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.Scheduling;
import org.mhcs.warehouse.Warehouse;

/**
 * DuckDB's community gold figures from the shared demo landing (scale 0.05) against the pipeline's
 * from the same files ({@link GeneratedMonthRun}, so the Spark run is shared): every figure present
 * on both sides, bitwise equal. In this package for the shared fixtures; about 15 s on top of them.
 */
@Order(Scheduling.READS_DEMO_MONTH)
class DuckDbPeerTest {
  static final Period PERIOD = Period.of(LandingFixture.PERIOD);
  static Warehouse warehouse;
  static Path landing;
  static DuckDbPeer.Result peer;

  @BeforeAll
  static void run() {
    warehouse = GeneratedMonthRun.warehouse();
    landing = LandingFixture.demo().landingDir();
    CodeLists codeLists = CodeLists.bundled();
    peer =
        new DuckDbPeer(
                SchemaCatalog.bundled(),
                codeLists,
                ServiceLines.bundled(),
                Settings.load(Map.of()),
                ConfFiles.bundled())
            .execute(landing, List.of(PERIOD));
  }

  @Test
  void everyFigureAgreesWithSparkBitForBit() {
    PeerComparison.Result c = PeerComparison.compare(warehouse, List.of(PERIOD), peer);
    assertTrue(c.agrees(), c.describe());
    // 8 metrics × (4 fields per organisation and service line), 9 per distribution, 6 per
    // opportunity: thousands of figures, not a vacuous agreement.
    assertTrue(c.compared() > 10_000, c.describe());
    assertEquals(DuckDbPeer.STAGES, peer.stages().stream().map(s -> s.stage()).toList());
  }

  /** One organisation's community nursing DNA rate from the CSV with plain Java. */
  @Test
  void oneDnaRateByHandMatchesBothSides() {
    String serviceLine = "community_nursing";
    DuckDbPeer.MetricFigure figure =
        peer.metricValues().stream()
            .filter(m -> m.metricId().equals("dna_rate_pct"))
            .filter(m -> m.serviceLine().equals(serviceLine) && m.flags() == null)
            .sorted((a, b) -> a.orgCode().compareTo(b.orgCode()))
            .findFirst()
            .orElseThrow();
    String org = figure.orgCode();

    Map<String, String> nationalMap = new HashMap<>();
    LandingFixture.forEachConfRow(
        "service_line_maps/csds_team_type.csv",
        r -> {
          if (r.get("org_code").isEmpty()) {
            nationalMap.put(r.get("code").trim(), r.get("service_line"));
          }
        });
    Map<String, String> teamTypeOf = new HashMap<>();
    LandingFixture.forEachRow(
        landing,
        "csds",
        "CYP102ServiceTypeReferredTo",
        r -> {
          if (r.get("OrgID_Provider").equals(org)) {
            teamTypeOf.put(
                r.get("ServiceRequestID") + "|" + r.get("TeamID_Local"), r.get("TeamType").trim());
          }
        });
    Set<String> dna = Set.of("3", "7");
    Set<String> attended = Set.of("5", "6");
    long[] counts = new long[2]; // did not attend, attended
    LandingFixture.forEachRow(
        landing,
        "csds",
        "CYP201CareContact",
        r -> {
          if (!r.get("OrgID_Provider").equals(org)) {
            return;
          }
          String type = teamTypeOf.get(r.get("ServiceRequestID") + "|" + r.get("TeamID_Local"));
          if (!serviceLine.equals(nationalMap.get(type))) {
            return;
          }
          String status = r.get("AttendanceStatus").trim();
          if (dna.contains(status)) {
            counts[0]++;
          } else if (attended.contains(status)) {
            counts[1]++;
          }
        });
    double expected = counts[0] * 100.0 / (double) (counts[0] + counts[1]);
    assertEquals((double) counts[0], figure.numerator(), org);
    assertEquals((double) (counts[0] + counts[1]), figure.denominator(), org);
    assertEquals(expected, figure.value(), 0.0, org + " DuckDB");
    Row spark =
        warehouse
            .read(Table.METRIC_VALUE)
            .where(
                "metric_id = 'dna_rate_pct' AND org_code = '"
                    + org
                    + "' AND service_line = '"
                    + serviceLine
                    + "' AND period = '"
                    + PERIOD
                    + "'")
            .selectExpr("value")
            .head();
    assertEquals(expected, spark.getDouble(0), 0.0, org + " Spark");
  }
}
