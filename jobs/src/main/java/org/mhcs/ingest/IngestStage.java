package org.mhcs.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 1: every declared landing table that has files for the period into bronze. A source with no
 * files is reported, not fatal; a period with nothing landed at all is an error that says what was
 * expected where.
 */
public final class IngestStage {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final Pseudonymiser pseudonymiser;
  private final RunLog log;

  public IngestStage(
      Warehouse warehouse, SchemaCatalog schemas, Pseudonymiser pseudonymiser, RunLog log) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.pseudonymiser = pseudonymiser;
    this.log = log;
  }

  /** The tables that were landed, and the sources that had no files at all. */
  public record Result(List<BronzeIngest.Result> tables, List<String> absentSources) {
    public List<LandingTableSpec> landed() {
      return tables.stream()
          .filter(BronzeIngest.Result::landed)
          .map(BronzeIngest.Result::spec)
          .toList();
    }
  }

  public Result execute(LandingFolder landing, Period period) {
    BronzeIngest ingest = new BronzeIngest(warehouse, landing, pseudonymiser, log.runId());
    // Every header first: a bad file stops the run before any table is written.
    List<BronzeIngest.Checked> checked = new ArrayList<>();
    for (LandingTableSpec spec : schemas.tables()) {
      checked.add(ingest.check(spec, period));
    }
    List<BronzeIngest.Result> results = new ArrayList<>();
    for (BronzeIngest.Checked table : checked) {
      LandingTableSpec spec = table.spec();
      long start = System.nanoTime();
      BronzeIngest.Result r = ingest.load(table);
      results.add(r);
      if (!r.strayFiles().isEmpty()) {
        log.record(
            Entry.of("ingest", spec.id(), "warning")
                .files(r.strayFiles().size())
                .detail("ignored files that are not .csv: " + r.strayFiles()));
      }
      if (r.landed()) {
        Entry entry =
            Entry.of("ingest", spec.id(), r.skipped() ? "unchanged" : "loaded")
                .files(r.files().size())
                .read(r.rows())
                .written(r.skipped() ? 0 : r.rows());
        if (r.skipped()) {
          entry = entry.detail("same input as already loaded: bronze left as it was");
        }
        log.record(entry.since(start));
      }
    }
    if (results.stream().noneMatch(r -> r.landed() && r.spec().period() != PeriodType.NONE)) {
      throw new IllegalArgumentException(
          "nothing is landed for "
              + period
              + " under "
              + landing.root()
              + ": expected files such as "
              + landing.root().resolve("csds/CYP201CareContact/" + period + "/part-00000.csv")
              + " (layout <source>/<table>/<period>/*.csv); check --landing and --period");
    }
    List<String> absent = absentSources(results);
    if (!absent.isEmpty()) {
      log.record(
          Entry.of("ingest", null, "absent")
              .detail("no files for sources " + absent + " (their tables keep what they had)"));
    }
    return new Result(results, absent);
  }

  private static List<String> absentSources(List<BronzeIngest.Result> results) {
    Map<String, Boolean> any = new LinkedHashMap<>();
    for (BronzeIngest.Result r : results) {
      any.merge(r.spec().source(), r.landed(), Boolean::logicalOr);
    }
    return any.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }
}
