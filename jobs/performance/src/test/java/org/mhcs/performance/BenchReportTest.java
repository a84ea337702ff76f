package org.mhcs.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhcs.calendar.Period;

/** The figures a benchmark prints and saves, from measurements made up here. */
class BenchReportTest {
  private static StageMeasurement stage(String name, double seconds, long rows) {
    return new StageMeasurement("2024-06", name, seconds, rows, 2, 1L << 30, 500, 3, 1 << 20, 0, 0);
  }

  @Test
  void csvToSilverRateAndReloadRatioAreWorkedFromTheStages(@TempDir Path dir) throws Exception {
    Period june = Period.parse("2024-06");
    BenchRun.Plan plan = new BenchRun.Plan(0.05, 2, Period.parse("2024-05"), 42, true);
    BenchReport report =
        new BenchReport(new Machine("cpu", 2, 24L << 30, 8L << 30, "java 17"), plan);
    List<BenchRun.Run> runs =
        List.of(
            new BenchRun.Run(
                Period.parse("2024-05"),
                50,
                List.of(stage("ingest", 10, 600_000), stage("silver", 20, 600_000)),
                List.of()),
            new BenchRun.Run(
                june,
                30,
                List.of(stage("ingest", 5, 400_000), stage("silver", 15, 400_000)),
                List.of()));
    report.runs(runs);
    report.reload(
        new BenchRun.Reload(
            new BenchRun.Run(june, 44, List.of(stage("ingest", 4, 400_000)), List.of()),
            List.of(new ReloadCheck.TableRewrite("gold/x", 1, 2, 2, 1, Set.of("2024-05")))),
        80,
        2);
    // 1,000,000 landing rows over (10 + 20 + 5 + 15) s × 2 cores = 10,000 rows/s per core;
    // the reload's 44 s over the average month's 80 / 2 = 40 s is 1.10.
    assertTrue(report.text().contains("10,000 rows/s per core"), report.text());
    assertTrue(report.text().contains("44.0 s = 1.10 × the average month"), report.text());
    Path json = dir.resolve("bench.json");
    report.writeJson(json);
    JsonNode saved = new ObjectMapper().readTree(json.toFile());
    assertEquals("2024-05", saved.get("plan").get("first").asText());
    assertEquals(10_000.0, saved.get("csv_to_silver_rows_per_second_per_core").asDouble(), 1e-9);
    assertEquals(1.1, saved.get("reload_ratio_to_average_month").asDouble(), 1e-12);
    assertEquals(1, saved.get("reload").get("rewrites").get(0).get("filesRemovedOutside").asInt());
  }
}
