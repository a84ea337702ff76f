package org.mhcs.performance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mhcs.pipeline.StageListener;

/**
 * Measures each stage of one run as it starts and finishes: wall time, peak heap, GC time, Parquet
 * files added under the warehouse (nothing is vacuumed, so files after less files before is what
 * the stage wrote), and Spark's spills and failed tasks. Rows come afterwards from the run log.
 */
final class StageMeter implements StageListener {
  private final Path warehouse;
  private final HeapSampler heap;
  private final SparkTaskTotals tasks;
  private final int cores;
  private final String period;
  private final List<StageMeasurement> measured = new ArrayList<>();
  private long startNanos;
  private long startGcMillis;
  private long[] startFiles;
  private long startSpilled;
  private int startFailed;

  StageMeter(Path warehouse, HeapSampler heap, SparkTaskTotals tasks, int cores, String period) {
    this.warehouse = warehouse;
    this.heap = heap;
    this.tasks = tasks;
    this.cores = cores;
    this.period = period;
  }

  @Override
  public void started(String stage) {
    startFiles = dataFiles(warehouse);
    startGcMillis = gcMillis();
    startSpilled = tasks.spilledBytes();
    startFailed = tasks.failedTasks();
    heap.reset();
    startNanos = System.nanoTime();
  }

  @Override
  public void finished(String stage) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long peak = heap.peak();
    long[] files = dataFiles(warehouse);
    measured.add(
        new StageMeasurement(
            period,
            stage,
            seconds,
            0,
            cores,
            peak,
            gcMillis() - startGcMillis,
            files[0] - startFiles[0],
            files[1] - startFiles[1],
            tasks.spilledBytes() - startSpilled,
            tasks.failedTasks() - startFailed));
  }

  /** The stages measured, with the rows each worked through from {@code rowsByStage}. */
  List<StageMeasurement> measured(Map<String, Long> rowsByStage) {
    return measured.stream()
        .map(
            m ->
                new StageMeasurement(
                    m.period(),
                    m.stage(),
                    m.seconds(),
                    rowsByStage.getOrDefault(m.stage(), 0L),
                    m.cores(),
                    m.peakHeapBytes(),
                    m.gcMillis(),
                    m.deltaFilesWritten(),
                    m.deltaBytesWritten(),
                    m.spilledBytes(),
                    m.failedTasks()))
        .toList();
  }

  static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  /** Count and bytes of the Parquet data files under {@code root} (Delta logs left out). */
  static long[] dataFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return new long[] {0, 0};
    }
    try (Stream<Path> walk = Files.walk(root)) {
      long[] totals = new long[2];
      walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.toString().contains("/_delta_log/"))
          .forEach(
              p -> {
                totals[0]++;
                totals[1] += p.toFile().length();
              });
      return totals;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the warehouse " + root, e);
    }
  }
}
