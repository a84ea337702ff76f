package org.mhcs.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mhcs.calendar.Period;
import org.mhcs.ops.LoadedFiles;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.Reference;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.spark.SideBySide;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 1: every declared landing table that has files for the period into bronze, file by file.
 * Every file is checked before any is loaded. A source with no files is reported, not fatal; a
 * period with nothing landed at all is an error that says what was expected where.
 */
public final class IngestStage {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final Pseudonymiser pseudonymiser;
  private final RunLog log;
  private final int sideBySide;

  /**
   * @param sideBySide how many tables are checked and loaded at once ({@link SideBySide})
   */
  public IngestStage(
      Warehouse warehouse,
      SchemaCatalog schemas,
      Pseudonymiser pseudonymiser,
      RunLog log,
      int sideBySide) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.pseudonymiser = pseudonymiser;
    this.log = log;
    this.sideBySide = sideBySide;
  }

  /**
   * The tables' loads, the sources that had no files at all, and the rows silver must revalidate
   * per table: those of changed files, widened by changes in the tables they reference.
   */
  public record Result(
      List<BronzeIngest.Result> tables,
      List<String> absentSources,
      Map<String, ReloadScope> toValidate) {
    public List<LandingTableSpec> landed() {
      return tables.stream()
          .filter(BronzeIngest.Result::landed)
          .map(BronzeIngest.Result::spec)
          .toList();
    }

    /** Per table, files recorded earlier that are no longer landed. */
    public Map<String, List<String>> removedFiles() {
      Map<String, List<String>> removed = new LinkedHashMap<>();
      tables.forEach(t -> removed.put(t.spec().id(), t.removed()));
      return removed;
    }
  }

  public Result execute(LandingFolder landing, Period period) {
    BronzeIngest ingest =
        new BronzeIngest(
            warehouse, landing, pseudonymiser, new LoadedFiles(warehouse), log.runId());
    try (SideBySide tables = new SideBySide(warehouse.spark().sparkContext(), sideBySide)) {
      // Every file of every table is checked (read through once, without Spark) before any is
      // loaded; the tables are independent, so both steps run side by side.
      List<CompletableFuture<BronzeIngest.Checked>> checking = new ArrayList<>();
      // A financial year's run reads the annual returns (and the reference tables) alone.
      for (LandingTableSpec spec : schemas.tables()) {
        if (spec.period().readIn(period)) {
          checking.add(tables.submit(spec.id(), () -> check(ingest, spec, period)));
        }
      }
      List<BronzeIngest.Checked> checked = SideBySide.join(checking);
      if (checked.stream()
          .noneMatch(c -> !c.files().isEmpty() && c.spec().period() != PeriodType.NONE)) {
        throw landing.nothingLanded(period);
      }
      List<CompletableFuture<BronzeIngest.Result>> loading = new ArrayList<>();
      for (BronzeIngest.Checked table : checked) {
        loading.add(tables.submit(table.spec().id(), () -> load(ingest, table)));
      }
      return finish(SideBySide.join(loading));
    }
  }

  private BronzeIngest.Checked check(BronzeIngest ingest, LandingTableSpec spec, Period period) {
    long start = System.nanoTime();
    BronzeIngest.Checked c = ingest.check(spec, period);
    if (!c.files().isEmpty()) {
      log.record(
          Entry.of("check", spec.id(), "ok")
              .files(c.files().size())
              .detail("encoding and header of every file checked")
              .since(start));
    }
    return c;
  }

  private BronzeIngest.Result load(BronzeIngest ingest, BronzeIngest.Checked table) {
    long start = System.nanoTime();
    BronzeIngest.Result r = ingest.load(table);
    logLoad(r, start);
    return r;
  }

  private Result finish(List<BronzeIngest.Result> results) {
    List<String> absent = absentSources(results);
    if (!absent.isEmpty()) {
      log.record(
          Entry.of("ingest", null, "absent")
              .detail("no files for sources " + absent + " (their tables keep what they had)"));
    }
    return new Result(results, absent, toValidate(results));
  }

  private void logLoad(BronzeIngest.Result r, long start) {
    LandingTableSpec spec = r.spec();
    if (!r.checked().strayFiles().isEmpty()) {
      log.record(
          Entry.of("ingest", spec.id(), "warning")
              .files(r.checked().strayFiles().size())
              .detail("ignored files that are not .csv: " + r.checked().strayFiles()));
    }
    if (!r.checked().hiddenFiles().isEmpty()) {
      log.record(
          Entry.of("ingest", spec.id(), "warning")
              .files(r.checked().hiddenFiles().size())
              .detail("ignored hidden files: " + r.checked().hiddenFiles()));
    }
    List<String> headerOnly =
        r.checked().files().stream()
            .filter(f -> !f.hasRecords())
            .map(LandingFile::relativePath)
            .toList();
    if (!headerOnly.isEmpty()) {
      log.record(
          Entry.of("ingest", spec.id(), "warning")
              .files(headerOnly.size())
              .detail("has a header and no rows: " + headerOnly));
    }
    if (!r.extraHeadings().isEmpty()) {
      List<String> extra = List.copyOf(r.extraHeadings());
      log.record(
          Entry.of("ingest", spec.id(), "warning")
              .detail(
                  extra.size()
                      + " column(s) not declared in "
                      + spec.declaredIn()
                      + " kept in bronze _extra: "
                      + (extra.size() <= 5
                          ? extra
                          : extra.subList(0, 5) + " and " + (extra.size() - 5) + " more")));
    }
    if (!r.landed() && r.removed().isEmpty()) {
      return;
    }
    if (!r.changed()) {
      log.record(
          Entry.of("ingest", spec.id(), "unchanged")
              .files(r.checked().files().size())
              .detail("every file as already validated: bronze left as it was")
              .since(start));
      return;
    }
    String detail = "reloaded " + r.reloaded().size() + " file(s)";
    if (!r.removed().isEmpty()) {
      detail += ", removed rows of " + r.removed().size() + " file(s) no longer landed";
    }
    log.record(
        Entry.of("ingest", spec.id(), "loaded")
            .files(r.reloaded().size())
            .written(r.rowsWritten())
            .detail(detail + "; revalidating " + r.scope())
            .since(start));
  }

  /**
   * Each changed table's scope, and for a table that references a changed one the same submitters:
   * a resubmitted referral file can make another table's contacts orphans (or cure them). The
   * catalog lists referenced tables first, so one pass sees every parent's final scope.
   */
  private Map<String, ReloadScope> toValidate(List<BronzeIngest.Result> results) {
    Map<String, ReloadScope> scopes = new LinkedHashMap<>();
    for (BronzeIngest.Result r : results) {
      ReloadScope scope = r.changed() ? r.scope() : null;
      for (Reference ref : r.landed() ? r.spec().references() : List.<Reference>of()) {
        ReloadScope parent = scopes.get(ref.table());
        if (parent != null) {
          scope =
              (scope == null ? new ReloadScope(r.spec(), r.checked().window(), Set.of()) : scope)
                  .union(parent.wholePeriod() ? null : parent.submitters());
        }
      }
      if (scope != null) {
        scopes.put(r.spec().id(), scope);
      }
    }
    return scopes;
  }

  private static List<String> absentSources(List<BronzeIngest.Result> results) {
    Map<String, Boolean> any = new LinkedHashMap<>();
    for (BronzeIngest.Result r : results) {
      any.merge(r.spec().source(), r.landed(), Boolean::logicalOr);
    }
    return any.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }
}
