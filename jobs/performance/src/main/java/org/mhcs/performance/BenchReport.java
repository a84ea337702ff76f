package org.mhcs.performance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mhcs.calendar.Period;
import org.mhcs.schema.SchemaCatalog;

/**
 * A benchmark's figures, as the table {@code ./mhcs bench} prints and as {@code bench.json}: the
 * machine, JVM start-up and session start apart from the pipeline, generation, every stage of every
 * month, the reload and its rewrites, and the DuckDB peer where it ran.
 */
public final class BenchReport {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(new SimpleModule().addSerializer(Period.class, new ToStringSerializer()));
  private static final double MIB = 1024.0 * 1024.0;

  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final StringBuilder text = new StringBuilder();
  private int printed;

  public BenchReport(Machine machine, BenchRun.Plan plan) {
    figures.put("machine", machine);
    figures.put("plan", plan);
    text.append(
        String.format(
            "machine: %s, %d cores, %.1f GiB RAM, max heap %.1f GiB, %s%n",
            machine.cpu(),
            machine.cores(),
            machine.memoryBytes() / MIB / 1024,
            machine.maxHeapBytes() / MIB / 1024,
            machine.javaVersion()));
    text.append(
        String.format(
            "plan: scale %s, %d month(s) from %s, seed %d%s%n",
            plan.scale(),
            plan.periods(),
            plan.first(),
            plan.seed(),
            plan.reload() ? ", then " + plan.reloaded() + " reloaded" : ""));
  }

  public void startUp(double jvmSeconds, double sessionSeconds) {
    figures.put("jvm_start_seconds", jvmSeconds);
    figures.put("session_start_seconds", sessionSeconds);
    text.append(
        String.format(
            "start-up: JVM %.1f s, Spark session %.1f s (not in the stage times)%n",
            jvmSeconds, sessionSeconds));
  }

  public void generation(BenchRun.Generation g) {
    figures.put("generation", g);
    text.append(
        String.format(
            "generation: %,d rows, %.0f MiB of CSV in %.1f s (not in the stage times)%n",
            g.rows(), g.bytes() / MIB, g.seconds()));
  }

  public void runs(List<BenchRun.Run> runs) {
    figures.put("runs", runs);
    text.append('\n').append(stageTable(runs));
    double total = runs.stream().mapToDouble(BenchRun.Run::seconds).sum();
    Totals csvToSilver = csvToSilver(runs);
    figures.put("pipeline_seconds", total);
    figures.put("csv_to_silver_rows_per_second_per_core", csvToSilver.rate());
    text.append(
        String.format(
            "%npipeline: %d month(s) in %.1f s (%.1f min); CSV → typed silver: %,d rows in %.1f core-seconds ="
                + " %,.0f rows/s per core%n",
            runs.size(),
            total,
            total / 60,
            csvToSilver.rows(),
            csvToSilver.seconds(),
            csvToSilver.rate()));
  }

  public void reload(BenchRun.Reload reload, double yearSeconds, int months) {
    double perMonth = yearSeconds / months;
    figures.put("reload", reload);
    figures.put("reload_ratio_to_average_month", reload.run().seconds() / perMonth);
    text.append('\n').append(stageTable(List.of(reload.run())));
    text.append(
        String.format(
            "%nreload of %s: %.1f s = %.2f × the average month of the first build (%.1f s)%n",
            reload.run().period(),
            reload.run().seconds(),
            reload.run().seconds() / perMonth,
            perMonth));
    text.append(
        String.format(
            "  %-40s %7s %7s %7s %s%n", "table", "commits", "added", "removed", "removed outside"));
    for (ReloadCheck.TableRewrite t : reload.rewrites()) {
      text.append(
          String.format(
              "  %-40s %7d %7d %7d %d%s%n",
              t.table(),
              t.commits(),
              t.filesAdded(),
              t.filesRemoved(),
              t.filesRemovedOutside(),
              t.outsidePeriods().isEmpty() ? "" : " " + t.outsidePeriods()));
    }
    text.append(
        String.format(
            "  files removed that held another month: %d%n", reload.filesRemovedOutside()));
  }

