package org.mhcs.storage;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system without a child process per call. Without Hadoop's native library (it
 * is not on Maven Central, and no machine of ours has it), {@link RawLocalFileSystem} runs {@code
 * chmod} for every file and folder it creates and {@code readlink} for every rename through {@code
 * FileContext}, as Delta commits do: about 1,190 processes for the golden month's run, each a fork
 * and exec beside a multi-gigabyte JVM (docs/performance.md, fifth round). This class does the same
 * two things through {@code java.nio}; everything else is Hadoop's own.
 *
 * <p>{@link org.mhcs.spark.Sessions} names it for the {@code file:} scheme when Spark runs locally
 * ({@link #HADOOP_OPTIONS}): as {@code fs.file.impl} (the {@code FileSystem} API: Spark, Parquet)
 * and, through {@link Fs}, as {@code fs.AbstractFileSystem.file.impl} ({@code FileContext}: Delta's
 * log store and checksum files). A cluster keeps Hadoop's classes: its nodes may have the native
 * library, and need not have ours.
 */
public final class ShellFreeLocalFileSystem extends LocalFileSystem {
  /** The Hadoop options that make {@code file:} paths use these classes. */
  public static final Map<String, String> HADOOP_OPTIONS =
      Map.of(
          "fs.file.impl", ShellFreeLocalFileSystem.class.getName(),
          "fs.AbstractFileSystem.file.impl", Fs.class.getName());

  public ShellFreeLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) file system under both APIs. */
  public static final class Raw extends RawLocalFileSystem {
    /** As Hadoop's {@code chmod} through a shell: the same mode bits, set in this process. */
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission); // no java.nio equivalent; Hadoop never asks for it here
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    /**
     * As Hadoop's, which asks {@code readlink} whether {@code f} names a link (on {@code f} as
     * text, so a qualified {@code file:/…} path never does) and otherwise returns {@link
     * #getFileStatus}: the same test through {@code java.nio}, and Hadoop's code for real links.
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(new File(f.toString()).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }

    private static Set<PosixFilePermission> posix(short mode) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      // PosixFilePermission lists owner, group, others, each read, write, execute: bits 8 to 0.
      PosixFilePermission[] order = PosixFilePermission.values();
      for (int i = 0; i < order.length; i++) {
        if ((mode & (1 << (8 - i))) != 0) {
          set.add(order[i]);
        }
      }
      return set;
    }
  }

  /**
   * The {@code FileContext} view ({@code fs.AbstractFileSystem.file.impl}): Hadoop's {@code
   * LocalFs}, checksummed, over {@link Raw} instead of Hadoop's raw local file system.
   */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} (its constructors are not public), over {@link Raw}. */
  static final class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // no port, as RawLocalFs
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // as RawLocalFs: any name the local file system takes
    }
  }
}
