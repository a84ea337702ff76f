// One-off measurement behind Sessions' Delta settings for small runs (docs/performance.md): the
// fixed cost of a Delta write and read when the data is tiny, as in every test and the demo's small
// tables. In one warm JVM it creates TABLES fresh tables of 5 rows and 30 columns (replaceWhere, as
// Warehouse.replace writes), replaces each table's rows once, and reads each back, then prints the
// milliseconds per create, per replace and per read and the Spark jobs run. Settings after the first
// two arguments (key=value) are set on the session, e.g. to compare Delta's all-files-in-checksum.
// Run from the repository after a build:
//   java $(cat jobs/core/target/classes/mhcs/jvm.flags) -cp 'jobs/distribution/target/lib/*' \
//     scripts/microbench/DeltaCommitBench.java 40 3 spark.databricks.delta.allFilesInCrc.enabled=false
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.*;
import org.apache.spark.sql.*;

public class DeltaCommitBench {
  public static void main(String[] a) throws Exception {
    int tables = Integer.parseInt(a[0]);
    int rounds = Integer.parseInt(a[1]);
    SparkSession.Builder b =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    for (int i = 2; i < a.length; i++) {
      String[] kv = a[i].split("=", 2);
      b = b.config(kv[0], kv[1]);
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    AtomicInteger jobs = new AtomicInteger();
    s.sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onJobStart(SparkListenerJobStart e) {
                jobs.incrementAndGet();
              }
            });
    List<String> columns = new ArrayList<>(List.of("'2024-06' as period"));
    for (int c = 0; c < 29; c++) {
      columns.add("concat('v', cast(id * " + (c + 1) + " as string)) as c" + c);
    }
    Dataset<Row> rows = s.range(5).selectExpr(columns.toArray(String[]::new));
    for (int round = 0; round < rounds; round++) {
      Path root = Files.createTempDirectory("deltabench");
      long[] ms = new long[3];
      int[] js = new int[3];
      for (int phase = 0; phase < 3; phase++) {
        int j0 = jobs.get();
        long t0 = System.nanoTime();
        for (int t = 0; t < tables; t++) {
          String path = root.resolve("t" + t).toString();
          if (phase < 2) {
            var w =
                rows.write()
                    .format("delta")
                    .mode(SaveMode.Overwrite)
                    .option("replaceWhere", "period = '2024-06'");
            if (phase == 0) {
              w = w.partitionBy("period");
            }
            w.save(path);
          } else {
            s.read().format("delta").load(path).where("c0 = 'v1'").collectAsList();
          }
        }
        ms[phase] = (System.nanoTime() - t0) / 1_000_000;
        js[phase] = jobs.get() - j0;
      }
      System.out.printf(
          "round %d: create %.0f ms, replace %.0f ms, read %.0f ms per table; jobs per table %.1f,"
              + " %.1f, %.1f%n",
          round,
          ms[0] / (double) tables,
          ms[1] / (double) tables,
          ms[2] / (double) tables,
          js[0] / (double) tables,
          js[1] / (double) tables,
          js[2] / (double) tables);
    }
  }
}
