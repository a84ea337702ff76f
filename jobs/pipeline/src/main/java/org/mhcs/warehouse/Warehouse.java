package org.mhcs.warehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mhcs.schema.Layer;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.storage.HadoopStorage;
import org.mhcs.storage.Location;

/**
 * The Delta tables under one warehouse folder: {@code <root>/<layer>/<table>}. All writes go
 * through here so each is a single Delta commit that replaces exactly the rows it owns. The folder
 * is local or in any Hadoop file system ({@code s3a://bucket/prefix}); a remote one is listed
 * through Hadoop with the session's configuration.
 */
public final class Warehouse {
  /** A Delta commit ({@code 00000000000000000000.json}) or checkpoint file name. */
  private static final Pattern COMMIT_FILE =
      Pattern.compile("\\d{20}\\.(json|checkpoint.*\\.parquet)");

  private final SparkSession spark;
  private final Location root;

  public Warehouse(SparkSession spark, Path root) {
    this(spark, Location.local(root));
  }

  public Warehouse(SparkSession spark, Location root) {
    this.spark = spark;
    this.root = root;
  }

  /**
   * The local folder.
   *
   * @throws IllegalStateException for a warehouse in object storage
   */
  public Path root() {
    return root.localPath("this command");
  }

  /** Where the warehouse is: a local folder or a file system URI. */
  public Location location() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  /** The table's local folder (see {@link #root}). */
  public Path path(Table table) {
    return root().resolve(table.layer().database()).resolve(table.name());
  }

  /** The table's folder as Spark and Delta address it: a local path or a URI. */
  public String tablePath(Table table) {
    return root.resolve(table.layer().database()).resolve(table.name()).uri();
  }

  /**
   * Whether the table has at least one commit. A folder whose first write was interrupted (the
   * process killed, the disk full) holds data files and an empty {@code _delta_log} but no commit:
   * no reader sees it, and the next write creates the table over it.
   */
  public boolean exists(Table table) {
    return root.isLocal() ? hasCommit(path(table)) : hasCommit(tablePath(table));
  }

