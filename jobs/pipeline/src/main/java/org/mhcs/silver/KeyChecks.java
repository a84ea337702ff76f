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
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.Reference;

/**
 * The two checks that compare rows with other rows — duplicate keys and references — computed on
 * key columns only, so a large table is never shuffled whole: each adds one boolean column to the
 * rows, joined from a small set (the keys that repeat, the keys that point nowhere) by broadcast.
 * Each set is computed first, in a job of its own that reads only key columns, and brought to the
 * driver: usually it is empty and the column is a constant, so the table's main query carries no
 * join at all (at small volumes, planning and compiling those joins cost more than the rows). At
 * worst (every row a duplicate, a parent table missing) a set holds the table's distinct keys; past
 * {@link #ON_DRIVER} keys it stays distributed and is joined as before.
 */
final class KeyChecks {
  /** The most keys of a set brought to the driver; a larger set is joined where it lies. */
  static final int ON_DRIVER = 100_000;

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
    return markDuplicates(rows, key, ON_DRIVER);
  }

  /** As {@link #markDuplicates(Dataset, List)}, holding at most {@code onDriver} keys there. */
  static Dataset<Row> markDuplicates(Dataset<Row> rows, List<String> key, int onDriver) {
    List<Column> keys = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      keys.add(trim(col(RowChecks.quoted(key.get(i)))).as(keyName(i)));
    }
    Column hash = xxhash64(keys.toArray(Column[]::new)).as(HASH);
    Optional<Dataset<Row>> repeated =
        computed(
            onDriver,
            rows.select(hash).groupBy(HASH).count().where(col("count").gt(1)).select(HASH));
    if (repeated.isEmpty()) {
      return rows.withColumn(DUPLICATE, lit(false));
    }
    Dataset<Row> repeatedHashes = repeated.get();
    List<Column> candidate = new ArrayList<>(keys);
    candidate.add(hash);
    candidate.add(col(Lineage.SOURCE_FILE));
    candidate.add(col(Lineage.LINE));
    Column[] keyNames = keyColumns(key.size());
    Optional<Dataset<Row>> repeatedKeys =
        computed(
            onDriver,
            rows.select(candidate.toArray(Column[]::new))
                .join(broadcast(repeatedHashes), HASH)
                .groupBy(keyNames)
                .agg(
                    count(lit(1)).as("rows"),
                    min(struct(col(Lineage.SOURCE_FILE), col(Lineage.LINE))).as(FIRST))
                .where(col("rows").gt(1))
                .drop("rows"));
    if (repeatedKeys.isEmpty()) {
      // Hashes repeated, keys did not: a collision.
      return rows.withColumn(DUPLICATE, lit(false));
    }
    Dataset<Row> firsts = repeatedKeys.get();
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
   * Adds {@link #orphan}{@code (i)}: the scope's present keys of {@code reference}, less the keys
   * {@code parentRows} hold (an anti-join of keys alone), made distinct, are the keys that point
   * nowhere. Neither side is made distinct before the join: repeats change no anti-join's result,
   * and at a national month the two distincts cost more than the join (8.27 M keys against 8 M: 46
   * s with them, 33 s without, 12 s once the join is a hash join: scripts/microbench, Sessions).
   */
  static Dataset<Row> markOrphans(
      Dataset<Row> rows, Reference reference, Dataset<Row> parentRows, int i) {
    return markOrphans(rows, reference, parentRows, i, ON_DRIVER);
  }

  /**
   * As {@link #markOrphans(Dataset, Reference, Dataset, int)}, holding at most {@code onDriver}
   * keys there.
   */
  static Dataset<Row> markOrphans(
      Dataset<Row> rows, Reference reference, Dataset<Row> parentRows, int i, int onDriver) {
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
    Optional<Dataset<Row>> orphans =
        computed(
            onDriver,
            rows.where(present)
                .select(child.toArray(Column[]::new))
                .join(parentRows.select(parent.toArray(Column[]::new)), known, "left_anti")
                .distinct()
                .withColumn(orphan(i), lit(true)));
    if (orphans.isEmpty()) {
      return rows.withColumn(orphan(i), lit(false));
    }
    Dataset<Row> orphanKeys = orphans.get();
    Column match = lit(true);
    for (int j = 0; j < from.size(); j++) {
      match =
          match.and(trim(col(RowChecks.quoted(from.get(j)))).equalTo(orphanKeys.col(names.get(j))));
    }
    return rows.join(broadcast(orphanKeys), match, "left")
        .drop(names.toArray(String[]::new))
        .withColumn(orphan(i), coalesce(col(orphan(i)), lit(false)));
  }

  /**
   * {@code keys} computed now: nothing when there are none; held on the driver as a local relation
   * when there are at most {@code onDriver}; else {@code keys} as it was, to be joined where it
   * lies.
   */
  private static Optional<Dataset<Row>> computed(int onDriver, Dataset<Row> keys) {
    List<Row> held = keys.limit(onDriver + 1).collectAsList();
    if (held.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        held.size() > onDriver ? keys : keys.sparkSession().createDataFrame(held, keys.schema()));
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
