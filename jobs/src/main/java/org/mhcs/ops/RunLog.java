package org.mhcs.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * What a run read, wrote and rejected, stage by stage and table by table: kept in memory during the
 * run, appended to {@code ops.run_log} in one commit at the end (also when the run fails), and
 * printed as one line per entry so a scheduler's log shows progress.
 */
public final class RunLog {
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, false)
          .add("stage", DataTypes.StringType, false)
          .add("table_name", DataTypes.StringType, true)
          .add("status", DataTypes.StringType, false)
          .add("files", DataTypes.IntegerType, true)
          .add("rows_read", DataTypes.LongType, true)
          .add("rows_written", DataTypes.LongType, true)
          .add("rows_quarantined", DataTypes.LongType, true)
          .add("detail", DataTypes.StringType, true)
          .add("seconds", DataTypes.DoubleType, true)
          .add("logged_at", DataTypes.TimestampType, false);

  private final String runId;
  private final String period;
  private final List<Row> rows = new ArrayList<>();
  private final java.util.function.Consumer<String> out;

  public RunLog(String runId, String period, java.util.function.Consumer<String> out) {
    this.runId = runId;
    this.period = period;
    this.out = out;
  }

  /** One entry; counts may be null where they do not apply. */
  public void record(
      String stage,
      String table,
      String status,
      Integer files,
      Long read,
      Long written,
      Long quarantined,
      String detail,
      double seconds) {
    rows.add(
        RowFactory.create(
            runId,
            period,
            stage,
            table,
            status,
            files,
            read,
            written,
            quarantined,
            detail,
            seconds,
            Timestamp.from(Instant.now())));
    StringBuilder line = new StringBuilder();
    line.append(String.format("%-13s %-36s %-8s", stage, table == null ? "" : table, status));
    if (files != null) {
      line.append(String.format(" files=%d", files));
    }
    if (read != null) {
      line.append(String.format(" read=%,d", read));
    }
    if (written != null) {
      line.append(String.format(" written=%,d", written));
    }
    if (quarantined != null) {
      line.append(String.format(" quarantined=%,d", quarantined));
    }
    line.append(String.format(" %.1fs", seconds));
    if (detail != null && !detail.isEmpty()) {
      line.append("  ").append(detail);
    }
    out.accept(line.toString());
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Appends the entries to {@code ops.run_log} (one commit). */
  public void save(Warehouse warehouse) {
    if (!rows.isEmpty()) {
      warehouse.append(Table.RUN_LOG, warehouse.spark().createDataFrame(rows, SCHEMA));
    }
  }
}
