package org.mhcs.performance;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Bytes Spark spilled to disk and tasks that failed, from every task's end event. */
final class SparkTaskTotals extends SparkListener {
  private final AtomicLong spilledBytes = new AtomicLong();
  private final AtomicInteger failedTasks = new AtomicInteger();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskMetrics() != null) {
      spilledBytes.addAndGet(end.taskMetrics().diskBytesSpilled());
    }
    if (end.reason() != Success$.MODULE$) {
      failedTasks.incrementAndGet();
    }
  }

  long spilledBytes() {
    return spilledBytes.get();
  }

  int failedTasks() {
    return failedTasks.get();
  }
}
