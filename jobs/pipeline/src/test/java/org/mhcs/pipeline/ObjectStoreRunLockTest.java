package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.SharedSpark;

/**
 * The run lock of a warehouse in object storage, through Hadoop's file system API (here the raw
 * local one, which like S3 has no lock; ObjectStorageIT races two runs on S3Proxy): a standing
 * claim refuses another run naming its holder, a released or expired claim is taken, and of two
 * runs claiming at the same moment exactly one wins.
 */
class ObjectStoreRunLockTest {
  private static FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration()).getRaw();
  }

  private static String warehouse() {
    return SharedSpark.newFolder("object-lock-").toUri().toString();
  }

  @Test
  void aStandingClaimRefusesAnotherRunNamingItsHolderUntilReleased() throws Exception {
    FileSystem fs = fs();
    String warehouse = warehouse();
    ObjectStoreRunLock held =
        ObjectStoreRunLock.acquire(
            fs, warehouse, "run A for 2024-06", Duration.ZERO, Clock.systemUTC());
    WarehouseBusyException busy =
        assertThrows(
            WarehouseBusyException.class,
            () ->
                ObjectStoreRunLock.acquire(
                    fs, warehouse, "run B for 2024-06", Duration.ZERO, Clock.systemUTC()));
    assertTrue(
        busy.getMessage().contains("in use by another run (run A for 2024-06, host "),
        busy.getMessage());
    held.close();
    assertTrue(!fs.exists(new org.apache.hadoop.fs.Path(warehouse, ObjectStoreRunLock.FILE)));
    ObjectStoreRunLock.acquire(fs, warehouse, "run B for 2024-06", Duration.ZERO, Clock.systemUTC())
        .close();
  }

  @Test
  void anExpiredClaimOfAKilledRunIsTakenOver() throws Exception {
    FileSystem fs = fs();
    String warehouse = warehouse();
    // A run whose clock says it claimed long ago: its claim expired before now.
    Clock longAgo =
        Clock.offset(Clock.systemUTC(), ObjectStoreRunLock.TIME_TO_LIVE.plusMinutes(1).negated());
    ObjectStoreRunLock killed =
        ObjectStoreRunLock.acquire(fs, warehouse, "run K for 2024-06", Duration.ZERO, longAgo);
    ObjectStoreRunLock taken =
        ObjectStoreRunLock.acquire(
            fs, warehouse, "run N for 2024-06", Duration.ZERO, Clock.systemUTC());
    // The old holder's release leaves the new claim standing.
    killed.close();
    WarehouseBusyException busy =
        assertThrows(
            WarehouseBusyException.class,
            () ->
                ObjectStoreRunLock.acquire(
                    fs, warehouse, "run X for 2024-06", Duration.ZERO, Clock.systemUTC()));
    assertTrue(busy.getMessage().contains("(run N for 2024-06"), busy.getMessage());
    taken.close();
  }

  @Test
  void ofTwoRunsClaimingAtOnceExactlyOneWins() throws Exception {
    FileSystem fs = fs();
    String warehouse = warehouse();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ObjectStoreRunLock>> attempts = new ArrayList<>();
      for (String run : List.of("run P for 2024-06", "run Q for 2024-06")) {
        Callable<ObjectStoreRunLock> claim =
            () -> {
              go.await();
              try {
                return ObjectStoreRunLock.acquire(
                    fs, warehouse, run, Duration.ZERO, Clock.systemUTC());
              } catch (WarehouseBusyException refused) {
                return null;
              }
            };
        attempts.add(pool.submit(claim));
      }
      go.countDown();
      List<ObjectStoreRunLock> won = new ArrayList<>();
      for (Future<ObjectStoreRunLock> a : attempts) {
        if (a.get() != null) {
          won.add(a.get());
        }
      }
      assertEquals(1, won.size(), "runs that hold the warehouse");
      won.forEach(ObjectStoreRunLock::close);
    } finally {
      pool.shutdownNow();
    }
  }
}