  /** The DuckDB peer: whether its figures equal the warehouse's, and its time beside Spark's. */
  public void peer(
      DuckDbPeer.Result peer,
      PeerComparison.Result agreement,
      List<BenchRun.Run> runs,
      SchemaCatalog schemas) {
    List<PeerTimes.StageRatio> ratios = PeerTimes.ratios(runs, peer, schemas);
    Map<String, Object> figuresOfPeer = new LinkedHashMap<>();
    figuresOfPeer.put("metrics", DuckDbPeer.METRICS);
    figuresOfPeer.put("stages", peer.stages());
    figuresOfPeer.put("ratios", ratios);
    figuresOfPeer.put("agreement", agreement);
    figures.put("duckdb_peer", figuresOfPeer);
    text.append(
        String.format(
            "%nDuckDB peer (2 threads; %d community metrics, national percentiles,"
                + " opportunities):%n  %s",
            DuckDbPeer.METRICS.size(), agreement.describe()));
    text.append(
        String.format(
            "  %-12s %10s %10s %8s %12s%n",
            "stage", "Spark s", "DuckDB s", "ratio", "DuckDB rows"));
    Map<String, Long> rows = new LinkedHashMap<>();
    peer.stages().forEach(st -> rows.put(st.stage(), st.rows()));
    for (PeerTimes.StageRatio r : ratios) {
      text.append(
          String.format(
              "  %-12s %10.1f %10.1f %7.1f× %12s%n",
              r.stage(),
              r.sparkSeconds(),
              r.duckdbSeconds(),
              r.ratio(),
              rows.containsKey(r.stage()) ? String.format("%,d", rows.get(r.stage())) : ""));
    }
  }

  public String text() {
    return text.toString();
  }

  /** What was added since the last call, so a long benchmark can print as it goes. */
  public String unprinted() {
    String fresh = text.substring(printed);
    printed = text.length();
    return fresh;
  }

  public void writeJson(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), figures);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private record Totals(long rows, double seconds) {
    double rate() {
      return seconds <= 0 ? 0 : rows / seconds;
    }
  }

  /** Landing rows over the ingest and silver stages' time together, per core. */
  private static Totals csvToSilver(List<BenchRun.Run> runs) {
    long rows = 0;
    double coreSeconds = 0;
    for (BenchRun.Run run : runs) {
      for (StageMeasurement m : run.stages()) {
        if (m.stage().equals("ingest")) {
          rows += m.rows();
        }
        if (m.stage().equals("ingest") || m.stage().equals("silver")) {
          coreSeconds += m.seconds() * m.cores();
        }
      }
    }
    return new Totals(rows, coreSeconds);
  }

  static String stageTable(List<BenchRun.Run> runs) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-8s %-13s %8s %12s %12s %9s %7s %7s %9s %9s %6s",
            "period",
            "stage",
            "seconds",
            "rows",
            "rows/s/core",
            "heap MiB",
            "GC s",
            "files",
            "MiB out",
            "spill MiB",
            "failed"));
    for (BenchRun.Run run : runs) {
      for (StageMeasurement m : run.stages()) {
        lines.add(
            String.format(
                "%-8s %-13s %8.1f %,12d %,12.0f %,9.0f %7.1f %7d %9.1f %9.1f %6d",
                m.period(),
                m.stage(),
                m.seconds(),
                m.rows(),
                m.rowsPerSecondPerCore(),
                m.peakHeapBytes() / MIB,
                m.gcMillis() / 1000.0,
                m.deltaFilesWritten(),
                m.deltaBytesWritten() / MIB,
                m.spilledBytes() / MIB,
                m.failedTasks()));
      }
      lines.add(String.format("%-8s %-13s %8.1f", run.period(), "whole run", run.seconds()));
    }
    return String.join("\n", lines) + "\n";
  }
}
