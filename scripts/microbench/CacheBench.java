// One-off measurement behind Sessions' uncompressed cache (docs/performance.md, third round):
// 8 M contact-like rows (identifiers, codes, dates as text) cached compressed, uncompressed and not
// at all, then counted per file, written to Parquet and their keys made distinct.
// Run from the repository after a build:
//   java $(cat jobs/core/target/classes/mhcs/jvm.flags) -cp 'jobs/distribution/target/lib/*' scripts/microbench/CacheBench.java 8000000 comp,plain,none,comp,plain,none
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.*;
import org.apache.spark.storage.StorageLevel;

public class CacheBench {
  public static void main(String[] a) {
    SparkSession s =
        SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    long n = Long.parseLong(a[0]);
    String dir = "/tmp/cachebench";
    if (!new java.io.File(dir).exists()) {
      s.range(n)
          .selectExpr(
              "concat('RXX', cast(id % 50 as string)) as org",
              "concat('C', cast(id as string), 'abcdefgh') as cid",
              "concat('R', cast(id div 4 as string), 'xyz') as rid",
              "concat('T', cast(id % 300 as string)) as team",
              "cast(date_add(date'2024-06-01', cast(id % 30 as int)) as string) as dt",
              "'10:00:00' as tm",
              "cast(id % 120 as string) as dur",
              "cast(id % 4 as string) as mech",
              "cast(id % 3 as string) as dna",
              "'f.csv' as _source_file",
              "id as _line")
          .repartition(4)
          .write()
          .parquet(dir);
    }
    for (String mode : a[1].split(",")) {
      s.conf().set("spark.sql.inMemoryColumnarStorage.compressed", mode.startsWith("comp"));
      Dataset<Row> d =
          s.read()
              .parquet(dir)
              .withColumn("_typed_dt", to_date(col("dt")))
              .withColumn("_typed_dur", col("dur").cast("int"));
      long t = System.nanoTime();
      if (!mode.equals("none")) {
        d = d.persist(StorageLevel.MEMORY_AND_DISK());
      }
      d.groupBy("_source_file").agg(count(lit(1)), sum("_typed_dur")).collectAsList();
      double counted = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      d.select("org", "cid", "rid", "team", "_typed_dt", "tm", "_typed_dur", "mech", "dna")
          .write()
          .mode("overwrite")
          .parquet("/tmp/cachebench-out");
      double written = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      d.select("org", "cid").distinct().count();
      double keys = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "%s: count %.1f s, write %.1f s, keys %.1f s, total %.1f%n",
          mode, counted, written, keys, counted + written + keys);
      d.unpersist(true);
    }
  }
}
