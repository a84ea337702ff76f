package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.conf.Settings;
import org.mhcs.schema.Table;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.spark.Sessions;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

@ResourceLock(Scheduling.SESSION_CATALOG)
class RejectToleranceTest {
  @Test
  void aFileRejectedBeyondToleranceFailsTheRunButKeepsItsQuarantine() {
    // contacts.csv has 4 bad rows of 19 = 21.1%, above the default tolerance of 5%.
    Warehouse warehouse = GoldenRuns.newWarehouse();
    DataRejectedException e =
        assertThrows(
            DataRejectedException.class, () -> GoldenRuns.run(warehouse, "community", Map.of()));
    assertTrue(
        e.getMessage().contains("contacts.csv: 21.1% of 19 rows quarantined"), e.getMessage());
    assertEquals(4, warehouse.read(Table.QUARANTINE).count());
    assertFalse(
        warehouse.exists(Table.silver("csds_cyp201carecontact")), "silver must not be written");
    assertFalse(warehouse.exists(Table.METRIC_VALUE), "gold must not be written");
    assertEquals(
        1, warehouse.read(Table.RUN_LOG).where("stage = 'finish' AND status = 'failed'").count());
  }

  @Test
  void theHintIsACommandBashRunsAsShownWhateverTheWarehousePath() throws Exception {
    Path root = SharedSpark.newFolder("it's a warehouse ");
    Warehouse warehouse =
        new Warehouse(
            Sessions.forWarehouse(root, Settings.load(Map.of("spark.shuffle_partitions", "2"))),
            root);
    DataRejectedException e =
        assertThrows(
            DataRejectedException.class, () -> GoldenRuns.run(warehouse, "community", Map.of()));
    String hint =
        e.getMessage()
            .lines()
            .filter(l -> l.startsWith("See why with: ./mhcs sql "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(e.getMessage()))
            .substring("See why with: ./mhcs sql ".length());
    // bash itself splits the pasted words: printf prints each argument on its own line.
    Process bash =
        new ProcessBuilder("bash", "-c", "printf '%s\\n' " + hint)
            .redirectErrorStream(true)
            .start();
    List<String> words =
        new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, bash.waitFor());
    String runId =
        warehouse
            .read(Table.RUN_LOG)
            .where("stage = 'finish' AND status = 'failed'")
            .select("run_id")
            .first()
            .getString(0);
    String query =
        "SELECT source_file, rule, field, count(*) FROM ops.quarantine WHERE run_id = '"
            + runId
            + "' GROUP BY 1, 2, 3 ORDER BY 4 DESC";
    assertEquals(List.of("--warehouse", root.toString(), query), words, hint);
    // And the command answers: the 4 quarantined rows of contacts.csv, counted by rule and field.
    CommandLine.Outcome answer = CommandLine.run("sql", words.get(0), words.get(1), words.get(2));
    assertEquals(0, answer.code(), answer.err());
    assertEquals(
        4,
        answer
            .out()
            .lines()
            .skip(1)
            .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))
            .sum(),
        answer.out());
  }
}
