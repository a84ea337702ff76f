package org.mhcs.performance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.generate.GeneratedLanding;
import org.mhcs.generate.SyntheticLanding;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ops.RunLog;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.warehouse.Warehouse;

/**
 * One benchmark: synthetic landing files for consecutive months at a scale, the monthly pipeline
 * run month by month into a fresh warehouse with every stage measured, optionally one month
 * reloaded as a resubmission, and the figures gathered for {@link BenchReport}.
 */
public final class BenchRun {
  /** What to benchmark. {@code reload}: resubmit one month of the warehouse built and rerun it. */
  public record Plan(double scale, int periods, Period first, long seed, boolean reload) {
    public List<Period> months() {
      List<Period> months = new ArrayList<>();
      for (int i = 0; i < periods; i++) {
        months.add(Period.of(first.month().plusMonths(i)));
      }
      return months;
    }

    /** The month resubmitted: the middle one, so months before and after it sit beside it. */
    public Period reloaded() {
      return months().get(periods / 2);
    }
  }

  /**
   * A whole monthly run: its stages, its wall time (stages plus what lies between them), and the
   * run log's seconds per stage and table.
   */
  public record Run(
      Period period, double seconds, List<StageMeasurement> stages, List<TableTime> tables) {}

  /** One line of a run log that names a table: its stage, the table and the seconds it took. */
  public record TableTime(String stage, String table, double seconds) {}

  /** The resubmitted month's run, and what it rewrote table by table. */
  public record Reload(Run run, List<ReloadCheck.TableRewrite> rewrites) {
    public long filesRemovedOutside() {
      return rewrites.stream().mapToLong(ReloadCheck.TableRewrite::filesRemovedOutside).sum();
    }
  }

  /** What generation wrote and how long it took, apart from the pipeline's figures. */
  public record Generation(long rows, double seconds, long bytes) {}

  /** The fault rate of the resubmitted month: a few corrected rows make every file differ. */
  private static final double RESUBMISSION_FAULT_RATE = 0.0005;

  private final Plan plan;
  private final Path landing;
  private final PrintStream progress;

  public BenchRun(Plan plan, Path landing, PrintStream progress) {
    this.plan = plan;
    this.landing = landing;
    this.progress = progress;
  }

  /** Writes the plan's months of clean landing files. */
  public Generation generate() {
    long start = System.nanoTime();
    long rows = 0;
    for (Period month : plan.months()) {
      progress.printf("bench: generating %s at scale %s%n", month, plan.scale());
      rows += SyntheticLanding.write(landing, month.month(), plan.scale(), plan.seed()).totalRows();
    }
    return new Generation(rows, (System.nanoTime() - start) / 1e9, Warehouse.bytesUnder(landing));
  }

  /** Runs the pipeline for every month in order, measured. */
  public List<Run> runMonths(MonthlyRun pipeline) {
    try (HeapSampler heap = new HeapSampler()) {
      SparkTaskTotals tasks = listen(pipeline);
      List<Run> runs = new ArrayList<>();
      for (Period month : plan.months()) {
        runs.add(measure(pipeline, month, heap, tasks));
      }
      return runs;
    }
  }

  /**
   * Resubmits the middle month (the same rows with a few broken, as a trust's corrected return
   * would differ) and reruns it, returning its measurements and the Delta files it rewrote.
   */
  public Reload reload(MonthlyRun pipeline) {
    Period month = plan.reloaded();
    Path resubmission = landing.resolveSibling("resubmission");
    delete(resubmission);
    GeneratedLanding regenerated =
        SyntheticLanding.write(
            resubmission, month.month(), plan.scale(), plan.seed(), RESUBMISSION_FAULT_RATE);
    progress.printf(
        "bench: resubmitting %s (%,d rows, %,d changed)%n",
        month, regenerated.totalRows(), regenerated.faultCount());
    replaceMonthFolders(resubmission, landing, month);
    delete(resubmission);
    Map<String, Long> before = ReloadCheck.before(pipeline.warehouse().root());
    try (HeapSampler heap = new HeapSampler()) {
      Run run = measure(pipeline, month, heap, listen(pipeline));
      return new Reload(
          run,
          ReloadCheck.since(
              pipeline.warehouse().root(), before, month.toString(), month.financialYear()));
    }
  }

  private Run measure(MonthlyRun pipeline, Period month, HeapSampler heap, SparkTaskTotals tasks) {
    int cores = pipeline.warehouse().spark().sparkContext().defaultParallelism();
    StageMeter meter =
        new StageMeter(pipeline.warehouse().root(), heap, tasks, cores, month.toString());
    progress.printf("bench: running %s%n", month);
    long start = System.nanoTime();
    MonthlyRun.Result result = pipeline.execute(new LandingFolder(landing), month, meter);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(
        month, seconds, meter.measured(rowsByStage(result.runLog())), tableTimes(result.runLog()));
  }

  private static SparkTaskTotals listen(MonthlyRun pipeline) {
    SparkTaskTotals tasks = new SparkTaskTotals();
    pipeline.warehouse().spark().sparkContext().addSparkListener(tasks);
    return tasks;
  }

  /**
   * Rows each stage worked through, from the run log: landing rows loaded into bronze, rows
   * validated into silver, and rows written by the later stages.
   */
  static Map<String, Long> rowsByStage(List<Row> runLog) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Row entry : runLog) {
      String logStage = entry.getString(RunLog.SCHEMA.fieldIndex("stage"));
      String stage;
      String column;
      switch (logStage) {
        case "ingest" -> {
          stage = "ingest";
          column = "rows_written";
        }
        case "validate" -> {
          stage = "silver";
          column = "rows_read";
        }
        case "conform", "metrics", "benchmark", "opportunities", "systems" -> {
          stage = logStage;
          column = "rows_written";
        }
        default -> {
          continue;
        }
      }
      Object n = entry.get(RunLog.SCHEMA.fieldIndex(column));
      if (n != null) {
        rows.merge(stage, (Long) n, Long::sum);
      }
    }
    return rows;
  }

  private static List<TableTime> tableTimes(List<Row> runLog) {
    int stage = RunLog.SCHEMA.fieldIndex("stage");
    int table = RunLog.SCHEMA.fieldIndex("table_name");
    int seconds = RunLog.SCHEMA.fieldIndex("seconds");
    return runLog.stream()
        .filter(r -> !r.isNullAt(table))
        .map(r -> new TableTime(r.getString(stage), r.getString(table), r.getDouble(seconds)))
        .toList();
  }

  /** Copies the month's folder of every monthly table from {@code from} over {@code to}'s. */
  private static void replaceMonthFolders(Path from, Path to, Period month) {
    try (Stream<Path> walk = Files.walk(from, 3)) {
      for (Path folder :
          walk.filter(p -> p.getFileName().toString().equals(month.toString())).toList()) {
        Path target = to.resolve(from.relativize(folder));
        delete(target);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(folder)) {
          for (Path f : files.toList()) {
            Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the resubmitted month into " + to, e);
    }
  }

  /** Deletes {@code root} and everything under it, if it exists. */
  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
