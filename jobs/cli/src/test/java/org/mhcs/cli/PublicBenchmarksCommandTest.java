package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mhcs.testing.CommandLine.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.Repository;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;

/**
 * {@code public-benchmarks} on the real 2015-16 ERIC trust return the repository ships in
 * data/public: a financial year's run of the annual returns alone, then the variation among mental
 * health, learning disability and community trusts.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
class PublicBenchmarksCommandTest {
  @Test
  void theShippedReturnGivesTheVariationAnIndependentReadingOfTheFileGives() throws Exception {
    Path landing = SharedSpark.newFolder("public-landing-");
    Path year = Files.createDirectories(landing.resolve("eric/trust/2015-16"));
    Files.copy(
        Repository.ROOT.resolve("data/public/eric/trust/2015-16/ERIC-2015-16.csv"),
        year.resolve("ERIC-2015-16.csv"));
    Path warehouse = SharedSpark.newFolder("public-warehouse-");
    Outcome o =
        run(
            "public-benchmarks",
            "--landing",
            landing.toString(),
            "--warehouse",
            warehouse.toString());
    assertEquals(0, o.code(), o.err());
    // 238 trusts, none quarantined (EricReferenceFilesTest counts the file independently).
    assertTrue(
        o.out().matches("(?s).*eric/trust/2015-16/ERIC-2015-16\\.csv +238 +238 +0 +0\n.*"),
        o.out());
    // Read independently with Python's csv module (scripts/check-eric-variation 2015-16):
    // (hard FM + soft FM) / gross internal floor area of the 68 trusts typed MENTAL HEALTH AND
    // LEARNING DISABILITY or COMMUNITY, sorted; percentiles by linear interpolation between order
    // statistics: min 22.65 (R1C), p10 57.41, median 129.74, p90 160.75, max 367.24 (RW4).
    assertTrue(
        o.out()
            .matches(
                "(?s).*ef_cost_per_m2 across .*\n.*\n2015-16 +68 +22\\.65 \\(R1C\\) +57\\.41"
                    + " +129\\.74 +160\\.75 +367\\.24 \\(RW4\\)  GBP per m².*"),
        o.out());
    // The run was the year's alone: no month in gold.
    Outcome periods =
        run(
            "sql",
            "--warehouse",
            warehouse.toString(),
            "SELECT DISTINCT period FROM gold.metric_value");
    assertEquals(0, periods.code(), periods.err());
    assertTrue(periods.out().contains("2015-16"), periods.out());
    assertTrue(!periods.out().matches("(?s).*20\\d\\d-0\\d.*"), periods.out());
  }
}
