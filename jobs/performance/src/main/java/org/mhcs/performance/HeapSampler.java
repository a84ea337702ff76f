package org.mhcs.performance;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap in use since the last {@link #reset}, sampled every 20 ms on a daemon thread. A
 * pool's own peak would miss nothing but counts each pool's peak at a different moment; sampling
 * the whole heap gives one moment's total.
 */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  HeapSampler() {
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void reset() {
    peak.set(memory.getHeapMemoryUsage().getUsed());
  }

  long peak() {
    return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
