package org.mhcs.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.schema.Table;
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
          .add("logged_at", DataTypes.TimestampType, false)
          // Last, so a warehouse from before it gains the column where a new one has it.
          .add("fields_quarantined", DataTypes.LongType, true);

  /**
   * One line of the log. Counts are null where they do not apply; build with {@link #of} and the
   * withers, e.g. {@code Entry.of("silver", table, "ok").written(n).since(start)}.
   */
  public record Entry(
      String stage,
      String table,
      String status,
      Integer files,
      Long read,
      Long written,
      Long quarantined,
      Long fieldsQuarantined,
      String detail,
      double seconds) {
    public static Entry of(String stage, Object table, String status) {
      return new Entry(
          stage,
          table == null ? null : table.toString(),
          status,
          null,
          null,
          null,
          null,
          null,
          null,
          0);
    }

    public Entry files(int n) {
      return new Entry(
          stage, table, status, n, read, written, quarantined, fieldsQuarantined, detail, seconds);
    }

    public Entry read(long n) {
      return new Entry(
          stage, table, status, files, n, written, quarantined, fieldsQuarantined, detail, seconds);
    }

    public Entry written(long n) {
      return new Entry(
          stage, table, status, files, read, n, quarantined, fieldsQuarantined, detail, seconds);
    }

    public Entry quarantined(long n) {
      return new Entry(
          stage, table, status, files, read, written, n, fieldsQuarantined, detail, seconds);
    }

    /** Fields nulled in kept rows (tables judged by field). */
    public Entry fieldsQuarantined(long n) {
      return new Entry(stage, table, status, files, read, written, quarantined, n, detail, seconds);
    }

    public Entry detail(String text) {
      return new Entry(
          stage,
          table,
          status,
          files,
          read,
          written,
          quarantined,
          fieldsQuarantined,
          text,
          seconds);
    }

    /** The time since {@code startNanos} ({@link System#nanoTime}). */
    public Entry since(long startNanos) {
      double s = (System.nanoTime() - startNanos) / 1e9;
      return new Entry(
          stage, table, status, files, read, written, quarantined, fieldsQuarantined, detail, s);
    }

    String line() {
      StringBuilder line = new StringBuilder();
      line.append(String.format("%-13s %-36s %-9s", stage, table == null ? "" : table, status));
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
      if (fieldsQuarantined != null) {
        line.append(String.format(" fields_quarantined=%,d", fieldsQuarantined));
      }
      line.append(String.format(" %.1fs", seconds));
      if (detail != null && !detail.isEmpty()) {
        line.append("  ").append(detail);
      }
      return line.toString();
    }
  }

  private final String runId;
  private final String period;
  private final List<Row> rows = new ArrayList<>();
  private final Consumer<String> out;

  public RunLog(String runId, String period, Consumer<String> out) {
    this.runId = runId;
    this.period = period;
    this.out = out;
  }

  /** Records and prints one entry; tables worked on side by side record from their own threads. */
  public synchronized void record(Entry e) {
    rows.add(
        RowFactory.create(
            runId,
            period,
            e.stage(),
            e.table(),
            e.status(),
            e.files(),
            e.read(),
            e.written(),
            e.quarantined(),
            e.detail(),
            e.seconds(),
            Timestamp.from(Instant.now()),
            e.fieldsQuarantined()));
    out.accept(e.line());
  }

  public String runId() {
    return runId;
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Appends the entries to {@code ops.run_log} (one commit). */
  public synchronized void save(Warehouse warehouse) {
    if (!rows.isEmpty()) {
      warehouse.append(Table.RUN_LOG, warehouse.spark().createDataFrame(rows, SCHEMA));
    }
  }
}
