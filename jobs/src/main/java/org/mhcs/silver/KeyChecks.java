package org.mhcs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.ingest.Lineage;
import org.mhcs.schema.Reference;

/**
 * The two checks that compare rows with other rows — duplicate keys and references — computed on
 * key columns only, so a large table is never shuffled whole: each adds one boolean column to the
 * rows, joined from a small set (the keys that repeat, the keys that point nowhere) by broadcast.
 * Usually both sets are empty; at worst (every row a duplicate, a parent table missing) they hold
 * the table's distinct keys, which is still far less than its rows.
 */
final class KeyChecks {
  /** True on a row whose key an earlier row (by file, then line) of the scope already has. */
  static final String DUPLICATE = "_duplicate";

  /** True on a row whose reference {@code i} is present and matches no row of its table. */
  static String orphan(int i) {
    return "_orphan" + i;
  }

  private static final String HASH = "_key_hash";
  private static final String FIRST = "_first";

  private KeyChecks() {}

  /**
   * Adds {@link #DUPLICATE}. Keys are compared trimmed and null-safe (rows with no key at all are
   * one key, as a grouping sees them). First the keys' 64-bit hashes are counted, an 8-byte shuffle
   * per row; only rows whose hash repeats are compared on their real key (a collision is therefore
   * harmless), giving each repeated key's first row.
   */
  static Dataset<Row> markDuplicates(Dataset<Row> rows, List<String> key) {
    List<Column> keys = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      keys.add(trim(col(RowChecks.quoted(key.get(i)))).as(keyName(i)));
    }
    Column hash = xxhash64(keys.toArray(Column[]::new)).as(HASH);
    Dataset<Row> repeatedHashes =
        rows.select(hash).groupBy(HASH).count().where(col("count").gt(1)).select(HASH);
    List<Column> candidate = new ArrayList<>(keys);
    candidate.add(hash);
    candidate.add(col(Lineage.SOURCE_FILE));
    candidate.add(col(Lineage.LINE));
    Column[] keyNames = keyColumns(key.size());
    Dataset<Row> firsts =
        rows.select(candidate.toArray(Column[]::new))
            .join(broadcast(repeatedHashes), HASH)
            .groupBy(keyNames)
            .agg(
                count(lit(1)).as("rows"),
                min(struct(col(Lineage.SOURCE_FILE), col(Lineage.LINE))).as(FIRST))
            .where(col("rows").gt(1))
            .drop("rows");
    Column match = lit(true);
    for (int i = 0; i < key.size(); i++) {
      match = match.and(trim(col(RowChecks.quoted(key.get(i)))).eqNullSafe(firsts.col(keyName(i))));
    }
    Column self = struct(col(Lineage.SOURCE_FILE), col(Lineage.LINE));
    return rows.join(broadcast(firsts), match, "left")
        .withColumn(DUPLICATE, firsts.col(FIRST).isNotNull().and(self.notEqual(firsts.col(FIRST))))
        .drop(firsts.columns());
  }

  /**
   * Adds {@link #orphan}{@code (i)}: the scope's distinct present keys of {@code reference}, less
   * the keys {@code parentRows} hold (an anti-join of keys alone), are the keys that point nowhere.
   */
  static Dataset<Row> markOrphans(
      Dataset<Row> rows, Reference reference, Dataset<Row> parentRows, int i) {
    List<String> from = reference.columns();
    List<String> to = reference.toColumns();
    String prefix = "_ref" + i + "_";
    List<Column> parent = new ArrayList<>();
    List<Column> child = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Column present = lit(true);
    Column known = lit(true);
    for (int j = 0; j < to.size(); j++) {
      names.add(prefix + j);
      parent.add(trim(col(RowChecks.quoted(to.get(j)))).cast("string").as("_parent_" + j));
      Column text = trim(col(RowChecks.quoted(from.get(j))));
      child.add(text.as(prefix + j));
      present = present.and(text.isNotNull()).and(text.notEqual(""));
      known = known.and(col(prefix + j).equalTo(col("_parent_" + j)));
    }
    Dataset<Row> orphanKeys =
        rows.where(present)
            .select(child.toArray(Column[]::new))
            .distinct()
            .join(parentRows.select(parent.toArray(Column[]::new)).distinct(), known, "left_anti")
            .withColumn(orphan(i), lit(true));
    Column match = lit(true);
    for (int j = 0; j < from.size(); j++) {
      match =
          match.and(trim(col(RowChecks.quoted(from.get(j)))).equalTo(orphanKeys.col(names.get(j))));
    }
    return rows.join(broadcast(orphanKeys), match, "left")
        .drop(names.toArray(String[]::new))
        .withColumn(orphan(i), coalesce(col(orphan(i)), lit(false)));
  }

  private static String keyName(int i) {
    return "_key" + i;
  }

  private static Column[] keyColumns(int n) {
    Column[] columns = new Column[n];
    for (int i = 0; i < n; i++) {
      columns[i] = col(keyName(i));
    }
    return columns;
  }
}
