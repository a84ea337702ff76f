package org.mhcs.spark;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.mhcs.conf.Settings;
import org.mhcs.storage.HadoopStorage;
import org.mhcs.storage.Location;
import org.mhcs.storage.ShellFreeLocalFileSystem;

/**
 * Builds the Spark session every job runs in: Delta enabled, UTC, small shuffles on one machine.
 */
public final class Sessions {
  private Sessions() {}

  /**
   * A session for {@code warehouse}. Under spark-submit the master comes from the submitter;
   * otherwise from {@link Settings#SPARK_MASTER}; likewise the application name, {@code mhcs}
   * unless given. Spark SQL's own warehouse folder goes under the warehouse so runs leave nothing
   * in the working directory.
   */
  public static SparkSession forWarehouse(Path warehouse, Settings settings) {
    return forWarehouse(Location.local(warehouse), settings);
  }

  /**
   * As {@link #forWarehouse(Path, Settings)}, for a local or remote warehouse. The Hadoop file
   * system options ({@link Settings#storageOptions}) reach the driver's Hadoop configuration and,
   * as {@code spark.hadoop.*}, the executors'; Spark redacts such keys from its UI and event log
   * (spark.redaction.regex: secret, password, token, access.key).
   */
  public static SparkSession forWarehouse(Location warehouse, Settings settings) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster(settings.get(Settings.SPARK_MASTER));
    }
    Map<String, String> hadoop =
        new LinkedHashMap<>(HadoopStorage.hadoopOptions(settings.storageOptions()));
    if (conf.get("spark.master").startsWith("local")) {
      // Driver and executors share this JVM, whose class path has the class; given options win.
      ShellFreeLocalFileSystem.HADOOP_OPTIONS.forEach(
          (k, v) -> {
            if (!conf.contains("spark.hadoop." + k)) {
              hadoop.putIfAbsent(k, v);
            }
          });
    }
    hadoop.forEach((k, v) -> conf.set("spark.hadoop." + k, v));
    HadoopStorage.DELTA_LOG_STORES.forEach(conf::set);
    // spark-submit always sets a name (--name, spark.app.name, or else the main class); a name
    // set here would override the one conf/spark-submit.properties gives the cluster's UI.
    if (!conf.contains("spark.app.name")) {
      conf.setAppName("mhcs");
    }
    SparkSession spark =
        SparkSession.builder()
            .config(conf)
            // The read-only guard of ./mhcs serve acts only while a read-only server runs.
            .config(
                "spark.sql.extensions",
                "io.delta.sql.DeltaSparkSessionExtension,org.mhcs.spark.ReadOnlyGuard")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", settings.get(Settings.SHUFFLE_PARTITIONS))
            .config("spark.sql.adaptive.enabled", "true")
            // Tables run side by side, each in its own pool (SideBySide): share the cores fairly.
            .config("spark.scheduler.mode", "FAIR")
            // An impossible date such as 2024-02-30 must parse to null (and be quarantined), not
            // fail the job or roll over to March as the legacy parser would.
            .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
            .config("spark.sql.warehouse.dir", warehouse.resolve("_spark_sql").uri())
            // Delta replays each table's log with 50 tasks by default; our tables have short logs,
            // and on one machine those tasks cost seconds per read.
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            // Delta's default retention checks would refuse nothing here, but its auto-compaction
            // would add commits: keep one commit per table per run.
            .config("spark.databricks.delta.autoCompact.enabled", "false")
            .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
            // Cached rows (silver's checked rows, above all) are kept uncompressed: choosing an
            // encoding gathers statistics of every value, which for identifier columns cost four
            // times the caching itself (8 M contact-like rows: 26 s compressed, 6 s not; a cache
            // too big for memory spills to disk, as before).
            .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
            // A join whose every shuffled partition is at most this size builds a hash table of its
            // smaller side instead of sorting both: a national month's reference check (8 M keys
            // against 8 M) takes 12 s instead of 33. The limit bounds the memory a task's table
            // takes; a larger join still sorts.
            .config("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold", "256m")
            // Delta would list a small table's files in each commit's checksum file; to do so for a
            // new table it first rebuilds the empty table's state, a Spark job per table that no
            // read of ours uses. Off: 44 of a golden run's 471 jobs go, and the run takes 5% less
            // (77.5 s against 82.0 s, three runs each; docs/performance.md, fourth round).
            .config("spark.databricks.delta.allFilesInCrc.enabled", "false")
            .getOrCreate();
    // A session this JVM already had (tests, ./mhcs bench) keeps its first Hadoop configuration.
    hadoop.forEach(spark.sparkContext().hadoopConfiguration()::set);
    return spark;
  }

  /**
   * Whether Spark compiles queries to Java code from now on: whole-stage code generation and the
   * generated projections and predicates inside operators. Off, Spark evaluates the same
   * expressions by interpretation, which gives the same values. Compiling a query costs tens to
   * hundreds of milliseconds before its first row, and a month's run plans hundreds of small
   * queries; measured on 2 cores, without it the demo month (82 MiB) took 136 s instead of 155 s
   * and a national month (1.6 GiB) 837 s instead of 690 s (docs/performance.md). The second option
   * is marked internal by Spark (its tests use it); Spark 3.5 honours it everywhere, and if a later
   * Spark did not, queries would only be compiled as before.
   */
  private static void generateCode(SparkSession spark, boolean generate) {
    spark.conf().set("spark.sql.codegen.wholeStage", generate);
    spark.conf().set("spark.sql.codegen.factoryMode", generate ? "FALLBACK" : "NO_CODEGEN");
  }

  /**
   * Turns code generation on when {@code bytes} of {@code what} (a run's landing files, the
   * warehouses compared) reach {@code fromMib} MiB ({@link
   * org.mhcs.conf.Settings#GENERATED_CODE_FROM_MIB}), off below, and says which and why, for the
   * run log.
   */
  public static String generateCodeFor(
      SparkSession spark, String what, long bytes, double fromMib) {
    double mib = bytes / (1024.0 * 1024.0);
    boolean generate = mib >= fromMib;
    generateCode(spark, generate);
    return String.format(
        "%s %,.0f MiB: Java code generation %s, as spark.generated_code_from_mib = %s",
        what,
        mib,
        generate ? "on" : "off",
        BigDecimal.valueOf(fromMib).stripTrailingZeros().toPlainString());
  }
}
