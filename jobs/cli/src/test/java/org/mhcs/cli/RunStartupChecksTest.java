package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mhcs.testing.CommandLine.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.SharedSpark;

/** {@code ./mhcs run} checks everything it can before Spark starts and lists every problem. */
class RunStartupChecksTest {
  @Test
  void everyProblemIsListedInOneMessageBeforeAnythingStarts() {
    assumeTrue(noKey(), "the key is set in this environment");
    Path root = SharedSpark.newFolder("startup-");
    Path landing = root.resolve("landing");
    Path warehouse = root.resolve("warehouse");
    Outcome o =
        run(
            "run",
            "--landing",
            landing.toString(),
            "--warehouse",
            warehouse.toString(),
            "--period",
            "2024-13",
            "--set",
            "benchmark.peer=3",
            "--set",
            "benchmark.peers=0");
    // A wrong command line makes it a usage error, whatever else is wrong.
    assertEquals(2, o.code(), o.err());
    List<String> lines = o.err().lines().toList();
    assertEquals(6, lines.size(), o.err());
    assertEquals(
        "mhcs run: 5 problems, found before starting; fix them and run again:", lines.get(0));
    assertEquals(
        "  - --period: period '2024-13' is neither a month (YYYY-MM, for example 2024-06) nor a"
            + " financial year (YYYY-YY, for example 2024-25, to run the annual returns alone)",
        lines.get(1));
    assertEquals("  - --landing " + landing + ": no such folder", lines.get(2));
    assertTrue(
        lines
            .get(3)
            .startsWith(
                "  - --set: unknown option 'benchmark.peer'; known options: [spark.master, "),
        lines.get(3));
    assertEquals("  - benchmark.peers = '0': must be a whole number from 1 to 100", lines.get(4));
    assertTrue(
        lines.get(5).startsWith("  - MHCS_HASH_KEY is not set, nor MHCS_HASH_KEY_FILE:"),
        lines.get(5));
    assertFalse(Files.exists(warehouse), "the warehouse folder is not even created");
  }

  @Test
  void configurationProblemsAloneFailWithOne() {
    Path root = SharedSpark.newFolder("startup-");
    Path warehouse = root.resolve("warehouse");
    Outcome o =
        run(
            "run",
            "--landing",
            root.toString(),
            "--warehouse",
            warehouse.toString(),
            "--period",
            "2024-06",
            "--set",
            "ingest.max_reject_pct=101",
            "--set",
            "benchmark.peers=many");
    assertEquals(1, o.code(), o.err());
    List<String> lines = o.err().lines().toList();
    assertEquals(
        "mhcs run: the configuration has "
            + (noKey() ? 3 : 2)
            + " problem(s); fix them and run again:",
        lines.get(0));
    assertEquals(
        "  - ingest.max_reject_pct = '101': must be a number from 0.0 to 100.0", lines.get(1));
    assertEquals(
        "  - benchmark.peers = 'many': must be a whole number from 1 to 100", lines.get(2));
    assertFalse(Files.exists(warehouse), "the warehouse folder is not even created");
  }

  @Test
  void aRunWithNothingLandedForItsPeriodStopsBeforeItCreatesTheWarehouse() throws Exception {
    Path root = SharedSpark.newFolder("startup-");
    Path landing = Files.createDirectories(root.resolve("landing"));
    Path warehouse = root.resolve("warehouse");
    Outcome o =
        run(
            "run",
            "--landing",
            landing.toString(),
            "--warehouse",
            warehouse.toString(),
            "--period",
            "2024-06");
    assertEquals(1, o.code(), o.err());
    List<String> lines = o.err().lines().toList();
    assertEquals(
        "mhcs run: the configuration has "
            + (noKey() ? 2 : 1)
            + " problem(s); fix them and run again:",
        lines.get(0));
    assertEquals(
        "  - nothing is landed for 2024-06 under "
            + landing
            + ": expected files such as "
            + landing.resolve("csds/CYP201CareContact/2024-06/part-00000.csv")
            + " (layout <source>/<table>/<period>/*.csv); check --landing and --period",
        lines.get(noKey() ? 2 : 1));
    assertFalse(Files.exists(warehouse), "no warehouse, so no ops/run_log and no _run.lock");
  }

  /** Whether this JVM's environment gives no key (neither variable), as in CI. */
  private static boolean noKey() {
    return System.getenv(Pseudonymiser.KEY_VARIABLE) == null
        && System.getenv(Pseudonymiser.KEY_FILE_VARIABLE) == null;
  }
}
