package org.mhcs.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mhcs.warehouse.WarehouseWriteException;

/**
 * One run at a time per warehouse. Runs rewrite shared gold tables (every benchmark covers all
 * organisations), so a second run for the same warehouse, whatever its period, waits or gives up
 * before touching anything. The lock is the operating system's lock on {@code _run.lock} in the
 * warehouse: it dies with its process, so a killed run never leaves a stale lock behind. The file's
 * text says who holds it, for the message the waiting run prints.
 */
final class RunLock implements WarehouseLock {
  static final String FILE = "_run.lock";
  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * Lock files this JVM holds. Checked before opening the file at all: on Linux, closing any
   * descriptor of a file drops every lock the process holds on it, so a run that found the lock
   * taken by another thread must not open and close the file.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the warehouse's lock for {@code holder} (e.g. "run X for 2024-06"), waiting up to {@code
   * wait} for another run to finish.
   *
   * @throws WarehouseBusyException naming the run that holds it, when {@code wait} runs out
   */
  static RunLock acquire(Path warehouse, String holder, Duration wait) {
    Path file = warehouse.resolve(FILE).toAbsolutePath().normalize();
    Instant deadline = Instant.now().plus(wait);
    try {
      while (true) {
        if (HELD_HERE.add(file)) {
          RunLock taken = tryAcquire(file, holder);
          if (taken != null) {
            return taken;
          }
          HELD_HERE.remove(file);
        }
        if (!Instant.now().isBefore(deadline)) {
          String other = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
          throw new WarehouseBusyException(
              warehouse, other.isBlank() ? "another run in this process" : other.strip());
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run lock " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run lock " + file, e);
    }
  }

  /** The lock with the holder written in it, or null while another process holds it. */
  private static RunLock tryAcquire(Path file, String holder) {
    FileChannel channel;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw WarehouseWriteException.of("the run lock " + FILE, file.getParent(), e)
          .<IllegalStateException>map(w -> w)
          .orElseGet(
              () ->
                  new IllegalStateException(
                      "cannot create the run lock "
                          + file
                          + " ("
                          + e
                          + "): is the warehouse"
                          + " writable?",
                      e));
    }
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        return null;
      }
      String text =
          holder
              + ", pid "
              + ManagementFactory.getRuntimeMXBean().getPid()
              + ", since "
              + Instant.now()
              + "\n";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(file, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the run lock " + file, e);
    }
  }

  /** The lock, or null while another process, or another thread of this one, holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      HELD_HERE.remove(file);
    }
  }
}
