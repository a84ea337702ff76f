package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.command.ExitCode;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.schema.Layer;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.schema.TableCatalog;
import org.mhcs.serve.JdbcServer;
import org.mhcs.testing.ChildRun;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.testing.TableContents;
import org.mhcs.warehouse.Warehouse;

/**
 * How a scheduler runs the pipeline: two runs at once on one warehouse (one gives up cleanly,
 * having changed nothing), a retry (idempotent: the same tables again), while the JDBC server
 * serves the warehouse and sees each run's data.
 */
class ConcurrentRunIT {
  /** Columns that differ between two runs of the same input by design. */
  private static final List<String> PER_RUN = List.of("run_id", "input_versions");

  @Test
  void aSecondRunGivesUpCleanlyTheRetryIsIdempotentAndTheServerSeesBoth() throws Exception {
    Warehouse warehouse = GoldenRuns.newWarehouse();
    Period june = Period.parse("2024-06");
    LandingFolder landing = new LandingFolder(GoldenRuns.landing("community"));
    try (JdbcServer server =
            JdbcServer.start(
                warehouse,
                TableCatalog.bundled(SchemaCatalog.bundled()),
                new JdbcServer.Options("127.0.0.1", 0, false, null));
        Connection jdbc = DriverManager.getConnection(server.url(), "scheduler", "");
        Statement sql = jdbc.createStatement()) {
      // Run A starts; once it has logged its first line it holds the warehouse.
      CountDownLatch started = new CountDownLatch(1);
      MonthlyRun first = pipeline(warehouse, line -> started.countDown());
      CompletableFuture<MonthlyRun.Result> a =
          CompletableFuture.supplyAsync(() -> first.execute(landing, june));
      assertTrue(started.await(120, TimeUnit.SECONDS), "run A did not start");

      // Run B, same period, same warehouse: gives up at once, naming A, and writes nothing.
      WarehouseBusyException busy =
          assertThrows(
              WarehouseBusyException.class,
              () -> pipeline(warehouse, line -> {}).execute(landing, june));
      MonthlyRun.Result resultA = a.get(10, TimeUnit.MINUTES);
      assertTrue(
          busy.getMessage().contains("run " + resultA.runId() + " for 2024-06"), busy.getMessage());
      assertEquals(List.of(resultA.runId()), runIds(warehouse));

      // A's tables are exactly an uninterrupted run's (the shared golden/community warehouse).
      Warehouse reference = GoldenRuns.community();
      for (Table t : List.of(Table.METRIC_VALUE, Table.BENCHMARK, Table.OPPORTUNITY)) {
        assertEquals(contents(reference, t), contents(warehouse, t), t.qualifiedName());
      }

      // The tables did not exist when serving began: a refresh registers them.
      assertTrue(server.refresh());
      assertEquals(List.of("1"), rows(sql, "SELECT count(DISTINCT run_id) FROM ops.run_log"));
      List<String> benchmarkViaJdbc =
          rows(sql, "SELECT metric_id, service_line, p50 FROM gold.benchmark ORDER BY 1, 2, 3");

      // The scheduler retries B: it runs, and replaces the period with the same figures. The
      // open JDBC connection sees the new run without a refresh.
      MonthlyRun.Result resultB = pipeline(warehouse, line -> {}).execute(landing, june);
      assertEquals(List.of("2"), rows(sql, "SELECT count(DISTINCT run_id) FROM ops.run_log"));
      assertEquals(
          benchmarkViaJdbc,
          rows(sql, "SELECT metric_id, service_line, p50 FROM gold.benchmark ORDER BY 1, 2, 3"));
      assertEquals(
          List.of("1"),
          rows(
              sql,
              "SELECT count(DISTINCT run_id) FROM gold.benchmark WHERE run_id = '"
                  + resultB.runId()
                  + "'"));
      // After both runs every table, bronze to gold, holds exactly an uninterrupted run's rows:
      // the refused run corrupted nothing and the retry duplicated nothing.
      TableContents.assertSame(TableContents.of(reference), TableContents.of(warehouse));
      // A run may add columns, so after one the views are re-registered; then not again.
      assertTrue(server.refresh());
      assertFalse(server.refresh(), "nothing changed: nothing to re-register");
    }
  }

  @Test
  void aRunInAnotherProcessExitsBusyWithoutTouchingTheWarehouse() throws Exception {
    Path warehouse = SharedSpark.newFolder("busy-");
    try (RunLock held = RunLock.acquire(warehouse, "run R for 2024-06", Duration.ZERO)) {
      ChildRun.Finished run;
      try (ChildRun child =
          ChildRun.start(
              Map.of(),
              Map.of(),
              SharedSpark.newFolder("busy-tmp-"),
              ChildRun.goldenRun(warehouse))) {
        run = child.finish(300);
      }
      String output = run.output();
      assertEquals(ExitCode.BUSY, run.code(), output);
      assertTrue(output.contains("is in use by another run (run R for 2024-06, pid "), output);
      assertFalse(output.contains("\tat "), "no stack trace for the user: " + output);
    }
    // Nothing but the lock file: no layer folder, no table.
    try (var entries = Files.list(warehouse)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(
          names.stream()
              .noneMatch(n -> Arrays.stream(Layer.values()).anyMatch(l -> l.database().equals(n))),
          names.toString());
    }
  }

  private static MonthlyRun pipeline(Warehouse warehouse, java.util.function.Consumer<String> out) {
    return new MonthlyRun(
        warehouse,
        SchemaCatalog.bundled(),
        CodeLists.bundled(),
        ServiceLines.bundled(),
        Settings.load(GoldenRuns.SETTINGS),
        Pseudonymiser.withKey(GoldenRuns.KEY),
        out);
  }

  private static List<String> runIds(Warehouse warehouse) {
    return warehouse.read(Table.RUN_LOG).select("run_id").distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /** A table's rows as sorted text, without the columns that name the run. */
  private static List<String> contents(Warehouse warehouse, Table t) {
    Dataset<Row> rows = warehouse.read(t);
    for (String c : PER_RUN) {
      rows = rows.drop(c);
    }
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<String> rows(Statement sql, String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet r = sql.executeQuery(query)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i == 1 ? "" : "|").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
