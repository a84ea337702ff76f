package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mhcs.testing.CommandLine.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.command.Command;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;
import org.mhcs.warehouse.Warehouse;

@ResourceLock(Scheduling.SESSION_CATALOG)
class MainTest {
  @Test
  void everyCommandHasHelp() {
    for (Command c : Main.COMMANDS) {
      Outcome o = run(c.name(), "--help");
      assertEquals(0, o.code(), c.name());
      assertTrue(o.out().startsWith("usage: ./mhcs " + c.name()), o.out());
    }
  }

  @Test
  void serviceLinesListsTheCodesInEffectAndChecksTheFiles() {
    Outcome listed = run("service-lines", "--month", "2024-06");
    assertEquals(0, listed.code(), listed.err());
    // June 2024 is under MHSDS v6: one bed type per acute line (200, 201, 202), 206 and 207 for
    // secure care, with the forensic team types B01 and B02; the v5 codes (10, 11, …) have ended.
    for (String line :
        List.of(
            "adult_acute_inpatient .* 1 MHSDS.HospitalBedTypeMH",
            "picu .* 1 MHSDS.HospitalBedTypeMH",
            "forensic_secure .* 2 MHSDS.HospitalBedTypeMH, 2 MHSDS.ServTeamTypeRefToMH",
            "community_nursing .* 2 CSDS.TeamType",
            "talking_therapies .* none mapped")) {
      assertTrue(listed.out().lines().anyMatch(l -> l.matches(line)), line + "\n" + listed.out());
    }
    Outcome checked = run("service-lines", "--check");
    assertEquals(0, checked.code(), checked.err());
    assertTrue(checked.out().startsWith("OK: mapping 2026.2@"), checked.out());

    java.nio.file.Path broken = org.mhcs.testing.ConfCopies.copy();
    org.mhcs.testing.ConfCopies.append(
        broken, "service_line_maps/ppib_category.csv", "Gloves,Again,gloves,,,,\n");
    Outcome failed = run("service-lines", "--check", "--conf", broken.toString());
    assertEquals(1, failed.code());
    assertTrue(
        failed.err().contains("ppib_category.csv line 12: code 'Gloves' is a duplicate of line 6"),
        failed.err());
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatToDo() {
    Outcome unknown = run("frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());

    Outcome missing = run("run", "--landing", ".", "--period", "2024-06");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("missing --warehouse DIR"), missing.err());

    Outcome badPeriod = run("run", "--landing", ".", "--warehouse", "w", "--period", "2024-13");
    assertEquals(2, badPeriod.code());
    assertTrue(
        badPeriod.err().contains("neither a month (YYYY-MM, for example 2024-06)"),
        badPeriod.err());

    Outcome injection = run("generate", "--out", "x", "--period", "2024-06' OR '1'='1");
    assertEquals(2, injection.code());

    Outcome option = run("sql", "--warehouse", ".", "--colour", "SELECT 1");
    assertEquals(2, option.code());
    assertTrue(option.err().contains("unknown option --colour"), option.err());
    assertFalse(option.err().contains("at org."), "no stack trace for a user error");
  }

  @Test
  void aRunWithoutTheKeyFailsWithInstructions() {
    assumeTrue(
        System.getenv(Pseudonymiser.KEY_VARIABLE) == null
            && System.getenv(Pseudonymiser.KEY_FILE_VARIABLE) == null,
        "the key is set in this environment");
    String landing = GoldenRuns.landing("community").toString();
    Outcome o = run("run", "--landing", landing, "--warehouse", "unused", "--period", "2024-06");
    assertEquals(1, o.code());
    assertTrue(o.err().contains("MHCS_HASH_KEY is not set, nor MHCS_HASH_KEY_FILE"), o.err());
    assertTrue(o.err().contains("openssl rand -hex 32 > /secure/mhcs.key"), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace for a missing key");
  }

  @Test
  void aRunWithNothingLandedForThePeriodSaysWhatWasExpected() {
    // The golden landing holds 2024-06 only.
    String landing = GoldenRuns.landing("community").toString();
    org.mhcs.warehouse.Warehouse warehouse = GoldenRuns.newWarehouse();
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                GoldenRuns.pipeline(warehouse, GoldenRuns.SETTINGS)
                    .execute(
                        new org.mhcs.ingest.LandingFolder(java.nio.file.Path.of(landing)),
                        org.mhcs.calendar.Period.parse("2024-07")));
    assertTrue(
        e.getMessage().startsWith("nothing is landed for 2024-07 under " + landing),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("csds/CYP201CareContact/2024-07/part-00000.csv"), e.getMessage());
    // Refused before the run took the lock or logged anything: the warehouse is as it was.
    assertFalse(
        java.nio.file.Files.exists(warehouse.root().resolve("_run.lock")), "no _run.lock left");
    assertFalse(java.nio.file.Files.exists(warehouse.root().resolve("ops")), "no ops.run_log");
  }

  @Test
  void peersAreListedNearestFirstWithTheirDistance() {
    // golden/community, features standardised over A01, A02, A03:
    //   service-line mix: all clinical WTE in community nursing → no difference;
    //   workforce mix: A01 half nurses, half admin; A02, A03 all nurses → z of each share
    //     (1.4142, −0.7071, −0.7071) and the reverse: mean squared difference A01–A0x 4.5;
    //   size: ln WTE ln 2, ln 0.5, 0 → z 1.2247, −1.2247, 0: squared differences A01–A02 6,
    //     A01–A03 1.5, A02–A03 1.5 (no finance summaries, so no income).
    //   d(A01, A03) = √(4.5 + 1.5) = 2.449; d(A01, A02) = √(4.5 + 6) = 3.240.
    Outcome o = run("peers", "--warehouse", GoldenRuns.community().root().toString(), "A01");
    assertEquals(0, o.code(), o.err());
    // Names from golden/community/ref/organisations/etr-2024-06.csv, lines 1-3.
    assertEquals(
        List.of(
            "Peers of A01 (Golden Community NHS Trust), 2024-06",
            "rank peer     distance  name",
            "   1 A03         2.449  Golden Acute NHS Trust",
            "   2 A02         3.240  Golden Mental Health NHS Trust"),
        o.out().lines().toList());
  }

  @Test
  void opportunitiesAreRankedPerUnit() {
    String dir = GoldenRuns.community().root().toString();
    Outcome national = run("opportunities", "--warehouse", dir);
    assertEquals(0, national.code(), national.err());
    // Direct care 0.363 + DNAs 0.067 clinical days (GoldenCommunityRunTest works them by hand).
    assertTrue(
        national.out().lines().anyMatch(l -> l.matches("community +2024-06 +- +0\\.4 .*")),
        national.out());
    Outcome a03 = run("opportunities", "--warehouse", dir, "--org", "A03");
    assertEquals(0, a03.code(), a03.err());
    // A03's contacts per day to the median: 5 clinical days, ranked above its direct care 0.4.
    List<String> days =
        a03.out().lines().dropWhile(l -> !l.equals("Opportunity in clinical_days")).toList();
    // Each line ends with the names: A03 is golden/community's etr-2024-06.csv line 3; the
    // metrics' names are MetricCatalog's.
    assertEquals(
        "Opportunities of A03 (Golden Acute NHS Trust), 2024-06 and 2024-25",
        a03.out().lines().findFirst().orElse(""));
    assertTrue(
        days.get(2)
            .matches(
                " +1 A03 +contacts_per_clinician_day +community .* 5\\.0"
                    + "  Golden Acute NHS Trust / Contacts per clinician per day"),
        days.toString());
    assertTrue(
        days.get(3)
            .matches(
                " +2 A03 +direct_care_pct +community .* 0\\.4"
                    + "  Golden Acute NHS Trust / Direct care time %"),
        days.toString());
  }

  @Test
  void sqlPrintsCsvWithAHeaderAndListsTables() {
    Warehouse warehouse = GoldenRuns.community();
    String dir = warehouse.root().toString();
    Outcome o =
        run(
            "sql",
            "--warehouse",
            dir,
            "SELECT metric_id, org_code, value FROM gold.metric_value WHERE metric_id = 'dna_rate_pct' ORDER BY org_code");
    assertEquals(0, o.code(), o.err());
    // DNA rates worked out in GoldenCommunityRunTest: 2/6, 0/2, 1/4.
    assertEquals(
        List.of(
            "metric_id,org_code,value",
            "dna_rate_pct,A01," + 2.0 * 100 / 6, // 2 DNAs of 6 booked, as Spark computes it
            "dna_rate_pct,A02,0.0",
            "dna_rate_pct,A03,25.0"),
        o.out().lines().toList());
    Outcome tables = run("sql", "--warehouse", dir, "SHOW TABLES IN gold");
    assertEquals(0, tables.code(), tables.err());
    List<String> names = tables.out().lines().skip(1).map(l -> l.split(",")[1]).sorted().toList();
    assertEquals(
        List.of(
            "benchmark",
            "dim_metric",
            "dim_organisation",
            "dim_period",
            "dim_service_line",
            "metric_basis",
            "metric_trend",
            "metric_value",
            "opportunity",
            "opportunity_family",
            "opportunity_national",
            "org_position",
            "org_system_position",
            "peer",
            "system_benchmark",
            "system_opportunity",
            "system_value"),
        names);

    Outcome bad = run("sql", "--warehouse", dir, "SELECT nope FROM gold.benchmark");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("nope"), bad.err());
  }
}
