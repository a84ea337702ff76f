package org.mhcs.warehouse;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.mhcs.conf.Settings;
import org.mhcs.schema.Table;
import org.mhcs.spark.Sessions;
import org.mhcs.spark.SideBySide;
import org.mhcs.storage.Location;

/**
 * Compares two warehouses built from the same input, table by table and row by row (duplicates
 * counted, doubles to the last bit), leaving out only the columns that name the run ({@link
 * #PER_RUN}) and {@code ops.run_log}, a record of runs rather than of data. It proves, for example,
 * that a run on a cluster wrote what a local run wrote. Cost: one aggregate per table, both sides
 * read once and shuffled together by the whole row.
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

  /** Working columns: how many times each side holds a row, and one side's surplus. */
  private static final String EXPECTED_N = "__mhcs_expected_n";

  private static final String ACTUAL_N = "__mhcs_actual_n";
  private static final String SURPLUS = "__mhcs_surplus";

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
    return compare(expected, actual, 1);
  }

  /**
   * As {@link #compare(Warehouse, Warehouse)}, {@code sideBySide} tables at once ({@link
   * SideBySide}): most tables are small, and one's planning and commits leave a core idle that
   * another's tasks can use.
   */
  public static List<TableComparison> compare(
      Warehouse expected, Warehouse actual, int sideBySide) {
    TreeSet<Table> tables =
        new TreeSet<>(
            (a, b) ->
                a.layer() != b.layer()
                    ? a.layer().compareTo(b.layer())
                    : a.name().compareTo(b.name()));
    tables.addAll(expected.tables());
    tables.addAll(actual.tables());
    tables.remove(Table.RUN_LOG);
    try (SideBySide compared = new SideBySide(expected.spark().sparkContext(), sideBySide)) {
      return SideBySide.join(
          tables.stream()
              .map(t -> compared.submit(t.qualifiedName(), () -> compare(t, expected, actual)))
              .toList());
    }
  }

  private static TableComparison compare(Table table, Warehouse expected, Warehouse actual) {
    if (!expected.exists(table) || !actual.exists(table)) {
      long e = expected.exists(table) ? expected.read(table).count() : -1;
      long a = actual.exists(table) ? actual.read(table).count() : -1;
      return new TableComparison(table.qualifiedName(), e, a, 0, 0, List.of(), List.of());
    }
    Dataset<Row> e = comparable(expected.read(table));
    // Both sides in one column order, so the union matches columns by name, not position.
    Dataset<Row> a = comparable(actual.read(table)).selectExpr(quoted(e.columns()));
    Column[] columns = Stream.of(e.columns()).map(c -> col(quoted(c))).toArray(Column[]::new);
    // Each distinct row with how often each side holds it: one shuffle of both sides, where EXCEPT
    // ALL both ways and the counts took six passes. A row held n times on one side and m on the
    // other is max(n - m, 0) rows only on the first: EXCEPT ALL's multiset difference.
    Dataset<Row> counted =
        e.select(withSide(columns, 1, 0))
            .union(a.select(withSide(columns, 0, 1)))
            .groupBy(columns)
            .agg(sum(EXPECTED_N).as(EXPECTED_N), sum(ACTUAL_N).as(ACTUAL_N));
    Column onlyExpected = greatest(col(EXPECTED_N).minus(col(ACTUAL_N)), lit(0L));
    Column onlyActual = greatest(col(ACTUAL_N).minus(col(EXPECTED_N)), lit(0L));
    Row totals =
        counted
            .agg(
                coalesce(sum(EXPECTED_N), lit(0L)),
                coalesce(sum(ACTUAL_N), lit(0L)),
                coalesce(sum(onlyExpected), lit(0L)),
                coalesce(sum(onlyActual), lit(0L)))
            .head();
    long nOnlyExpected = totals.getLong(2);
    long nOnlyActual = totals.getLong(3);
    return new TableComparison(
        table.qualifiedName(),
        totals.getLong(0),
        totals.getLong(1),
        nOnlyExpected,
        nOnlyActual,
        nOnlyExpected == 0 ? List.of() : shown(counted, onlyExpected, e.columns()),
        nOnlyActual == 0 ? List.of() : shown(counted, onlyActual, e.columns()));
  }

  /** The row's columns and how many times each side holds it (1 and 0, or 0 and 1). */
  private static Column[] withSide(Column[] columns, long expectedN, long actualN) {
    Column[] withSide = Arrays.copyOf(columns, columns.length + 2);
    withSide[columns.length] = lit(expectedN).as(EXPECTED_N);
    withSide[columns.length + 1] = lit(actualN).as(ACTUAL_N);
    return withSide;
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
    return Stream.of(columns).map(WarehouseComparison::quoted).toArray(String[]::new);
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /**
   * Up to {@link #SHOWN_DIFFERENCES} of the rows one side holds more often ({@code surplus} > 0) as
   * {@code column=value | …}, sorted; a row held k times more is shown once, followed by {@code
   * (×k)}.
   */
  private static List<String> shown(Dataset<Row> counted, Column surplus, String[] columns) {
    List<String> shown = new ArrayList<>();
    Dataset<Row> rows = counted.withColumn(SURPLUS, surplus).where(col(SURPLUS).gt(0));
    for (Row r : rows.limit(SHOWN_DIFFERENCES).collectAsList()) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < columns.length; i++) {
        s.append(i == 0 ? "" : " | ").append(columns[i]).append('=').append(r.get(i));
      }
      long times = r.getLong(r.fieldIndex(SURPLUS));
      shown.add(times == 1 ? s.toString() : s + " (×" + times + ")");
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
    if (args.length < 2) {
      System.err.println(
          "usage: WarehouseComparison EXPECTED_WAREHOUSE ACTUAL_WAREHOUSE [fs.KEY=VALUE ...]"
              + " (either may be a URI such as s3a://bucket/prefix; credentials from Hadoop's"
              + " provider chain, e.g. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
      System.exit(2);
    }
    Location expectedDir = location(args[0]);
    Location actualDir = location(args[1]);
    Map<String, String> storage = new java.util.LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      storage.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    Settings settings = Settings.load(storage);
    Warehouse expected = new Warehouse(Sessions.forWarehouse(expectedDir, settings), expectedDir);
    Warehouse actual = new Warehouse(expected.spark(), actualDir);
    org.apache.hadoop.conf.Configuration hadoop =
        expected.spark().sparkContext().hadoopConfiguration();
    // The run's rule for compiling queries, on the bytes compared rather than landed.
    System.err.println(
        "comparing "
            + Sessions.generateCodeFor(
                expected.spark(),
                "warehouses",
                Warehouse.bytesUnder(expectedDir, hadoop) + Warehouse.bytesUnder(actualDir, hadoop),
                settings.get(Settings.GENERATED_CODE_FROM_MIB)));
    List<TableComparison> tables =
        compare(expected, actual, settings.get(Settings.TABLES_SIDE_BY_SIDE));
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

  private static Location location(String arg) {
    return Location.isUri(arg) ? Location.remote(arg) : Location.local(Path.of(arg));
  }
}
