package org.mhcs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;

/**
 * Runs independent pieces of one stage (a table each) on a few driver threads of the same Spark
 * session, so that while one table's job runs a single task (a small file) or its driver commits,
 * another table's tasks use the other core. Each thread is its own fair-scheduler pool ({@code
 * spark.scheduler.mode=FAIR}, see {@link Sessions}), so a large table cannot hold both cores while
 * small ones wait. The run's job group travels with the work, so cancelling the run cancels it.
 *
 * <p>Nothing is lost on failure: {@link #join} waits for every piece, then rethrows the first
 * failure in submission order (the same error a one-at-a-time run would have reported first).
 */
public final class SideBySide implements AutoCloseable {
  /** Spark's thread-local properties a piece of work inherits from the thread that submits it. */
  private static final List<String> INHERITED =
      List.of(
          "spark.jobGroup.id",
          "spark.job.description",
          "spark.job.interruptOnCancel",
          "spark.scheduler.pool");

  private final SparkContext spark;
  private final ExecutorService threads;

  /** {@code width} pieces at most at once; 1 runs them one after another. */
  public SideBySide(SparkContext spark, int width) {
    this.spark = spark;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            width,
            r -> {
              Thread t = new Thread(r, "mhcs-table-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts {@code work} named {@code name} (its scheduler pool). Work may wait for work submitted
   * before it (a table for the tables it references): pieces start in submission order, so what it
   * waits for has started.
   */
  public <T> CompletableFuture<T> submit(String name, Callable<T> work) {
    List<String> values = new ArrayList<>();
    for (String key : INHERITED) {
      values.add(spark.getLocalProperty(key));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          for (int i = 0; i < INHERITED.size(); i++) {
            spark.setLocalProperty(INHERITED.get(i), values.get(i));
          }
          spark.setLocalProperty("spark.scheduler.pool", name);
          try {
            return work.call();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new CompletionException(e);
          } finally {
            for (String key : INHERITED) {
              spark.setLocalProperty(key, null);
            }
          }
        },
        threads);
  }

  /** The result of work already submitted, waiting for it; its failure rethrown as it was. */
  public static <T> T result(Future<T> work) {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a table", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Every piece's result in submission order, after every piece has ended; the first failure (in
   * submission order) is rethrown, the others added to it as suppressed.
   */
  public static <T> List<T> join(List<? extends Future<T>> work) {
    List<T> results = new ArrayList<>();
    Throwable first = null;
    for (Future<T> w : work) {
      try {
        results.add(result(w));
      } catch (RuntimeException | Error e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error e) {
      throw e;
    }
    return results;
  }

  @Override
  public void close() {
    threads.shutdown();
  }
}
