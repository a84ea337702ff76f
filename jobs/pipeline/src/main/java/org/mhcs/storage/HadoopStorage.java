package org.mhcs.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Remote locations ({@link Location}) through Hadoop's file systems: the Hadoop configuration a run
 * uses for them, the file system of a location, and the check, before Spark starts, that a landing
 * folder or warehouse can be reached, which fails with a message naming the bucket and never a
 * credential.
 */
public final class HadoopStorage {
  /**
   * The Delta log store for {@code s3a://} (Delta's default for it, set so it is visible): it
   * commits safely from one driver at a time only, which the run lock ensures across machines
   * (docs/object-storage.md).
   */
  public static final Map<String, String> DELTA_LOG_STORES =
      Map.of("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");

  /**
   * hadoop-aws is 3.3.4, the Hadoop of Spark 3.5's distributions, while this build's Hadoop client
   * is 3.4.3 (a security pin, docs/security.md). Hadoop 3.4's defaults give S3A durations with
   * units ({@code 60s}), which 3.3.4's S3A reads as plain numbers and fails on ({@code
   * NumberFormatException: 60s}), and name AWS SDK v2 credential providers, which 3.3.4 (SDK v1)
   * cannot load. These are Hadoop 3.3.4's own defaults, applied unless given; on a cluster whose
   * Hadoop is 3.3.4 they change nothing.
   */
  static final Map<String, String> S3A_3_3_DEFAULTS =
      Map.of(
          "fs.s3a.connection.establish.timeout",
          "5000",
          "fs.s3a.connection.timeout",
          "200000",
          "fs.s3a.connection.ttl",
          "300000",
          "fs.s3a.threads.keepalivetime",
          "60",
          "fs.s3a.multipart.purge.age",
          "86400",
          "fs.s3a.aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,"
              + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,"
              + "com.amazonaws.auth.EnvironmentVariableCredentialsProvider,"
              + "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider");

  private HadoopStorage() {}

  /**
   * What to set in a Hadoop configuration for {@code storageOptions} ({@code --set fs.*}): the S3A
   * defaults above, then the options as given.
   */
  public static Map<String, String> hadoopOptions(Map<String, String> storageOptions) {
    Map<String, String> options = new LinkedHashMap<>(S3A_3_3_DEFAULTS);
    options.putAll(storageOptions);
    return options;
  }

  /** A Hadoop configuration (defaults, site files, then {@link #hadoopOptions}). */
  public static Configuration configuration(Map<String, String> storageOptions) {
    Configuration conf = new Configuration();
    hadoopOptions(storageOptions).forEach(conf::set);
    return conf;
  }

  public static FileSystem fileSystem(Location location, Configuration conf) throws IOException {
    return new Path(location.uri()).getFileSystem(conf);
  }

  /**
   * Checks that {@code location} can be listed (landing) or reached (a warehouse, which may not
   * exist yet), before anything starts.
   *
   * @throws IllegalArgumentException saying which bucket could not be reached and why, in words
   *     that hold no credential
   */
  public static void requireReachable(
      Location location, Configuration conf, String option, boolean mustExist) {
    try {
      FileSystem fs = fileSystem(location, conf);
      Path path = new Path(location.uri());
      if (mustExist) {
        if (!fs.getFileStatus(path).isDirectory()) {
          throw new IllegalArgumentException(option + " " + location + " is a file, not a folder");
        }
      } else {
        fs.exists(path);
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(option + " " + location + ": no such folder");
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException mine && mine.getMessage().startsWith(option)) {
        throw mine;
      }
      throw unreachable(location, option, e);
    }
  }

  /**
   * The message for a location that cannot be reached: the bucket, the kind of failure, the fix.
   */
  public static IllegalArgumentException unreachable(
      Location location, String option, Exception e) {
    String why =
        e instanceof AccessDeniedException
                || String.valueOf(e.getMessage()).contains("403")
                || String.valueOf(e.getMessage()).contains("InvalidAccessKeyId")
                || String.valueOf(e.getMessage()).contains("SignatureDoesNotMatch")
            ? "access denied: the credentials were refused or do not allow this (check the"
                + " provider chain: environment, profile, instance role, or the --set fs."
                + location.scheme()
                + ".* keys)"
            : "the store did not answer as expected ("
                + e.getClass().getSimpleName()
                + ": "
                + firstLine(e)
                + ")";
    return new IllegalArgumentException(
        option
            + " "
            + location
            + ": cannot reach the bucket '"
            + location.bucket()
            + "' ("
            + location.scheme()
            + "): "
            + why);
  }

  /**
   * The failure's first line, which for Hadoop and the AWS SDK names the operation, path and
   * status; requests are signed, so no secret key travels or comes back in one.
   */
  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    message = end < 0 ? message : message.substring(0, end);
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }
}
