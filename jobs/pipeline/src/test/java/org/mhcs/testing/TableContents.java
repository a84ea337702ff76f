package org.mhcs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.schema.Table;
import org.mhcs.silver.DataQuality;
import org.mhcs.warehouse.Warehouse;
import org.mhcs.warehouse.WarehouseComparison;

/**
 * Every table of a warehouse as sorted rows of text (duplicates kept), for comparing two runs of
 * the same input row by row. Only the columns that name the run are left out, listed in {@link
 * #PER_RUN}; {@code ops.run_log}, a record of runs rather than of data, is compared by the tests
 * that need it.
 */
public final class TableContents {
  /** Columns whose values differ between two runs of the same input by design. */
  public static final List<String> PER_RUN = WarehouseComparison.PER_RUN;

  private TableContents() {}

  /** Every committed table but {@code ops.run_log}, by qualified name, as sorted rows. */
  public static Map<String, List<String>> of(Warehouse warehouse) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (Table t : warehouse.tables()) {
      if (!t.equals(Table.RUN_LOG)) {
        tables.put(t.qualifiedName(), rows(warehouse.read(t)));
      }
    }
    return tables;
  }

  /** The rows without the {@link #PER_RUN} columns, as text, sorted. */
  public static List<String> rows(Dataset<Row> table) {
    Dataset<Row> kept = table.drop(PER_RUN.toArray(String[]::new));
    String[] columns = kept.columns();
    List<String> rows = new ArrayList<>();
    for (Row r : kept.collectAsList()) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < columns.length; i++) {
        s.append(i == 0 ? "" : " | ").append(columns[i]).append('=').append(r.get(i));
      }
      rows.add(s.toString());
    }
    rows.sort(null);
    return rows;
  }

  /**
   * Fails naming every table whose rows differ, with the rows only one side has (counted with
   * duplicates), unless both warehouses hold the same tables with the same rows.
   */
  public static void assertSame(
      Map<String, List<String>> expected, Map<String, List<String>> actual) {
    List<String> problems = new ArrayList<>();
    if (!expected.keySet().equals(actual.keySet())) {
      problems.add("tables: expected " + expected.keySet() + ", got " + actual.keySet());
    }
    for (var e : expected.entrySet()) {
      List<String> got = actual.get(e.getKey());
      if (got != null && !got.equals(e.getValue())) {
        problems.add(e.getKey() + ": " + difference(e.getValue(), got));
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  /** The rows only one side has, each side's surplus counted with duplicates. */
  public static String difference(List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> extra = new ArrayList<>(actual);
    expected.forEach(extra::remove);
    return expected.size()
        + " rows expected, "
        + actual.size()
        + " got; missing "
        + missing
        + "; unexpected "
        + extra;
  }

  /** A data-quality row that the conform stage writes, after the silver stage wrote the others. */
  private static final Pattern UNMAPPED_MEASURE =
      Pattern.compile("(^| \\| )" + DataQuality.MEASURE + "=" + DataQuality.UNMAPPED + "( \\| |$)");

  /**
   * After an interrupted run: fails unless every table the warehouse lists can be read and holds
   * either none of the period's rows or exactly the uninterrupted run's ({@code ops.data_quality}
   * may also hold them without the conform stage's unmapped-code rows, which that stage writes in a
   * commit of its own), and {@code ops.run_log} says nothing of a finished run.
   *
   * @param baseline {@link #of} an uninterrupted run of the same input (one period)
   */
  public static void assertWholeOrAbsent(
      Warehouse warehouse, Map<String, List<String>> baseline, String when) {
    List<String> problems = new ArrayList<>();
    for (Table t : warehouse.tables()) {
      String name = t.qualifiedName();
      Dataset<Row> table;
      List<String> rows;
      try {
        table = warehouse.read(t);
        rows = rows(table);
      } catch (Exception e) {
        // Delta's AnalysisException is checked in Java's eyes but thrown all the same.
        problems.add(name + " cannot be read: " + e);
        continue;
      }
      if (t.equals(Table.RUN_LOG)) {
        if (!table.where("stage = 'finish' AND status = 'ok'").isEmpty()) {
          problems.add("ops.run_log claims a run finished");
        }
        continue;
      }
      List<String> whole = baseline.getOrDefault(name, List.of());
      List<String> silverOnly =
          whole.stream().filter(r -> !UNMAPPED_MEASURE.matcher(r).find()).toList();
      boolean complete =
          rows.isEmpty()
              || rows.equals(whole)
              || (t.equals(Table.DATA_QUALITY) && rows.equals(silverOnly));
      if (!complete) {
        problems.add(name + " holds part of the period: " + difference(whole, rows));
      }
    }
    if (!problems.isEmpty()) {
      fail(when + ":\n" + String.join("\n", problems));
    }
  }

  /** How many rows the tables hold in all. */
  public static long rowCount(Map<String, List<String>> tables) {
    return tables.values().stream().mapToLong(List::size).sum();
  }
}
