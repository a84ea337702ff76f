package org.mhcs.pipeline;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time on a warehouse in object storage, where there is no operating-system lock and
 * no atomic "create if absent" that every store and Hadoop version offers. A run claims the
 * warehouse by writing {@value #FILE} (holder, claim id, expiry), waits {@link #SETTLE}, and reads
 * it back: the claim is its own only if no other run wrote since. This is Fischer's timed mutual
 * exclusion: it holds when a run's check for a free warehouse and its write complete within the
 * settle time (a slower attempt is withdrawn and retried) and the store reads its own writes (S3
 * since 2020, ADLS Gen2, GCS). Of two runs that both saw the warehouse free, the later writer wins
 * and the earlier sees that claim when it reads back.
 *
 * <p>A claim expires {@link #TIME_TO_LIVE} after its last renewal; the holder renews it every
 * {@link #RENEW_EVERY}, so a run killed without releasing blocks others for at most the time to
 * live. A run that finds its claim taken over at renewal (it stalled longer than the time to live)
 * says so on close.
 */
final class ObjectStoreRunLock implements WarehouseLock {
  static final String FILE = "_run.lock";
  static final Duration SETTLE = Duration.ofSeconds(2);
  static final Duration TIME_TO_LIVE = Duration.ofMinutes(2);
  static final Duration RENEW_EVERY = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(500);

  private static final String HOLDER = "holder";
  private static final String CLAIM = "claim";
  private static final String EXPIRES = "expires";

  private final FileSystem fs;
  private final Path file;
  private final Properties claim;
  private final ScheduledExecutorService renewal;
  private volatile String lostTo;

  private ObjectStoreRunLock(FileSystem fs, Path file, Properties claim, Clock clock) {
    this.fs = fs;
    this.file = file;
    this.claim = claim;
    this.renewal =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-lock-renewal");
              t.setDaemon(true);
              return t;
            });
    renewal.scheduleWithFixedDelay(
        () -> renew(clock), RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Claims {@code warehouse} (a folder URI) for {@code holder}, waiting up to {@code wait} while
   * another run's unexpired claim stands.
   *
   * @throws WarehouseBusyException naming the holder, when {@code wait} runs out
   */
  static ObjectStoreRunLock acquire(
      FileSystem fs, String warehouse, String holder, Duration wait, Clock clock) {
    Path file = new Path(warehouse, FILE);
    Instant deadline = clock.instant().plus(wait);
    Properties mine = new Properties();
    mine.setProperty(HOLDER, holder + ", " + host() + ", pid " + pid());
    mine.setProperty(CLAIM, UUID.randomUUID().toString());
    try {
      while (true) {
        Instant checked = clock.instant();
        Properties current = read(fs, file);
        if (current == null || isMine(current, mine) || expired(current, checked)) {
          mine.setProperty(EXPIRES, checked.plus(TIME_TO_LIVE).toString());
          write(fs, file, mine);
          boolean quick = Duration.between(checked, clock.instant()).compareTo(SETTLE) < 0;
          sleep(SETTLE);
          Properties after = read(fs, file);
          if (quick && after != null && isMine(after, mine)) {
            return new ObjectStoreRunLock(fs, file, mine, clock);
          }
          // Another run wrote after us (it wins), or our write was too slow to be sure: look again.
          continue;
        }
        if (!clock.instant().isBefore(deadline)) {
          throw new WarehouseBusyException(
              warehouse,
              current.getProperty(HOLDER, "another run")
                  + ", claimed until "
                  + current.getProperty(EXPIRES, "?"));
        }
        sleep(POLL);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the run lock " + file, e);
    }
  }

  private void renew(Clock clock) {
    try {
      Properties current = read(fs, file);
      if (current != null && !isMine(current, claim)) {
        lostTo = current.getProperty(HOLDER, "another run");
        renewal.shutdown();
        return;
      }
      claim.setProperty(EXPIRES, clock.instant().plus(TIME_TO_LIVE).toString());
      write(fs, file, claim);
    } catch (IOException | RuntimeException e) {
      // The next renewal tries again; the claim is good for TIME_TO_LIVE since the last one.
    }
  }

  /**
   * Releases the claim if it is still this run's.
   *
   * @throws IllegalStateException when another run took the claim over while this one held it (this
   *     run stalled beyond the time to live), so the two may have written at once
   */
  @Override
  public void close() {
    renewal.shutdownNow();
    try {
      Properties current = read(fs, file);
      if (current != null && isMine(current, claim)) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the run lock " + file, e);
    }
    if (lostTo != null) {
      throw new IllegalStateException(
          "this run's claim on the warehouse lapsed and was taken by "
              + lostTo
              + " while this run was still writing; rerun the period once that run ends");
    }
  }

  /** Whether the claim in {@code current} is the one in {@code mine}. */
  private static boolean isMine(Properties current, Properties mine) {
    return mine.getProperty(CLAIM).equals(current.getProperty(CLAIM));
  }

  private static boolean expired(Properties current, Instant now) {
    try {
      return !now.isBefore(Instant.parse(current.getProperty(EXPIRES, "")));
    } catch (RuntimeException unreadable) {
      return true; // a partial or foreign file: no valid claim
    }
  }

  private static Properties read(FileSystem fs, Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = fs.open(file)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException absent) {
      return null;
    }
    Properties p = new Properties();
    p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    return p.getProperty(CLAIM) == null ? null : p;
  }

  private static void write(FileSystem fs, Path file, Properties claim) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      claim.store(out, "mhcs run lock (docs/object-storage.md)");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while claiming the warehouse", e);
    }
  }

  private static String host() {
    try {
      return "host " + InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "host unknown";
    }
  }

  private static long pid() {
    return ManagementFactory.getRuntimeMXBean().getPid();
  }
}
