package org.mhcs.warehouse;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.mhcs.conf.Settings;
import org.mhcs.spark.Sessions;

/**
 * Compares two warehouses built from the same input, table by table and row by row (duplicates
 * counted, doubles to the last bit), leaving out only the columns that name the run ({@link
 * #PER_RUN}) and {@code ops.run_log}, a record of runs rather than of data. It proves, for example,
 * that a run on a cluster wrote what a local run wrote. Cost: each table is read twice per side and
 * shuffled by Spark's EXCEPT ALL.
 */
public final class WarehouseComparison {
  /**
   * Columns whose values differ between two runs of the same input by design, and why:
   *
   * <ul>
   *   <li>{@code _run_id}, {@code run_id}: the id of the run that wrote the row (bronze and silver
   *       lineage, quarantine, loaded files, gold);
   *   <li>{@code _ingested_at}, {@code validated_at}: when the row was written;
   *   <li>{@code input_versions}: the Delta versions of the tables a gold row was computed from; a
   *       killed run's commits or a rerun raise them while the data stays the same.
   * </ul>
   */
  public static final List<String> PER_RUN =
      List.of("_run_id", "run_id", "_ingested_at", "validated_at", "input_versions");

  /** How many of a table's differing rows each side shows. */
  private static final int SHOWN_DIFFERENCES = 10;

  /**
   * One table of both warehouses: its row counts, and the rows only one side holds (counted with
   * duplicates; at most {@link #SHOWN_DIFFERENCES} of each shown). A side without the table has -1
   * rows.
   */
  public record TableComparison(
      String table,
      long expectedRows,
      long actualRows,
      long onlyExpected,
      long onlyActual,
      List<String> onlyExpectedShown,
      List<String> onlyActualShown) {
    public boolean same() {
      return expectedRows >= 0 && actualRows >= 0 && onlyExpected == 0 && onlyActual == 0;
    }
  }

  private WarehouseComparison() {}

  /** Every table either warehouse holds but {@code ops.run_log}, in layer and name order. */
  public static List<TableComparison> compare(Warehouse expected, Warehouse actual) {
    TreeSet<Table> tables =
        new TreeSet<>(
            (a, b) ->
                a.layer() != b.layer()
                    ? a.layer().compareTo(b.layer())
                    : a.name().compareTo(b.name()));
    tables.addAll(expected.tables());
    tables.addAll(actual.tables());
    tables.remove(Table.RUN_LOG);
    List<TableComparison> result = new ArrayList<>();
    for (Table t : tables) {
      result.add(compare(t, expected, actual));
    }
    return result;
  }

  private static TableComparison compare(Table table, Warehouse expected, Warehouse actual) {
    if (!expected.exists(table) || !actual.exists(table)) {
      long e = expected.exists(table) ? expected.read(table).count() : -1;
      long a = actual.exists(table) ? actual.read(table).count() : -1;
      return new TableComparison(table.qualifiedName(), e, a, 0, 0, List.of(), List.of());
    }
    Dataset<Row> e = comparable(expected.read(table));
    Dataset<Row> a = comparable(actual.read(table));
    // Both sides in one column order, so EXCEPT ALL matches columns by name, not position.
    a = a.selectExpr(quoted(e.columns()));
    Dataset<Row> onlyExpected = e.exceptAll(a);
    Dataset<Row> onlyActual = a.exceptAll(e);
    return new TableComparison(
        table.qualifiedName(),
        e.count(),
        a.count(),
        onlyExpected.count(),
        onlyActual.count(),
        shown(onlyExpected),
        shown(onlyActual));
  }

  /**
   * The table without the {@link #PER_RUN} columns, each map column (bronze's {@code _extra}) as
   * its entries sorted by key, since set operations refuse maps.
   */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    Dataset<Row> kept = table.drop(PER_RUN.toArray(String[]::new));
    for (StructField field : kept.schema().fields()) {
      if (field.dataType() instanceof MapType) {
        kept = kept.withColumn(field.name(), array_sort(map_entries(col(field.name()))));
      }
    }
    return kept;
  }

  private static String[] quoted(String[] columns) {
    String[] q = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      q[i] = "`" + columns[i].replace("`", "``") + "`";
    }
    return q;
  }

  /** Up to {@link #SHOWN_DIFFERENCES} rows as {@code column=value | …}, sorted. */
  private static List<String> shown(Dataset<Row> rows) {
    String[] columns = rows.columns();
    List<String> shown = new ArrayList<>();
    for (Row r : rows.limit(SHOWN_DIFFERENCES).collectAsList()) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < columns.length; i++) {
        s.append(i == 0 ? "" : " | ").append(columns[i]).append('=').append(r.get(i));
      }
      shown.add(s.toString());
    }
    shown.sort(null);
    return shown;
  }

  /**
   * {@code java … org.mhcs.warehouse.WarehouseComparison EXPECTED ACTUAL}: prints one line per
   * table (rows on each side, rows only one side holds) and the differing rows; exits 0 when every
   * table matches, 1 otherwise. Runs Spark locally as {@code conf/mhcs.properties} says.
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: WarehouseComparison EXPECTED_WAREHOUSE ACTUAL_WAREHOUSE");
      System.exit(2);
    }
    Path expectedDir = Path.of(args[0]);
    Path actualDir = Path.of(args[1]);
    Settings settings = Settings.load(Map.of());
    Warehouse expected = new Warehouse(Sessions.forWarehouse(expectedDir, settings), expectedDir);
    Warehouse actual = new Warehouse(expected.spark(), actualDir);
    List<TableComparison> tables = compare(expected, actual);
    System.out.printf(
        "%-42s %10s %10s %13s %12s%n",
        "table", "expected", "actual", "only_expected", "only_actual");
    long mismatches = 0;
    for (TableComparison t : tables) {
      System.out.printf(
          "%-42s %10d %10d %13d %12d%s%n",
          t.table(),
          t.expectedRows(),
          t.actualRows(),
          t.onlyExpected(),
          t.onlyActual(),
          t.same() ? "" : "  DIFFERS");
      mismatches += t.same() ? 0 : Math.max(1, t.onlyExpected() + t.onlyActual());
    }
    for (TableComparison t : tables) {
      if (!t.same()) {
        System.out.println("\n" + t.table() + " differs:");
        if (t.expectedRows() < 0 || t.actualRows() < 0) {
          System.out.println(
              "  the table is missing from " + (t.expectedRows() < 0 ? args[0] : args[1]));
        }
        t.onlyExpectedShown().forEach(r -> System.out.println("  only in " + args[0] + ": " + r));
        t.onlyActualShown().forEach(r -> System.out.println("  only in " + args[1] + ": " + r));
      }
    }
    System.out.printf(
        "%d tables compared, %d rows in the expected warehouse, %d mismatching rows%n",
        tables.size(),
        tables.stream().mapToLong(t -> Math.max(0, t.expectedRows())).sum(),
        mismatches);
    expected.spark().stop();
    System.exit(mismatches == 0 ? 0 : 1);
  }
}
