package org.mhcs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.SharedSpark;

class ShellFreeLocalFileSystemTest {
  @Test
  void permissionsAreWhatHadoopsChmodSets() throws Exception {
    java.nio.file.Path dir = SharedSpark.newFolder("shell-free ");
    ShellFreeLocalFileSystem.Raw ours = new ShellFreeLocalFileSystem.Raw();
    ours.initialize(dir.toUri(), new Configuration());
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(dir.toUri(), new Configuration());
    for (short mode : new short[] {0640, 0750, 0604, 0777, 0}) {
      java.nio.file.Path a = Files.createFile(dir.resolve("ours-" + mode));
      java.nio.file.Path b = Files.createFile(dir.resolve("hadoops-" + mode));
      ours.setPermission(new Path(a.toUri()), new FsPermission(mode));
      hadoops.setPermission(new Path(b.toUri()), new FsPermission(mode));
      assertEquals(
          Files.getPosixFilePermissions(b), Files.getPosixFilePermissions(a), "mode " + mode);
    }
    // 0640 by hand: owner read and write, group read, others nothing.
    assertEquals(
        PosixFilePermissions.fromString("rw-r-----"),
        Files.getPosixFilePermissions(dir.resolve("ours-" + 0640)));
  }

  @Test
  void linkStatusIsHadoopsForFilesMissingPathsAndLinks() throws Exception {
    java.nio.file.Path dir = SharedSpark.newFolder("shell-free links ");
    java.nio.file.Path file = Files.writeString(dir.resolve("file"), "12345");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), file);
    ShellFreeLocalFileSystem.Raw ours = new ShellFreeLocalFileSystem.Raw();
    ours.initialize(dir.toUri(), new Configuration());
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(dir.toUri(), new Configuration());
    for (Path p :
        List.of(new Path(file.toUri()), new Path(file.toString()), new Path(link.toString()))) {
      FileStatus a = ours.getFileLinkStatus(p);
      FileStatus b = hadoops.getFileLinkStatus(p);
      assertEquals(b, a, p.toString());
      assertEquals(b.isSymlink(), a.isSymlink(), p.toString());
      assertEquals(b.getLen(), a.getLen(), p.toString());
    }
    assertTrue(ours.getFileLinkStatus(new Path(link.toString())).isSymlink());
    Path missing = new Path(dir.resolve("missing").toUri());
    assertThrows(FileNotFoundException.class, () -> hadoops.getFileLinkStatus(missing));
    assertThrows(FileNotFoundException.class, () -> ours.getFileLinkStatus(missing));
  }

  /**
   * A Delta table written and read on local disk through the session starts no process, where
   * Hadoop's own file system starts one per chmod (shown first, so the recording can fail).
   */
  @Test
  void aDeltaWriteOnLocalDiskStartsNoProcess() throws Exception {
    SparkSession spark = SharedSpark.session();
    java.nio.file.Path dir = SharedSpark.newFolder("shell-free delta ");
    String table = dir.resolve("table").toString();
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(dir.toUri(), new Configuration());
    java.nio.file.Path probe = Files.createFile(dir.resolve("probe"));
    List<String> commands =
        processesStartedOn(
            dir,
            () -> {
              hadoops.setPermission(new Path(probe.toUri()), new FsPermission((short) 0600));
              return null;
            });
    assertEquals(1, commands.size(), commands.toString());
    assertTrue(commands.get(0).startsWith("chmod 0600 "), commands.toString());

    List<String> delta =
        processesStartedOn(
            dir,
            () -> {
              spark.range(5).write().format("delta").save(table);
              spark.range(3).write().format("delta").mode("overwrite").save(table);
              return spark.read().format("delta").load(table).count();
            });
    assertEquals(List.of(), delta);
    // The table is whole: the overwrite's 3 rows (0, 1, 2), summing to 3.
    assertEquals(
        3L, spark.read().format("delta").load(table).selectExpr("sum(id)").first().getLong(0));
  }

  /** The command lines of the processes started while {@code work} ran that name {@code dir}. */
  private static List<String> processesStartedOn(
      java.nio.file.Path dir, java.util.concurrent.Callable<?> work) throws Exception {
    java.nio.file.Path file = Files.createTempFile(dir.getParent(), "processes", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      work.call();
      recording.stop();
      recording.dump(file);
    }
    List<String> commands = new java.util.ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String command = e.getString("command");
      if (command.contains(dir.toString())) {
        commands.add(command);
      }
    }
    return commands;
  }
}
