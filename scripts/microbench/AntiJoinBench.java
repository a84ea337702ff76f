// One-off measurement behind KeyChecks' reference check and Sessions' hash-join threshold
// (docs/performance.md, third round): 8.27 M child keys (organisation, contact) against 8 M parent
// keys, every child key present, as an anti-join: both sides made distinct first (as before), not
// (sort-merge join), not with the join hinted to hash, and not with adaptive execution free to pick
// a hash join (spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold).
// Run from the repository after a build (third argument: shuffle partitions, as conf/mhcs.properties):
//   java $(cat jobs/core/target/classes/mhcs/jvm.flags) -cp 'jobs/distribution/target/lib/*' scripts/microbench/AntiJoinBench.java 8000000 distinct,plain,hash,aqe 4
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.*;

public class AntiJoinBench {
  public static void main(String[] a) {
    SparkSession s =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", a.length > 2 ? a[2] : "4")
            .config("spark.sql.adaptive.enabled", "true")
            .getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    long n = Long.parseLong(a[0]);
    String parents = "/tmp/antibench-p";
    String children = "/tmp/antibench-c";
    if (!new java.io.File(parents).exists()) {
      s.range(n)
          .selectExpr(
              "concat('RXX', cast(id % 50 as string)) as org",
              "concat('C', cast(id as string), 'abcdefgh') as cid")
          .repartition(4)
          .write()
          .parquet(parents);
      s.range(n + n / 30)
          .selectExpr(
              "concat('RXX', cast(id % 50 as string)) as org",
              "concat('C', cast(id % " + n + " as string), 'abcdefgh') as cid")
          .repartition(4)
          .write()
          .parquet(children);
    }
    for (String mode : a[1].split(",")) {
      Dataset<Row> p = s.read().parquet(parents).select(trim(col("org")).as("p0"), trim(col("cid")).as("p1"));
      Dataset<Row> c = s.read().parquet(children).select(trim(col("org")).as("c0"), trim(col("cid")).as("c1"));
      Column known = col("c0").equalTo(col("p0")).and(col("c1").equalTo(col("p1")));
      if (mode.equals("aqe")) {
        s.conf().set("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold", "256m");
      }
      long t = System.nanoTime();
      Dataset<Row> orphans =
          switch (mode) {
            case "distinct" -> c.distinct().join(p.distinct(), known, "left_anti");
            case "plain", "aqe" -> c.join(p, known, "left_anti").distinct();
            case "hash" -> c.join(p.hint("shuffle_hash"), known, "left_anti").distinct();
            default -> throw new IllegalArgumentException(mode);
          };
      long found = orphans.limit(100_001).collectAsList().size();
      System.out.printf("%s: %d orphans, %.1f s%n", mode, found, (System.nanoTime() - t) / 1e9);
      s.conf().unset("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold");
    }
  }
}
