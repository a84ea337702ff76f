package org.mhcs.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.Row;
import org.mhcs.benchmark.BenchmarkStage;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfigException;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ConformStage;
import org.mhcs.conform.ServiceLines;
import org.mhcs.dimensions.DimensionStage;
import org.mhcs.ingest.IngestStage;
import org.mhcs.ingest.LandingFileException;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.MetricsStage;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.opportunity.OpportunityStage;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.silver.FileCounts;
import org.mhcs.silver.SilverStage;
import org.mhcs.spark.Sessions;
import org.mhcs.storage.HadoopStorage;
import org.mhcs.systems.SystemStage;
import org.mhcs.warehouse.SchemaChangeException;
import org.mhcs.warehouse.Warehouse;
import org.mhcs.warehouse.WarehouseWriteException;

/**
 * The monthly pipeline for one period, as a recipe: ingest → silver → conformed → metrics →
 * benchmark → opportunities → systems (ICBs, regions, trends) → dimensions (names for the codes of
 * gold). A financial year's run ({@link Period#isFinancialYear}) takes the same steps over the
 * annual returns alone (ERIC, finance, and the reference tables). Idempotent: each table's rows for
 * the period are replaced in one commit, and landed input identical to what bronze holds is not
 * reloaded, so running it twice gives the same tables. Every stage and table is logged to {@code
 * ops.run_log}.
 */
public final class MonthlyRun {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final CodeLists codeLists;
  private final ServiceLines serviceLines;
  private final Settings settings;
  private final Pseudonymiser pseudonymiser;
  private final Consumer<String> progress;

  public MonthlyRun(
      Warehouse warehouse,
      SchemaCatalog schemas,
      CodeLists codeLists,
      ServiceLines serviceLines,
      Settings settings,
      Pseudonymiser pseudonymiser,
      Consumer<String> progress) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.codeLists = codeLists;
    this.serviceLines = serviceLines;
    this.settings = settings;
    this.pseudonymiser = pseudonymiser;
    this.progress = progress;
    List<String> problems = schemas.missingCodeLists(codeLists::has);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  /** What a run did, for callers and tests to assert on. */
  public record Result(
      String runId,
      Period period,
      List<String> landedTables,
      List<String> absentSources,
      List<FileCounts> files,
      ConformStage.Result conformed,
      List<Row> runLog) {}

  /**
   * Runs every stage for {@code period} from {@code landing}.
   *
   * @throws WarehouseBusyException when another run holds the warehouse longer than {@code
   *     run.lock_wait_seconds}; nothing is written
   * @throws DataRejectedException when a file's reject rate exceeds {@code ingest.max_reject_pct}
   *     (bronze, quarantine and the run log are still written so the rejects can be inspected,
   *     silver and gold are not touched), or when the unmapped share of contacts exceeds {@code
   *     conform.max_unmapped_pct} (the conformed tables and {@code ops.unmapped_codes} are written,
   *     gold is not touched)
   */
  public Result execute(LandingFolder landing, Period period) {
    return execute(landing, period, StageListener.NONE);
  }

  /**
   * As {@link #execute(LandingFolder, Period)}, telling {@code stages} as each stage runs. A
   * landing folder with nothing for the period is refused first ({@link
   * LandingFolder#requireLanded}), before the lock and the run log, so such a run leaves the
   * warehouse as it found it.
   */
  public Result execute(LandingFolder landing, Period period, StageListener stages) {
    landing.requireLanded(schemas.tables(), period);
    String runId = UUID.randomUUID().toString();
    Duration wait = Duration.ofSeconds(settings.get(Settings.RUN_LOCK_WAIT_SECONDS));
    try (WarehouseLock lock = lock("run " + runId + " for " + period, wait)) {
      return executeLocked(runId, landing, period, stages);
    }
  }

  /**
   * The warehouse's run lock: the operating system's for a local folder (it dies with its process,
   * so a killed run leaves none behind), a claim object with an expiry in object storage, which has
   * no such lock ({@link ObjectStoreRunLock}).
   */
  private WarehouseLock lock(String holder, Duration wait) {
    if (warehouse.location().isLocal()) {
      return RunLock.acquire(warehouse.root(), holder, wait);
    }
    try {
      return ObjectStoreRunLock.acquire(
          HadoopStorage.fileSystem(
              warehouse.location(), warehouse.spark().sparkContext().hadoopConfiguration()),
          warehouse.location().uri(),
          holder,
          wait,
          Clock.systemUTC());
    } catch (java.io.IOException e) {
      throw HadoopStorage.unreachable(warehouse.location(), "--warehouse", e);
    }
  }

