package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.benchmark.BenchmarkStage;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.Scheduling;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * A past benchmark is re-issued exactly: its rows record the Delta versions they were computed
 * from, and {@code ./mhcs sql --as-of} queries the tables as they were then, by those versions or
 * by a timestamp.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
class AsOfQueryTest {
  private static final Period JUNE = Period.parse("2024-06");

  private static void benchmark(Warehouse warehouse, String runId, double b) {
    // DNA rates of A, B, C: 10, b, 40 → the median is b.
    warehouse.replace(
        Table.METRIC_VALUE,
        MetricRows.of(
            List.of(
                MetricRows.row("dna_rate_pct", "A", 10, null),
                MetricRows.row("dna_rate_pct", "B", b, null),
                MetricRows.row("dna_rate_pct", "C", 40, null))),
        JUNE.predicate(Columns.PERIOD),
        null);
    new BenchmarkStage(
            warehouse,
            SchemaCatalog.bundled(),
            MetricCatalog.from(Settings.load(Map.of())),
            5,
            new RunLog(runId, JUNE.toString(), line -> {}))
        .execute(JUNE);
  }

  private static String query(Warehouse warehouse, String asOf, String sql) {
    CommandLine.Outcome o =
        asOf == null
            ? CommandLine.run("sql", "--warehouse", warehouse.root().toString(), sql)
            : CommandLine.run(
                "sql", "--warehouse", warehouse.root().toString(), "--as-of", asOf, sql);
    assertEquals(0, o.code(), o.err());
    return o.out();
  }

  @Test
  void aPastBenchmarkIsReissuedFromTheVersionsItRecorded() throws Exception {
    Warehouse warehouse = GoldenRuns.newWarehouse();
    benchmark(warehouse, "run-1", 20);
    String inputs =
        warehouse
            .read(Table.BENCHMARK)
            .where("peer_group = 'national'")
            .select(Columns.INPUT_VERSIONS)
            .first()
            .getString(0);
    long firstBenchmark = warehouse.version(Table.BENCHMARK);
    // Delta dates a commit by its log file's time: step past it before the next run.
    Thread.sleep(1500);
    Timestamp between = new Timestamp(System.currentTimeMillis());
    Thread.sleep(1500);
    benchmark(warehouse, "run-2", 30);

    String national = "SELECT run_id, p50 FROM gold.benchmark WHERE peer_group = 'national'";
    assertEquals("run_id,p50\nrun-2,30.0\n", query(warehouse, null, national));
    assertEquals("gold.metric_value@0", inputs);
    // By the benchmark's own version, by a timestamp between the runs, and recomputed from the
    // metric values at the version run-1 recorded: the median was 20.
    assertEquals(
        "run_id,p50\nrun-1,20.0\n", query(warehouse, "gold.benchmark@" + firstBenchmark, national));
    assertEquals("run_id,p50\nrun-1,20.0\n", query(warehouse, between.toString(), national));
    assertEquals(
        "median\n20.0\n",
        query(
            warehouse,
            inputs,
            "SELECT percentile(value, 0.5) AS median FROM gold.metric_value"
                + " WHERE metric_id = 'dna_rate_pct'"));
  }

  @Test
  void anAsOfThatCannotBeReadSaysWhy() {
    Warehouse warehouse = GoldenRuns.newWarehouse();
    benchmark(warehouse, "run-1", 20);
    CommandLine.Outcome o =
        CommandLine.run(
            "sql",
            "--warehouse",
            warehouse.root().toString(),
            "--as-of",
            "gold.benchmark@7",
            "SELECT 1");
    assertEquals(1, o.code());
    assertEquals(
        "mhcs sql: gold.benchmark has no version 7 (it is at 0)",
        o.err().lines().findFirst().get());
  }
}
