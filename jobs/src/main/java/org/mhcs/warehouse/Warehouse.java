package org.mhcs.warehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta tables under one warehouse folder: {@code <root>/<layer>/<table>}. All writes go
 * through here so each is a single Delta commit that replaces exactly the rows it owns.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final Path root;

  public Warehouse(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public Path path(Table table) {
    return root.resolve(table.layer().database()).resolve(table.name());
  }

  public boolean exists(Table table) {
    return Files.isDirectory(path(table).resolve("_delta_log"));
  }

  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      throw new IllegalStateException(
          "table " + table + " does not exist under " + root + ": run the pipeline first");
    }
    return spark.read().format("delta").load(path(table).toString());
  }

  /** The table's rows matching {@code condition}, or empty when the table does not exist. */
  public Optional<Dataset<Row>> readWhere(Table table, String condition) {
    if (!exists(table)) {
      return Optional.empty();
    }
    return Optional.of(read(table).where(condition));
  }

  /**
   * Replaces the rows matching {@code condition} with {@code rows} in one commit (Delta
   * replaceWhere), creating the table, partitioned by {@code partitionColumn} when given, if it
   * does not exist. Rows outside the condition are untouched, so reloading one period leaves the
   * others as they were.
   */
  public void replace(Table table, Dataset<Row> rows, String condition, String partitionColumn) {
    var writer =
        rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", condition);
    if (!exists(table) && partitionColumn != null) {
      writer = writer.partitionBy(partitionColumn);
    }
    if (exists(table) && addsColumns(table, rows.schema())) {
      writer = writer.option("mergeSchema", "true");
    }
    writer.save(path(table).toString());
  }

  /**
   * Fails now, before anything else is written, if rows of {@code incoming}'s shape could not be
   * written to the table (see {@link #addsColumns}).
   */
  public void requireCompatible(Table table, StructType incoming) {
    if (exists(table)) {
      addsColumns(table, incoming);
    }
  }

  /**
   * Whether {@code incoming} adds columns to the table: schema evolution is deliberate, so a new
   * column (a schema gained an optional column) is added, while a column whose type changed fails
   * with what to do, rather than being cast or silently rewritten.
   *
   * @throws SchemaChangeException when a column's type differs from the table's; callers may check
   *     before writing anything else
   */
  private boolean addsColumns(Table table, StructType incoming) {
    StructType current = read(table).schema();
    List<String> changed = new ArrayList<>();
    boolean adds = false;
    for (StructField field : incoming.fields()) {
      Optional<StructField> existing =
          Stream.of(current.fields())
              .filter(f -> f.name().equalsIgnoreCase(field.name()))
              .findFirst();
      if (existing.isEmpty()) {
        adds = true;
      } else if (!existing.get().dataType().sameType(field.dataType())) {
        changed.add(
            field.name()
                + " is "
                + existing.get().dataType().simpleString()
                + " in the table but "
                + field.dataType().simpleString()
                + " now");
      }
    }
    if (!changed.isEmpty()) {
      throw new SchemaChangeException(
          table
              + " at "
              + path(table)
              + ": "
              + String.join("; ", changed)
              + ". Delta will not change a column's type in place. Keep the type declared"
              + " before, or rebuild the table: move its folder aside and rerun every period it"
              + " held.");
    }
    return adds;
  }

  /** Appends {@code rows} in one commit (for logs). */
  public void append(Table table, Dataset<Row> rows) {
    rows.write().format("delta").mode(SaveMode.Append).save(path(table).toString());
  }

  /** The table's current Delta version, or -1 when it does not exist. */
  public long version(Table table) {
    if (!exists(table)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path(table).toString())
        .history(1)
        .select("version")
        .head()
        .getLong(0);
  }

  /**
   * Rows the table's latest commit wrote, from Delta's own operation metrics (exact even when Spark
   * retried a task), so a write need not be followed by a count.
   */
  public long rowsWrittenByLastCommit(Table table) {
    Row last =
        DeltaTable.forPath(spark, path(table).toString())
            .history(1)
            .select("operationMetrics")
            .head();
    scala.collection.Map<String, String> metrics = last.getMap(0);
    return Long.parseLong(metrics.get("numOutputRows").getOrElse(() -> "0"));
  }

  /** Every Delta table in the warehouse, found by its {@code _delta_log} folder. */
  public List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      Path dir = root.resolve(layer.database());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> children = Files.list(dir)) {
          children
              .filter(p -> Files.isDirectory(p.resolve("_delta_log")))
              .map(p -> new Table(layer, p.getFileName().toString()))
              .sorted((a, b) -> a.name().compareTo(b.name()))
              .forEach(tables::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return tables;
  }

  /**
   * Registers every table in the session catalog as {@code <layer>.<name>}, so SQL can address
   * them; the catalog lives only as long as the session.
   */
  public void registerTables() {
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.database());
    }
    for (Table t : tables()) {
      // Re-registering points the name at this warehouse even if the session knew another; the
      // tables are external (LOCATION), so dropping the name leaves the data alone.
      spark.sql("DROP TABLE IF EXISTS " + t.qualifiedName());
      spark.sql(
          "CREATE TABLE "
              + t.qualifiedName()
              + " USING delta LOCATION '"
              + path(t).toString().replace("'", "\\'")
              + "'");
    }
  }
}
