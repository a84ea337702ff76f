package org.mhcs.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.IngestStage;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.silver.FileCounts;
import org.mhcs.silver.SilverStage;
import org.mhcs.warehouse.Warehouse;

/** Runs only ingest and silver (no metrics), for tests of sources that have no metrics yet. */
public final class LandingLoads {
  private LandingLoads() {}

  /** What a load did: each validated file's reconciliation and the run log's lines. */
  public record Loaded(List<FileCounts> files, List<String> log) {}

  /** Ingests and validates {@code landing} for the period, tolerating any reject rate. */
  public static Loaded load(
      Warehouse warehouse, SchemaCatalog schemas, Path landing, Period period) {
    List<String> lines = new ArrayList<>();
    RunLog log =
        new RunLog(
            "test-" + System.nanoTime(),
            period.toString(),
            l -> {
              lines.add(l);
              System.out.println(l);
            });
    IngestStage.Result ingested =
        new IngestStage(warehouse, schemas, Pseudonymiser.withKey(GoldenRuns.KEY), log, 3)
            .execute(new LandingFolder(landing), period);
    List<FileCounts> files =
        new SilverStage(warehouse, schemas, CodeLists.bundled(), 100, log, 3)
            .execute(period, ingested.toValidate(), ingested.removedFiles());
    log.save(warehouse);
    return new Loaded(files, lines);
  }
}