  private Result executeLocked(
      String runId, LandingFolder landing, Period period, StageListener stages) {
    RunLog log = new RunLog(runId, period.toString(), progress);
    warehouse.spark().sparkContext().setJobGroup(log.runId(), "mhcs run " + period, false);
    String codeGeneration =
        Sessions.generateCodeFor(
            warehouse.spark(),
            "landing",
            landing.bytes(schemas.tables(), period),
            settings.get(Settings.GENERATED_CODE_FROM_MIB));
    log.record(
        Entry.of("start", null, "ok")
            .detail(
                "run "
                    + log.runId()
                    + " period "
                    + period
                    + " ("
                    + codeGeneration
                    + ") key "
                    + pseudonymiser.keyId()));
    try {
      IngestStage.Result ingested =
          timed(
              stages,
              "ingest",
              () ->
                  new IngestStage(
                          warehouse,
                          schemas,
                          pseudonymiser,
                          log,
                          settings.get(Settings.TABLES_SIDE_BY_SIDE))
                      .execute(landing, period));
      List<FileCounts> files =
          timed(
              stages,
              "silver",
              () ->
                  new SilverStage(
                          warehouse,
                          schemas,
                          codeLists,
                          settings.get(Settings.MAX_REJECT_PCT),
                          log,
                          settings.get(Settings.TABLES_SIDE_BY_SIDE))
                      .execute(period, ingested.toValidate(), ingested.removedFiles()));
      ConformStage.Result conformed =
          timed(
              stages,
              "conform",
              () ->
                  new ConformStage(
                          warehouse,
                          schemas,
                          codeLists,
                          serviceLines,
                          settings.get(Settings.MAX_UNMAPPED_PCT),
                          log,
                          settings.get(Settings.TABLES_SIDE_BY_SIDE))
                      .execute(period));
      MetricCatalog catalog = MetricCatalog.from(settings);
      if (timed(
          stages,
          "metrics",
          () ->
              new MetricsStage(warehouse, schemas, catalog, serviceLines.version(), log)
                  .execute(period))) {
        timed(
            stages,
            "benchmark",
            () -> {
              new BenchmarkStage(warehouse, schemas, catalog, settings.get(Settings.PEERS), log)
                  .execute(period);
              return null;
            });
        OpportunityCalculator opportunities = new OpportunityCalculator(catalog, settings);
        timed(
            stages,
            "opportunities",
            () -> {
              new OpportunityStage(warehouse, opportunities, log).execute(period);
              return null;
            });
        timed(
            stages,
            "systems",
            () -> {
              new SystemStage(warehouse, catalog, opportunities, log).execute(period);
              return null;
            });
      }
      // Every run, whatever it computed: names for the codes of all the facts gold holds.
      timed(
          stages,
          "dimensions",
          () -> {
            new DimensionStage(warehouse, schemas, codeLists, serviceLines, catalog, log).execute();
            return null;
          });
      log.record(Entry.of("finish", null, "ok"));
      log.save(warehouse);
      return new Result(
          log.runId(),
          period,
          ingested.landed().stream().map(s -> s.id()).toList(),
          ingested.absentSources(),
          files,
          conformed,
          log.rows());
    } catch (Exception e) {
      // Exception: Spark's checked exceptions reach here undeclared, and must be logged too.
      log.record(Entry.of("finish", null, "failed").detail(failureDetail(e)));
      try {
        log.save(warehouse);
      } catch (RuntimeException | FSError saveFailed) {
        // A full disk refuses the log as well: report the failure that stopped the run.
        e.addSuppressed(saveFailed);
      }
      throw e;
    }
  }

  /**
   * What the run log keeps of a failure: the message of the project's own exceptions, which are
   * built from files, lines, fields and rules; of anything else only its kind, since its message
   * may quote data (the command's error output has it).
   */
  static String failureDetail(Exception e) {
    boolean explained =
        e instanceof LandingFileException
            || e instanceof DataRejectedException
            || e instanceof WarehouseWriteException
            || e instanceof SchemaChangeException
            || e instanceof ConfigException
            || e instanceof WarehouseBusyException;
    return explained
        ? e.getMessage()
        : "unexpected " + e.getClass().getName() + " (see the command's error output)";
  }

  private static <T> T timed(StageListener stages, String stage, Supplier<T> body) {
    stages.started(stage);
    T result = body.get();
    stages.finished(stage);
    return result;
  }
}
