package org.mhcs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;
import org.mhcs.conf.Settings;
import org.mhcs.spark.Sessions;

/**
 * The one Spark session of the whole test run (local[2], 2 shuffle partitions, UTC, Locale.ROOT),
 * built the way the product builds it. Surefire runs every class in one JVM, so every class shares
 * it; Spark stops it at JVM exit.
 */
public final class SharedSpark {
  private static SparkSession session;
  private static Path root;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      Locale.setDefault(Locale.ROOT);
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      root = newFolder("mhcs-test-");
      session =
          Sessions.forWarehouse(
              root.resolve("session"), Settings.load(Map.of("spark.shuffle_partitions", "2")));
    }
    return session;
  }

  /** A fresh folder under the test run's temporary root. */
  public static Path newFolder(String prefix) {
    try {
      Path parent = root == null ? Path.of(System.getProperty("java.io.tmpdir")) : root;
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
