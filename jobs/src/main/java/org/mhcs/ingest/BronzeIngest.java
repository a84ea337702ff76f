package org.mhcs.ingest;

import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Lands one table's files for one period in {@code bronze.<source>_<table>}: every row as text,
 * identifiers already pseudonymised, with lineage. Replaces exactly that period (one commit); input
 * identical to what is already loaded (same fingerprint) is skipped, so a rerun changes nothing.
 */
public final class BronzeIngest {
  private final Warehouse warehouse;
  private final LandingFolder landing;
  private final Pseudonymiser pseudonymiser;
  private final String runId;

  public BronzeIngest(
      Warehouse warehouse, LandingFolder landing, Pseudonymiser pseudonymiser, String runId) {
    this.warehouse = warehouse;
    this.landing = landing;
    this.pseudonymiser = pseudonymiser;
    this.runId = runId;
  }

  /** What one table's load did. */
  public record Result(
      LandingTableSpec spec,
      List<Path> files,
      List<Path> strayFiles,
      String fingerprint,
      boolean skipped,
      long rows) {
    public boolean landed() {
      return !files.isEmpty();
    }
  }

  /** The bronze partition value for {@code spec} in {@code period}. */
  public static String partition(LandingTableSpec spec, Period period) {
    return spec.period() == PeriodType.NONE ? Lineage.NO_PERIOD : period.toString();
  }

  /** The condition selecting {@code spec}'s bronze and silver rows for {@code period}. */
  public static String partitionCondition(LandingTableSpec spec, Period period) {
    return "`" + Lineage.PERIOD + "` = '" + partition(spec, period) + "'";
  }

  /** One table's files for a period, each header already checked against the schema. */
  public record Checked(
      LandingTableSpec spec,
      Period period,
      List<Path> files,
      List<Path> strayFiles,
      List<LandingFile> opened) {}

  /**
   * Finds the table's files for the period and checks each header against the schema, writing
   * nothing: callers check every table first so that a bad file stops a run before any load.
   *
   * @throws LandingFileException naming the file and the fix
   */
  public Checked check(LandingTableSpec spec, Period period) {
    List<Path> files = landing.csvFiles(spec, period);
    List<LandingFile> opened = new ArrayList<>();
    for (Path file : files) {
      opened.add(LandingCsv.open(file, landing.relative(file), spec));
    }
    return new Checked(spec, period, files, landing.strayFiles(spec, period), opened);
  }

  /**
   * Loads checked files into bronze, unless bronze already holds exactly this input. Cost: one read
   * of the files for the fingerprint, one parse to write.
   */
  public Result load(Checked checked) {
    LandingTableSpec spec = checked.spec();
    Period period = checked.period();
    List<Path> files = checked.files();
    List<Path> stray = checked.strayFiles();
    List<LandingFile> opened = checked.opened();
    if (files.isEmpty()) {
      return new Result(spec, files, stray, null, false, 0);
    }
    String fingerprint = InputFingerprint.of(files, landing, pseudonymiser.keyId());
    Table table = Table.bronze(spec.warehouseName());
    String partition = partition(spec, period);
    String condition = partitionCondition(spec, period);
    if (alreadyLoaded(table, condition, fingerprint)) {
      long rows = warehouse.read(table).where(condition).count();
      return new Result(spec, files, stray, fingerprint, true, rows);
    }
    warehouse
        .spark()
        .sparkContext()
        .setJobDescription(
            "bronze " + spec.id() + " " + partition + " (" + files.size() + " files)");
    Dataset<Row> rows = read(spec, opened);
    Dataset<Row> withLineage =
        rows.withColumn(Lineage.RUN_ID, lit(runId))
            .withColumn(Lineage.INGESTED_AT, lit(Timestamp.from(Instant.now())))
            .withColumn(Lineage.PERIOD, lit(partition))
            .withColumn(Lineage.FINGERPRINT, lit(fingerprint));
    warehouse.replace(table, withLineage, condition, Lineage.PERIOD);
    warehouse.spark().sparkContext().setJobDescription(null);
    return new Result(
        spec, files, stray, fingerprint, false, warehouse.rowsWrittenByLastCommit(table));
  }

  private boolean alreadyLoaded(Table table, String condition, String fingerprint) {
    if (!warehouse.exists(table)) {
      return false;
    }
    List<Row> loaded =
        warehouse
            .read(table)
            .where(condition)
            .select(Lineage.FINGERPRINT)
            .distinct()
            .collectAsList();
    return loaded.size() == 1 && fingerprint.equals(loaded.get(0).getString(0));
  }

  /** The files' rows as a DataFrame, one Spark task per file. */
  private Dataset<Row> read(LandingTableSpec spec, List<LandingFile> files) {
    LandingCsv csv = new LandingCsv(spec, pseudonymiser);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(files, files.size()).flatMap(csv::rows);
    return warehouse.spark().createDataFrame(rows, textSchema(spec));
  }

  /** Bronze's schema before lineage: every declared column as text, then file and line. */
  public static StructType textSchema(LandingTableSpec spec) {
    StructType schema = new StructType();
    for (String column : spec.columnNames()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema
        .add(Lineage.SOURCE_FILE, DataTypes.StringType, false)
        .add(Lineage.LINE, DataTypes.LongType, false);
  }
}
