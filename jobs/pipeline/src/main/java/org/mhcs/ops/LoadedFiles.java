package org.mhcs.ops;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Warehouse;
import scala.collection.JavaConverters;

/**
 * {@code ops.loaded_files}: every landing file that reached silver, with its fingerprint, its
 * submitters and its reconciliation (rows read = accepted + quarantined). A file is recorded only
 * once its rows are validated and written, so a run that stopped part-way (or was refused) leaves
 * the file unrecorded and the next run loads it again.
 */
public final class LoadedFiles {
  public static final String SOURCE_TABLE = "source_table";
  public static final String PERIOD = "period";
  public static final String SOURCE_FILE = "source_file";
  public static final String FINGERPRINT = "fingerprint";
  public static final String SUBMITTERS = "submitters";
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_ACCEPTED = "rows_accepted";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String RUN_ID = "run_id";
  public static final String VALIDATED_AT = "validated_at";

  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE_TABLE, DataTypes.StringType, false)
          .add(PERIOD, DataTypes.StringType, false)
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(FINGERPRINT, DataTypes.StringType, false)
          .add(SUBMITTERS, DataTypes.createArrayType(DataTypes.StringType), false)
          .add(ROWS_READ, DataTypes.LongType, false)
          .add(ROWS_ACCEPTED, DataTypes.LongType, false)
          .add(ROWS_QUARANTINED, DataTypes.LongType, false)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(VALIDATED_AT, DataTypes.TimestampType, false);

  /** What is recorded of one file. */
  public record Entry(String fingerprint, List<String> submitters) {}

  private final Warehouse warehouse;

  /** Every record by table and period, read once per run (one row per landed file: small). */
  private Map<List<String>, Map<String, Entry>> records;

  public LoadedFiles(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** The files of {@code table} recorded for the period, by landing-relative path. */
  public synchronized Map<String, Entry> recorded(String table, ReportingWindow window) {
    if (records == null) {
      records = new HashMap<>();
      warehouse
          .readWhere(Table.LOADED_FILES, "true")
          .ifPresent(
              rows ->
                  rows.select(
                          col(SOURCE_TABLE),
                          col(PERIOD),
                          col(SOURCE_FILE),
                          col(FINGERPRINT),
                          col(SUBMITTERS))
                      .collectAsList()
                      .forEach(
                          r ->
                              records
                                  .computeIfAbsent(
                                      List.of(r.getString(0), r.getString(1)), k -> new HashMap<>())
                                  .put(r.getString(2), new Entry(r.getString(3), r.getList(4)))));
    }
    return records.getOrDefault(List.of(table, window.label()), Map.of());
  }

  /** One row to record: a file's reconciliation after its rows were validated. */
  public static Row row(
      String table,
      ReportingWindow window,
      String file,
      String fingerprint,
      List<String> submitters,
      long read,
      long accepted,
      long quarantined,
      String runId) {
    return RowFactory.create(
        table,
        window.label(),
        file,
        fingerprint,
        // Spark's Row encoder takes Scala sequences for array columns.
        JavaConverters.asScalaBuffer(submitters).toSeq(),
        read,
        accepted,
        quarantined,
        runId,
        Timestamp.from(Instant.now()));
  }

  /**
   * Replaces, in one commit, the records that {@code conditions} select (each from {@link
   * #filesCondition}) with {@code rows}.
   */
  public void replace(List<String> conditions, List<Row> rows) {
    if (conditions.isEmpty()) {
      return;
    }
    warehouse.replace(
        Table.LOADED_FILES,
        warehouse.spark().createDataFrame(rows, SCHEMA),
        "(" + String.join(") OR (", conditions) + ")",
        null);
  }

  /** Selects the records of {@code files} (all of the period's when null). */
  public static String filesCondition(String table, ReportingWindow window, List<String> files) {
    String condition = condition(table, window);
    return files == null ? condition : condition + " AND " + SqlText.in(SOURCE_FILE, files);
  }

  private static String condition(String table, ReportingWindow window) {
    return SqlText.in(SOURCE_TABLE, List.of(table)) + " AND " + window.predicate(PERIOD);
  }
}