  /** As {@link #hasCommit(Path)}, for a table in a remote file system. */
  private boolean hasCommit(String folder) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(folder, "_delta_log");
    try {
      FileStatus[] entries = remoteFileSystem().listStatus(log);
      return java.util.Arrays.stream(entries)
          .anyMatch(f -> COMMIT_FILE.matcher(f.getPath().getName()).matches());
    } catch (java.io.FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          HadoopStorage.unreachable(root, "warehouse", e).getMessage(), e);
    }
  }

  private FileSystem remoteFileSystem() throws IOException {
    return HadoopStorage.fileSystem(root, spark.sparkContext().hadoopConfiguration());
  }

  /** Whether {@code folder}'s {@code _delta_log} holds a commit or a checkpoint. */
  private static boolean hasCommit(Path folder) {
    Path log = folder.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(log)) {
      return entries
          .map(p -> p.getFileName().toString())
          .anyMatch(n -> COMMIT_FILE.matcher(n).matches());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + log, e);
    }
  }

  /** The bytes of every file under {@code dir} (a warehouse, a landing folder). */
  public static long bytesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
  }

  /** As {@link #bytesUnder(Path)}, for a local or remote folder. */
  public static long bytesUnder(Location dir, org.apache.hadoop.conf.Configuration conf) {
    if (dir.isLocal()) {
      return bytesUnder(dir.localPath("bytesUnder"));
    }
    try {
      return HadoopStorage.fileSystem(dir, conf)
          .getContentSummary(new org.apache.hadoop.fs.Path(dir.uri()))
          .getLength();
    } catch (IOException e) {
      throw new UncheckedIOException(HadoopStorage.unreachable(dir, "folder", e).getMessage(), e);
    }
  }

  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      throw new IllegalStateException(
          "table " + table + " does not exist under " + root + ": run the pipeline first");
    }
    return spark.read().format("delta").load(tablePath(table));
  }

  /** The table as it was at Delta version {@code version} (time travel). */
  public Dataset<Row> readAt(Table table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(tablePath(table));
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
   * others as they were. Tables that hold many periods are partitioned by period: Delta replaces
   * whole files, and an unpartitioned file holding another period beside a replaced one would be
   * rewritten with it.
   */
  public void replace(Table table, Dataset<Row> rows, String condition, String partitionColumn) {
    replace(table, rows, condition, partitionColumn, List.of());
  }

  /**
   * As {@link #replace(Table, Dataset, String, String)}, creating the table with file statistics
   * (min, max, nulls) only on {@code statsColumns} when it names any, rather than on its first 32
   * columns: the large landing tables are filtered only on their lineage and submitter, and
   * gathering statistics of every text column costs a comparison per value as the files are
   * written.
   */
  public void replace(
      Table table,
      Dataset<Row> rows,
      String condition,
      String partitionColumn,
      List<String> statsColumns) {
    var writer =
        rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", condition);
    boolean exists = exists(table);
    if (!exists && partitionColumn != null) {
      writer = writer.partitionBy(partitionColumn);
    }
    if (!exists && !statsColumns.isEmpty()) {
      writer = writer.option("delta.dataSkippingStatsColumns", String.join(",", statsColumns));
    }
    if (exists && addsColumns(table, rows.schema())) {
      writer = writer.option("mergeSchema", "true");
    }
    save(table, writer);
  }

  /**
   * Replaces the whole table with {@code rows} (one commit, partitioned by {@code partitionColumn}
   * when created and given) unless it already holds exactly these rows with the same columns, so a
   * rerun that changes nothing adds no Delta version. Compares with two {@code exceptAll} (a
   * shuffle of both sides each): the caller should cache {@code rows}, which are read twice or
   * thrice.
   *
   * @return whether it wrote
   */
  public boolean replaceWholeIfChanged(Table table, Dataset<Row> rows, String partitionColumn) {
    if (holdsExactly(table, rows)) {
      return false;
    }
    replace(table, rows, "true", partitionColumn);
    return true;
  }

  /** Whether the table exists with these columns and exactly these rows (as multisets). */
  private boolean holdsExactly(Table table, Dataset<Row> rows) {
    if (!exists(table)) {
      return false;
    }
    Dataset<Row> held = read(table);
    if (!held.schema().simpleString().equals(rows.schema().simpleString())) {
      return false;
    }
    return held.exceptAll(rows).isEmpty() && rows.exceptAll(held).isEmpty();
  }

  /**
   * Writes one commit; a full disk or an unwritable folder fails with {@link
   * WarehouseWriteException} naming the table and the cause.
   */
  private void save(Table table, DataFrameWriter<Row> writer) {
    try {
      writer.save(tablePath(table));
    } catch (Exception | FSError e) {
      // Spark rethrows task failures as SparkException, which Java does not see declared; Hadoop's
      // local file system reports a full disk during Delta's commit as FSError, an Error.
      Optional<WarehouseWriteException> storage =
          WarehouseWriteException.of(table.qualifiedName(), root, e);
      if (storage.isPresent()) {
        throw storage.get();
      }
      throw e;
    }
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
              + tablePath(table)
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
    var writer = rows.write().format("delta").mode(SaveMode.Append);
    if (exists(table) && addsColumns(table, rows.schema())) {
      writer = writer.option("mergeSchema", "true");
    }
    save(table, writer);
  }

  /** The table's current Delta version, or -1 when it does not exist. */
  public long version(Table table) {
    if (!exists(table)) {
      return -1;
    }
    return DeltaTable.forPath(spark, tablePath(table))
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
        DeltaTable.forPath(spark, tablePath(table)).history(1).select("operationMetrics").head();
    scala.collection.Map<String, String> metrics = last.getMap(0);
    return Long.parseLong(metrics.get("numOutputRows").getOrElse(() -> "0"));
  }

  /**
   * Every Delta table in the warehouse, found by its {@code _delta_log} folder with at least one
   * commit (see {@link #exists}).
   */
  public List<Table> tables() {
    if (!root.isLocal()) {
      return remoteTables();
    }
    List<Table> tables = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      Path dir = root().resolve(layer.database());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> children = Files.list(dir)) {
          children
              .filter(Warehouse::hasCommit)
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

  private List<Table> remoteTables() {
    List<Table> tables = new ArrayList<>();
    try {
      FileSystem fs = remoteFileSystem();
      for (Layer layer : Layer.values()) {
        org.apache.hadoop.fs.Path dir =
            new org.apache.hadoop.fs.Path(root.resolve(layer.database()).uri());
        FileStatus[] children;
        try {
          children = fs.listStatus(dir);
        } catch (java.io.FileNotFoundException e) {
          continue;
        }
        java.util.Arrays.stream(children)
            .filter(FileStatus::isDirectory)
            .map(f -> new Table(layer, f.getPath().getName()))
            .filter(this::exists)
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .forEach(tables::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          HadoopStorage.unreachable(root, "warehouse", e).getMessage(), e);
    }
    return tables;
  }

  /**
   * Registers every table as it was at a past point: {@code asOf} is either a timestamp ({@code
   * 2026-11-24 03:00:00}: every table as of then; tables created later are left out) or a list of
   * {@code table@version} (as {@code gold.benchmark.input_versions} records them: those tables at
   * those versions, the others as they are now).
   *
   * @throws IllegalArgumentException naming the table or value that cannot be read that way
   */
  public void registerTablesAsOf(String asOf) {
    registerTables();
    if (asOf.contains("@")) {
      for (String pin : asOf.split(",")) {
        String[] parts = pin.trim().split("@");
        Table table =
            tables().stream()
                .filter(t -> t.qualifiedName().equals(parts[0]))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--as-of names "
                                + parts[0]
                                + ", which is not a table of this warehouse (./mhcs tables lists"
                                + " them)"));
        if (parts.length != 2 || !parts[1].matches("\\d{1,18}")) {
          throw new IllegalArgumentException(
              "--as-of '" + pin + "' is not table@version, e.g. gold.metric_value@12");
        }
        long version = Long.parseLong(parts[1]);
        if (version > version(table)) {
          throw new IllegalArgumentException(
              table + " has no version " + version + " (it is at " + version(table) + ")");
        }
        view(table, "VERSION AS OF " + version);
      }
      return;
    }
    String timestamp = SqlText.literal(asOf);
    // Delta reads an unreadable timestamp as "before every commit" and would leave every table
    // out; say what was wrong instead.
    if (spark.sql("SELECT TRY_CAST(" + timestamp + " AS TIMESTAMP)").first().isNullAt(0)) {
      throw new IllegalArgumentException(
          "--as-of '"
              + asOf
              + "' is neither a timestamp (e.g. 2026-11-24 03:00:00) nor table@version,... (e.g."
              + " gold.metric_value@12)");
    }
    for (Table t : tables()) {
      try {
        spark.read().format("delta").option("timestampAsOf", asOf).load(tablePath(t));
      } catch (Exception e) {
        // Created after the timestamp (or the timestamp is before any commit): not there then.
        dropName(t);
        continue;
      }
      view(t, "TIMESTAMP AS OF " + timestamp);
    }
  }

  /** Replaces a table's name with a view of it as of {@code travel}. */
  private void view(Table t, String travel) {
    dropName(t);
    spark.sql(
        "CREATE VIEW " + t.qualifiedName() + " AS SELECT * FROM " + deltaSource(t) + " " + travel);
  }

  /** The table as a SQL source by path, {@code delta.`<path>`}, quoted. */
  public String deltaSource(Table t) {
    return "delta.`" + tablePath(t).replace("`", "``") + "`";
  }

  /** Frees a table's name, whether an earlier registration made it a table or a view. */
  public void dropName(Table t) {
    String name = t.qualifiedName();
    boolean view;
    try {
      view =
          spark.catalog().tableExists(name)
              && "VIEW".equals(spark.catalog().getTable(name).tableType());
    } catch (org.apache.spark.sql.AnalysisException e) {
      view = false;
    }
    if (view) {
      spark.sql("DROP VIEW " + name);
    } else {
      spark.sql("DROP TABLE IF EXISTS " + name);
    }
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
      dropName(t);
      spark.sql(
          "CREATE TABLE "
              + t.qualifiedName()
              + " USING delta LOCATION '"
              + tablePath(t).replace("'", "\\'")
              + "'");
    }
  }
}
