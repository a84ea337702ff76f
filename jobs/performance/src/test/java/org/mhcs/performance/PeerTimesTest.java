package org.mhcs.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.schema.SchemaCatalog;

/** Spark's side of the DuckDB ratios counts only the tables the peer also reads and conforms. */
class PeerTimesTest {
  private static StageMeasurement stage(String name, double seconds) {
    return new StageMeasurement("2024-06", name, seconds, 0, 2, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void sparkTimeIsThePeersTablesForReadAndConformAndWholeStagesAfter() {
    BenchRun.Run run =
        new BenchRun.Run(
            Period.parse("2024-06"),
            100,
            List.of(
                stage("ingest", 30),
                stage("silver", 30),
                stage("conform", 20),
                stage("metrics", 7),
                stage("benchmark", 2),
                stage("opportunities", 5)),
            List.of(
                new BenchRun.TableTime("ingest", "csds/CYP201CareContact", 3),
                new BenchRun.TableTime("validate", "csds/CYP201CareContact", 4),
                new BenchRun.TableTime("reconcile", "csds/CYP201CareContact", 9),
                new BenchRun.TableTime("silver", "silver.csds_cyp201carecontact", 2),
                new BenchRun.TableTime("ingest", "ppib/purchase_line", 11),
                new BenchRun.TableTime("conform", "silver.conformed_contacts", 6),
                new BenchRun.TableTime("conform", "silver.conformed_purchases", 13)));
    DuckDbPeer.Result peer =
        new DuckDbPeer.Result(
            List.of(
                new DuckDbPeer.StageTime("read", 3, 0),
                new DuckDbPeer.StageTime("conform", 2, 0),
                new DuckDbPeer.StageTime("metrics", 0.5, 0),
                new DuckDbPeer.StageTime("benchmark", 0.5, 0),
                new DuckDbPeer.StageTime("opportunity", 1, 0)),
            List.of(),
            List.of(),
            List.of());
    // read: 3 + 4 + 2 (contacts' ingest, validate, silver; not reconcile, not purchases) = 9;
    // conform: 6 (contacts, not purchases); then whole stages 7, 2, 5; total 29 against 7.
    assertEquals(
        List.of(
            new PeerTimes.StageRatio("read", 9, 3),
            new PeerTimes.StageRatio("conform", 6, 2),
            new PeerTimes.StageRatio("metrics", 7, 0.5),
            new PeerTimes.StageRatio("benchmark", 2, 0.5),
            new PeerTimes.StageRatio("opportunity", 5, 1),
            new PeerTimes.StageRatio("total", 29, 7)),
        PeerTimes.ratios(List.of(run), peer, SchemaCatalog.bundled()));
  }
}
