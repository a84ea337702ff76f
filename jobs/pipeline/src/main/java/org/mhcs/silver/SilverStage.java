package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.ReloadScope;
import org.mhcs.ops.LoadedFiles;
import org.mhcs.ops.QuarantineColumns;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.Reference;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.spark.SideBySide;
import org.mhcs.warehouse.ShellWords;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 2: each changed table's rows in its reload scope checked and split (in a table judged by
 * field, a field that breaks its own rule is nulled and quarantined alone). Quarantine and the
 * data-quality scorecard are written first, each in one commit for all tables; when any file's
 * reject rate exceeds the tolerance the stage stops there, so silver (and gold after it) keep what
 * they had and the files stay unrecorded, to be loaded again by the next run. Otherwise each
 * table's accepted rows replace its scope in silver in one commit, and the files' reconciliation is
 * recorded in {@code ops.loaded_files}.
 */
public final class SilverStage {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final CodeLists codeLists;
  private final double maxRejectPercent;
  private final RunLog log;
  private final int sideBySide;

  /**
   * @param sideBySide how many tables are validated and written at once ({@link SideBySide})
   */
  public SilverStage(
      Warehouse warehouse,
      SchemaCatalog schemas,
      CodeLists codeLists,
      double maxRejectPercent,
      RunLog log,
      int sideBySide) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.codeLists = codeLists;
    this.maxRejectPercent = maxRejectPercent;
    this.log = log;
    this.sideBySide = sideBySide;
  }

  /**
   * Validates every scope (tables in declaration order, which the references follow) and returns
   * the reconciliation of every file validated.
   *
   * @param removed per table, files no longer landed whose records go
   * @throws DataRejectedException when a file's reject rate exceeds the tolerance
   */
  public List<FileCounts> execute(
      Period period, Map<String, ReloadScope> scopes, Map<String, List<String>> removed) {
    Map<String, CompletableFuture<SilverValidation>> validating = new LinkedHashMap<>();
    Map<String, SilverValidation> validations = new LinkedHashMap<>();
    try (SideBySide tables = new SideBySide(warehouse.spark().sparkContext(), sideBySide)) {
      // Tables are validated side by side; one that references another waits for it, and the
      // catalog lists referenced tables first, so what it waits for has started.
      for (LandingTableSpec spec : schemas.tables()) {
        ReloadScope scope = scopes.get(spec.id());
        if (scope == null || !warehouse.exists(Table.bronze(spec.warehouseName()))) {
          continue;
        }
        Map<String, CompletableFuture<SilverValidation>> parents = new LinkedHashMap<>();
        for (Reference ref : spec.references()) {
          String parent = schemas.table(ref.table()).id();
          if (validating.containsKey(parent)) {
            parents.put(parent, validating.get(parent));
          }
        }
        validating.put(
            spec.id(), tables.submit(spec.id(), () -> validate(spec, scope, period, parents)));
      }
      try {
        SideBySide.join(List.copyOf(validating.values()));
      } finally {
        validating.forEach(
            (id, v) -> {
              if (v.isDone() && !v.isCompletedExceptionally()) {
                validations.put(id, v.join());
              }
            });
      }
      List<FileCounts> files =
          validations.values().stream().flatMap(v -> v.counts().stream()).toList();
      if (validations.isEmpty()) {
        return files;
      }
      // An incompatible schema change stops the stage before quarantine or silver is touched.
      for (SilverValidation v : validations.values()) {
        warehouse.requireCompatible(Table.silver(v.spec().warehouseName()), v.accepted().schema());
      }
      // Quarantine and the scorecard are written (side by side) before the tolerance is judged,
      // so rejects beyond it can be inspected.
      SideBySide.join(
          List.of(
              tables.submit(
                  "quarantine",
                  () -> {
                    writeQuarantine(validations.values(), files);
                    return null;
                  }),
              tables.submit(
                  "data quality",
                  () -> {
                    writeDataQuality(validations.values());
                    return null;
                  })));
      refuseBeyondTolerance(files);
      List<CompletableFuture<Void>> writing = new ArrayList<>();
      for (SilverValidation v : validations.values()) {
        writing.add(
            tables.submit(
                v.spec().id(),
                () -> {
                  writeSilver(v);
                  return null;
                }));
      }
      SideBySide.join(writing);
      recordFiles(validations.values(), removed);
      return files;
    } finally {
      validations.values().forEach(SilverValidation::release);
    }
  }

  /** Checks one table's scope, once the tables it references are checked. */
  private SilverValidation validate(
      LandingTableSpec spec,
      ReloadScope scope,
      Period period,
      Map<String, CompletableFuture<SilverValidation>> parents) {
    List<SilverValidation.Referenced> referenced = new ArrayList<>();
    for (Reference ref : spec.references()) {
      CompletableFuture<SilverValidation> parent = parents.get(schemas.table(ref.table()).id());
      SilverValidation now = parent == null ? null : SideBySide.result(parent);
      referenced.add(new SilverValidation.Referenced(ref, acceptedRows(ref, period, now)));
    }
    long start = System.nanoTime();
    Dataset<Row> bronze =
        warehouse.read(Table.bronze(spec.warehouseName())).where(scope.bronzeRows());
    SilverValidation v = SilverValidation.of(scope, bronze, codeLists, referenced);
    long read = v.counts().stream().mapToLong(FileCounts::read).sum();
    long quarantined = v.counts().stream().mapToLong(FileCounts::quarantined).sum();
    long fields = v.counts().stream().mapToLong(FileCounts::fieldsQuarantined).sum();
    for (FileCounts f : v.counts()) {
      Entry reconcile =
          Entry.of("reconcile", spec.id(), "ok")
              .files(1)
              .read(f.read())
              .written(f.accepted())
              .quarantined(f.quarantined())
              .detail(f.file());
      log.record(
          spec.judgedByField() ? reconcile.fieldsQuarantined(f.fieldsQuarantined()) : reconcile);
    }
    Entry validated =
        Entry.of("validate", spec.id(), "ok")
            .files(v.counts().size())
            .read(read)
            .written(read - quarantined)
            .quarantined(quarantined)
            .detail(scope.wholePeriod() ? null : "scope " + scope)
            .since(start);
    log.record(spec.judgedByField() ? validated.fieldsQuarantined(fields) : validated);
    return v;
  }

  private void writeSilver(SilverValidation v) {
    long start = System.nanoTime();
    Table table = Table.silver(v.spec().warehouseName());
    warehouse.replace(
        table,
        v.accepted(),
        v.scope().silverCondition(),
        Lineage.PERIOD,
        Lineage.statsColumns(v.spec()));
    long accepted = v.counts().stream().mapToLong(FileCounts::accepted).sum();
    log.record(Entry.of("silver", table, "ok").written(accepted).since(start));
  }

  /**
   * The rows a reference may point at: the referenced table's rows accepted in this run (for its
   * scope) and its silver rows outside that scope; for a table not validated now, its silver rows.
   */
  private Dataset<Row> acceptedRows(Reference ref, Period runPeriod, SilverValidation now) {
    LandingTableSpec target = schemas.table(ref.table());
    Table silver = Table.silver(target.warehouseName());
    String period = target.window(runPeriod).predicate(Lineage.PERIOD);
    Dataset<Row> kept =
        warehouse
            .readWhere(
                silver,
                now == null ? period : period + " AND NOT (" + now.scope().silverCondition() + ")")
            .map(rows -> rows.select(columns(ref)))
            .orElse(null);
    Dataset<Row> fresh = now == null ? null : now.accepted().select(columns(ref));
    if (kept == null && fresh == null) {
      return warehouse.spark().createDataFrame(List.of(), emptyKeys(ref));
    }
    return kept == null ? fresh : fresh == null ? kept : kept.unionByName(fresh);
  }

  private static Column[] columns(Reference ref) {
    return ref.toColumns().stream()
        .map(c -> col("`" + c + "`").cast("string"))
        .toArray(Column[]::new);
  }

  private static StructType emptyKeys(Reference ref) {
    StructType schema = new StructType();
    for (String c : ref.toColumns()) {
      schema = schema.add(c, DataTypes.StringType);
    }
    return schema;
  }

  /** Replaces the quarantine rows of exactly the scopes validated now. */
  private void writeQuarantine(Collection<SilverValidation> validations, List<FileCounts> files) {
    long start = System.nanoTime();
    Dataset<Row> quarantine =
        validations.stream()
            .map(SilverValidation::quarantined)
            .reduce(Dataset::unionByName)
            .orElseThrow();
    warehouse.replace(
        Table.QUARANTINE,
        quarantine,
        anyOf(
            validations,
            QuarantineColumns.PERIOD,
            QuarantineColumns.SUBMITTER,
            QuarantineColumns.SOURCE_TABLE),
        null);
    long quarantined = files.stream().mapToLong(FileCounts::quarantined).sum();
    log.record(Entry.of("quarantine", Table.QUARANTINE, "ok").written(quarantined).since(start));
    List<SilverValidation> byField =
        validations.stream().filter(v -> v.spec().judgedByField()).toList();
    if (!byField.isEmpty()) {
      start = System.nanoTime();
      warehouse.replace(
          Table.QUARANTINED_FIELDS,
          byField.stream()
              .map(SilverValidation::quarantinedFields)
              .reduce(Dataset::unionByName)
              .orElseThrow(),
          anyOf(
              byField,
              QuarantineColumns.PERIOD,
              QuarantineColumns.SUBMITTER,
              QuarantineColumns.SOURCE_TABLE),
          null);
      long fields = files.stream().mapToLong(FileCounts::fieldsQuarantined).sum();
      log.record(
          Entry.of("quarantine", Table.QUARANTINED_FIELDS, "ok")
              .fieldsQuarantined(fields)
              .since(start));
    }
  }

  private void writeDataQuality(Collection<SilverValidation> validations) {
    long start = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    validations.forEach(v -> rows.addAll(DataQuality.of(v)));
    Dataset<Row> scorecard = warehouse.spark().createDataFrame(rows, DataQuality.SCHEMA);
    warehouse.replace(
        Table.DATA_QUALITY,
        scorecard,
        "`"
            + DataQuality.MEASURE
            + "` <> '"
            + DataQuality.UNMAPPED
            + "' AND ("
            + anyOf(
                validations, DataQuality.PERIOD, DataQuality.SUBMITTER, DataQuality.SOURCE_TABLE)
            + ")",
        null);
    log.record(
        Entry.of("data_quality", Table.DATA_QUALITY, "ok").written(rows.size()).since(start));
  }

  /** Selects, in an ops table, the rows of every validated scope. */
  private static String anyOf(
      Collection<SilverValidation> validations,
      String periodColumn,
      String submitterColumn,
      String tableColumn) {
    List<String> conditions = new ArrayList<>();
    for (SilverValidation v : validations) {
      conditions.add(
          SqlText.in(tableColumn, List.of(v.spec().id()))
              + " AND "
              + v.scope().condition(periodColumn, submitterColumn));
    }
    return "(" + String.join(") OR (", conditions) + ")";
  }

  /** Records the validated files' reconciliation, and forgets files no longer landed. */
  private void recordFiles(
      Collection<SilverValidation> validations, Map<String, List<String>> removed) {
    List<String> conditions = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (SilverValidation v : validations) {
      LandingTableSpec spec = v.spec();
      List<String> files = new ArrayList<>(removed.getOrDefault(spec.id(), List.of()));
      for (FileCounts f : v.counts()) {
        files.add(f.file());
        rows.add(
            LoadedFiles.row(
                spec.id(),
                v.scope().window(),
                f.file(),
                f.fingerprint(),
                f.submitters(),
                f.read(),
                f.accepted(),
                f.quarantined(),
                log.runId()));
      }
      conditions.add(
          LoadedFiles.filesCondition(
              spec.id(), v.scope().window(), v.scope().wholePeriod() ? null : files));
    }
    new LoadedFiles(warehouse).replace(conditions, rows);
  }

  private void refuseBeyondTolerance(List<FileCounts> files) {
    List<String> rejected =
        files.stream()
            .filter(f -> f.rejectPercent() > maxRejectPercent)
            .map(
                f ->
                    String.format(
                        "%s: %.1f%% of %,d rows quarantined",
                        f.file(), f.rejectPercent(), f.read()))
            .toList();
    if (!rejected.isEmpty()) {
      throw new DataRejectedException(
          "data rejected beyond the tolerance of "
              + maxRejectPercent
              + "% (ingest.max_reject_pct):\n  "
              + String.join("\n  ", rejected)
              + "\nSee why with: "
              + ShellWords.sqlCommand(
                  warehouse.location().uri(),
                  "SELECT source_file, rule, field, count(*) FROM ops.quarantine WHERE run_id = "
                      + SqlText.literal(log.runId())
                      + " GROUP BY 1, 2, 3 ORDER BY 4 DESC")
              + "\nSilver and gold were left as they were.");
    }
  }
}
