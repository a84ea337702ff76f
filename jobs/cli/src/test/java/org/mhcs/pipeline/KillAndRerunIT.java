package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.Layer;
import org.mhcs.schema.Table;
import org.mhcs.testing.ChildRun;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.HaltingLogStore;
import org.mhcs.testing.SharedSpark;
import org.mhcs.testing.TableContents;
import org.mhcs.warehouse.Warehouse;

/**
 * A run killed with SIGKILL mid-write, again and again, then rerun: the warehouse stays readable
 * after every kill, no table holds part of the period (each Delta commit is all or nothing), the
 * run log never claims a killed run finished, and the rerun ends with exactly the tables of an
 * uninterrupted run, compared row by row.
 *
 * <p>Each kill is deterministic: the child JVM runs {@code ./mhcs run} with {@link HaltingLogStore}
 * stopping it just before one table's Delta commit (that write's data files are on disk, its commit
 * is not), and the test kills it there. Each killed run is a rerun of the one before, so three
 * points cost three child runs. The final rerun happens in this JVM's warm session.
 */
class KillAndRerunIT {
  /** Where each child run is killed, in the order the pipeline reaches them. */
  private static final List<String> KILL_POINTS =
      List.of(
          // ingest: two bronze tables committed, the third written but not committed
          "bronze/csds_cyp201carecontact",
          // silver: quarantine, data quality and two silver tables committed; no file recorded
          "silver/csds_cyp201carecontact",
          // gold: metrics, peers, benchmark and positions committed, opportunities and the run
          // log (saved last) not. A fourth point before the run log's own commit cost another
          // 100 s of child run for little more: every kill already leaves no run-log line.
          "gold/opportunity");

  @Test
  void killedMidWriteThreeTimesThenRerunHoldsExactlyTheUninterruptedRunsTables() throws Exception {
    long started = System.nanoTime();
    Map<String, List<String>> baseline = TableContents.of(GoldenRuns.community());
    Path dir = SharedSpark.newFolder("killed-");
    Path tmp = SharedSpark.newFolder("killed-tmp-");
    Warehouse warehouse = new Warehouse(SharedSpark.session(), dir);

    for (String point : KILL_POINTS) {
      String[] args = ChildRun.goldenRun(dir);
      try (ChildRun child =
          ChildRun.start(
              Map.of(
                  "spark.delta.logStore.file.impl",
                  HaltingLogStore.class.getName(),
                  HaltingLogStore.TABLE_PROPERTY,
                  point),
              Map.of(),
              tmp,
              args)) {
        String halted = child.awaitLine(l -> l.startsWith(HaltingLogStore.HALTED), 600);
        assertTrue(halted.contains(dir.resolve(point).toString()), halted);
        // Mid-write: the table's new data files exist, the commit naming them does not.
        assertFalse(uncommittedDataFiles(dir.resolve(point)).isEmpty(), "no data files: " + point);
        assertEquals(137, child.kill(), "SIGKILL's exit status");
        System.out.printf(
            "killed at %s after %.0f s%n", point, (System.nanoTime() - started) / 1e9);
      }
      assertReadableWithoutPartialPeriod(warehouse, baseline, point);
    }

    var rerun = GoldenRuns.run(warehouse, "community", GoldenRuns.SETTINGS);
    Map<String, List<String>> after = TableContents.of(warehouse);
    TableContents.assertSame(baseline, after);
    // The run log holds the rerun only: no killed run left a line, let alone a success.
    List<Row> log =
        warehouse.read(Table.RUN_LOG).select("run_id", "stage", "status").collectAsList();
    assertEquals(rerun.runLog().size(), log.size());
    assertTrue(log.stream().allMatch(r -> r.getString(0).equals(rerun.runId())), log.toString());
    assertTrue(
        log.stream().anyMatch(r -> r.getString(1).equals("finish") && r.getString(2).equals("ok")));
    System.out.printf(
        "KillAndRerunIT: %d kills, %d tables and %d rows compared, %.0f s%n",
        KILL_POINTS.size(),
        after.size(),
        TableContents.rowCount(after),
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * After a kill: no table holds part of the period, the run log says nothing of the killed run,
   * and the interrupted table does not list as a table.
   */
  private static void assertReadableWithoutPartialPeriod(
      Warehouse warehouse, Map<String, List<String>> baseline, String point) {
    TableContents.assertWholeOrAbsent(warehouse, baseline, "killed before the commit of " + point);
    assertFalse(warehouse.exists(Table.RUN_LOG), "a killed run wrote the run log: " + point);
    String[] parts = point.split("/");
    Table interrupted = new Table(Layer.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]);
    assertFalse(warehouse.exists(interrupted), point + " lists as a table");
  }

  /** Parquet files under a table folder that no commit names (here: the table has no commit). */
  private static List<Path> uncommittedDataFiles(Path table) throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.toString().contains("_delta_log"))
          .toList();
    }
  }
}
