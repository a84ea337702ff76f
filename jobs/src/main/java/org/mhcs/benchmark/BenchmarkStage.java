package org.mhcs.benchmark;

import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 5: the period's national distributions from {@code gold.metric_value} into {@code
 * gold.benchmark}.
 */
public final class BenchmarkStage {
  private final Warehouse warehouse;
  private final RunLog log;

  public BenchmarkStage(Warehouse warehouse, RunLog log) {
    this.warehouse = warehouse;
    this.log = log;
  }

  public void execute(Period period) {
    long start = System.nanoTime();
    String condition = period.predicate(Columns.PERIOD);
    warehouse.replace(
        Table.BENCHMARK,
        NationalBenchmark.compute(warehouse.read(Table.METRIC_VALUE).where(condition)),
        condition,
        null);
    log.record(
        Entry.of("benchmark", Table.BENCHMARK, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.BENCHMARK))
            .since(start));
  }
}
