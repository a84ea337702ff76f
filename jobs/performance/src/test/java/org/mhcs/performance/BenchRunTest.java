package org.mhcs.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;

/** The rows a benchmark credits to each stage come from the run log, as a run writes it. */
class BenchRunTest {
  @Test
  void rowsPerStageAreLandingRowsThenValidatedRowsThenRowsWritten() {
    RunLog log = new RunLog("run", "2024-06", line -> {});
    log.record(Entry.of("check", "csds/CYP201CareContact", "ok").files(1));
    log.record(Entry.of("ingest", "csds/CYP201CareContact", "loaded").written(100));
    log.record(Entry.of("ingest", "csds/CYP101Referral", "loaded").written(40));
    log.record(Entry.of("ingest", "esr/leavers", "unchanged").files(1));
    log.record(Entry.of("reconcile", "csds/CYP201CareContact", "ok").read(100).written(97));
    log.record(Entry.of("validate", "csds/CYP201CareContact", "ok").read(100).written(97));
    log.record(Entry.of("validate", "csds/CYP101Referral", "ok").read(40).written(40));
    log.record(Entry.of("silver", "silver.csds_cyp201carecontact", "ok").written(97));
    log.record(Entry.of("conform", "silver.conformed_contacts", "ok").written(90));
    log.record(Entry.of("metrics", "gold.metric_value", "ok").written(12));
    log.record(Entry.of("benchmark", "gold.benchmark", "ok").written(3));
    log.record(Entry.of("benchmark", "gold.org_position", "ok").written(4));
    log.record(Entry.of("opportunities", "gold.opportunity", "ok").written(5));
    // ingest 100 + 40 loaded; silver 100 + 40 validated (reconcile lines repeat validate's);
    // benchmark 3 + 4 written.
    assertEquals(
        Map.of(
            "ingest", 140L,
            "silver", 140L,
            "conform", 90L,
            "metrics", 12L,
            "benchmark", 7L,
            "opportunities", 5L),
        BenchRun.rowsByStage(log.rows()));
  }
}
