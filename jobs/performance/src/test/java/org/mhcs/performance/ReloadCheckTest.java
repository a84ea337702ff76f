package org.mhcs.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.SharedSpark;

/**
 * The benchmark's reload figure rests on this reading of Delta logs: a month replaced in a table
 * partitioned by month, or in an unpartitioned table whose files each hold one month, removes only
 * that month's files; a rewrite of the whole table removes the other months' too.
 */
class ReloadCheckTest {
  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> months(String... periods) {
    StringBuilder values = new StringBuilder();
    for (String p : periods) {
      values.append(values.length() == 0 ? "" : ", ").append("('").append(p).append("', 1)");
    }
    return spark.sql("SELECT * FROM VALUES " + values + " AS t(period, n)");
  }

  private void write(Path table, Dataset<Row> rows, boolean partitioned, String replaceWhere) {
    var writer = rows.repartition(1).write().format("delta");
    if (partitioned) {
      writer = writer.partitionBy("period");
    }
    if (replaceWhere == null) {
      writer.mode(SaveMode.Append).save(table.toString());
    } else {
      writer.mode(SaveMode.Overwrite).option("replaceWhere", replaceWhere).save(table.toString());
    }
  }

  @Test
  void replacingOneMonthRemovesOnlyThatMonthsFiles() {
    Path warehouse = SharedSpark.newFolder("reload-check-");
    Path partitioned = warehouse.resolve("silver/partitioned");
    Path unpartitioned = warehouse.resolve("gold/unpartitioned");
    Path rewritten = warehouse.resolve("gold/rewritten");
    // Three months, one commit (and so one file) each, in each table.
    for (String month : List.of("2024-04", "2024-05", "2024-06")) {
      write(partitioned, months(month), true, null);
      write(unpartitioned, months(month), false, null);
      write(rewritten, months(month), false, null);
    }
    Map<String, Long> before = ReloadCheck.before(warehouse);
    assertEquals(
        Map.of("silver/partitioned", 2L, "gold/unpartitioned", 2L, "gold/rewritten", 2L), before);

    write(partitioned, months("2024-05"), true, "period = '2024-05'");
    write(unpartitioned, months("2024-05"), false, "period = '2024-05'");
    // Everything rewritten: three files removed, two of them (April's and June's) outside May.
    write(rewritten, months("2024-04", "2024-05", "2024-06"), false, "true");

    List<ReloadCheck.TableRewrite> rewrites =
        ReloadCheck.since(warehouse, before, "2024-05", "2024-25");
    assertEquals(
        List.of(
            new ReloadCheck.TableRewrite(
                "gold/rewritten", 1, 1, 3, 2, java.util.Set.of("2024-04", "2024-06")),
            new ReloadCheck.TableRewrite("gold/unpartitioned", 1, 1, 1, 0, java.util.Set.of()),
            new ReloadCheck.TableRewrite("silver/partitioned", 1, 1, 1, 0, java.util.Set.of())),
        rewrites);
  }
}
