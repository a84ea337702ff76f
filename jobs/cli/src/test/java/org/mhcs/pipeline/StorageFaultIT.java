package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.command.ExitCode;
import org.mhcs.testing.ChildRun;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.testing.TableContents;
import org.mhcs.warehouse.Warehouse;

/**
 * {@code ./mhcs run} against storage that refuses writes: a disk that fills up mid-run, a read-only
 * file system, a warehouse path under a file. Each ends with exit code 1 and one clear message
 * naming the folder and the cause, no stack trace; a full disk leaves every table whole and
 * readable, and once space is freed a rerun gives the uninterrupted run's tables.
 *
 * <p>The disks are tmpfs mounts, which needs root: these tests run as root here and in CI. Without
 * root they fail, saying so, rather than pass without testing anything.
 */
class StorageFaultIT {
  /**
   * Room for the run lock, the bronze tables and a few more, not for the whole golden warehouse
   * (about 2 MB on tmpfs, where every small file takes a 4 KiB page).
   */
  private static final String SMALL_DISK = "size=700k";

  @Test
  void aDiskThatFillsMidRunFailsClearlyLeavesWholeTablesAndARerunCompletesThemOnceSpaceIsFreed()
      throws Exception {
    Map<String, List<String>> baseline = TableContents.of(GoldenRuns.community());
    Path disk = SharedSpark.newFolder("small-disk-");
    mount(disk, SMALL_DISK);
    try {
      Path warehouseDir = disk.resolve("warehouse");
      ChildRun.Finished run = runInChild(warehouseDir);
      assertEquals(ExitCode.FAILED, run.code(), run.output());
      assertMessage(
          run.output(), "cannot write ", " under " + warehouseDir + ": no space left on device.");
      assertTrue(
          run.output().contains("Free space on that disk or make the folder writable, or point"),
          run.output());

      // Whatever was committed is whole and readable; the failed run did not log success.
      Warehouse warehouse = new Warehouse(SharedSpark.session(), warehouseDir);
      assertFalse(warehouse.tables().isEmpty(), "the run should have written something first");
      TableContents.assertWholeOrAbsent(warehouse, baseline, "after the disk filled");

      // Space freed: the rerun completes the period with exactly an uninterrupted run's tables.
      remount(disk, "size=64m");
      GoldenRuns.run(warehouse, "community", GoldenRuns.SETTINGS);
      TableContents.assertSame(baseline, TableContents.of(warehouse));
    } finally {
      unmount(disk);
    }
  }

  @Test
  void aReadOnlyWarehouseFailsClearlyBeforeWritingAnything() throws Exception {
    Path disk = SharedSpark.newFolder("read-only-");
    mount(disk, "ro,size=1m");
    try {
      Path warehouseDir = disk.resolve("warehouse");
      assertRefusedAtStart(
          warehouseDir, "cannot write there (Read-only file system): choose a writable folder");
      assertFalse(Files.exists(warehouseDir));
    } finally {
      unmount(disk);
    }
  }

  @Test
  void aWarehouseUnderAFileFailsClearly() throws Exception {
    Path file = SharedSpark.newFolder("not-a-folder-").resolve("file");
    Files.writeString(file, "a file, not a folder\n");
    Path warehouseDir = file.resolve("warehouse");
    assertRefusedAtStart(
        warehouseDir, "cannot be created, " + file + " is a file: choose a folder elsewhere");
    assertEquals("a file, not a folder\n", Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * {@code ./mhcs run} into {@code warehouseDir} exits with the usage code and the one line {@code
   * mhcs run: --warehouse <dir>: <reason>}: found by the start-up checks, before Spark starts,
   * since --warehouse is unusable as given.
   */
  private static void assertRefusedAtStart(Path warehouseDir, String reason)
      throws InterruptedException {
    ChildRun.Finished run = runInChild(warehouseDir);
    assertEquals(ExitCode.USAGE, run.code(), run.output());
    assertLine(run.output(), "mhcs run: --warehouse " + warehouseDir + ": " + reason);
  }

  /** The golden/community run of {@code ./mhcs run} in a child JVM, to its end. */
  private static ChildRun.Finished runInChild(Path warehouse) throws InterruptedException {
    String[] args = ChildRun.goldenRun(warehouse);
    try (ChildRun child =
        ChildRun.start(Map.of(), Map.of(), SharedSpark.newFolder("child-tmp-"), args)) {
      return child.finish(600);
    }
  }

  /** The output has {@code line} as one of its lines, and no stack trace anywhere. */
  private static void assertLine(String output, String line) {
    assertTrue(output.lines().anyMatch(line::equals), "expected '" + line + "' in:\n" + output);
    assertFalse(output.contains("\tat "), "no stack trace for the user:\n" + output);
    assertFalse(output.contains("Exception in thread"), output);
  }

  /** One line of the output holds {@code start} and then {@code end}; no stack trace anywhere. */
  private static void assertMessage(String output, String start, String end) {
    assertTrue(
        output.lines().anyMatch(l -> l.contains(start) && l.indexOf(end) >= l.indexOf(start)),
        "expected a line with '" + start + "' ... '" + end + "' in:\n" + output);
    assertTrue(output.contains("(MHCS_DEBUG=1 shows the stack trace)"), output);
    assertFalse(output.contains("\tat "), "no stack trace for the user:\n" + output);
    assertFalse(output.contains("Exception in thread"), output);
  }

  private static void mount(Path at, String options) throws IOException, InterruptedException {
    command("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
  }

  private static void remount(Path at, String options) throws IOException, InterruptedException {
    command("mount", "-o", "remount," + options, at.toString());
  }

  private static void unmount(Path at) throws IOException, InterruptedException {
    command("umount", at.toString());
  }

  private static void command(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail(
          String.join(" ", command)
              + " failed ("
              + output.strip()
              + "). This test mounts tmpfs file systems to fill a disk and needs root, as it has"
              + " here and in CI; run it as root.");
    }
  }
}
