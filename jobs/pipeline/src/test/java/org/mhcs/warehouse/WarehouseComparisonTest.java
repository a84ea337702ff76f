package org.mhcs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.Layer;
import org.mhcs.schema.Table;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.WarehouseComparison.TableComparison;

class WarehouseComparisonTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("org", DataTypes.StringType)
          .add("value", DataTypes.DoubleType)
          .add("_extra", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("run_id", DataTypes.StringType);

  private static final Table T = new Table(Layer.SILVER, "t");
  private static final Table ONLY_EXPECTED = new Table(Layer.GOLD, "only_expected");

  @Test
  void countsRowsOnlyOneSideHoldsWithDuplicatesAsExceptAllDoes() {
    SparkSession spark = SharedSpark.session();
    Warehouse expected = new Warehouse(spark, SharedSpark.newFolder("cmp-expected-"));
    Warehouse actual = new Warehouse(spark, SharedSpark.newFolder("cmp-actual-"));
    double third = 1.0 / 3;
    // Expected: A (twice), B, C with 1/3, a null row; actual: A once, B, C with 1/3 one bit up,
    // D, the null row. Extra-map keys in another order and other run ids are the same row.
    write(
        expected,
        T,
        List.of(
            row("A", 1.0, Map.of("x", "1", "y", "2"), "run-1"),
            row("A", 1.0, Map.of("x", "1", "y", "2"), "run-1"),
            row("B", 2.0, Map.of(), "run-1"),
            row("C", third, Map.of(), "run-1"),
            row(null, null, null, "run-1")));
    write(
        actual,
        T,
        List.of(
            row("A", 1.0, Map.of("y", "2", "x", "1"), "run-2"),
            row("B", 2.0, Map.of(), "run-2"),
            row("C", Math.nextUp(third), Map.of(), "run-2"),
            row("D", 4.0, Map.of(), "run-2"),
            row(null, null, null, "run-2")));
    write(expected, ONLY_EXPECTED, List.of(row("A", 1.0, Map.of(), "run-1")));

    List<TableComparison> tables = WarehouseComparison.compare(expected, actual);

    assertEquals(2, tables.size());
    TableComparison t = tables.get(0);
    assertEquals("silver.t", t.table());
    assertEquals(5, t.expectedRows());
    assertEquals(5, t.actualRows());
    // Only expected: the second A and C at 1/3; only actual: C one bit up and D.
    assertEquals(2, t.onlyExpected());
    assertEquals(2, t.onlyActual());
    assertFalse(t.same());
    // The same counts by the second method, Spark's EXCEPT ALL on the compared columns.
    Dataset<Row> e = comparableByHand(expected.read(T));
    Dataset<Row> a = comparableByHand(actual.read(T));
    assertEquals(e.exceptAll(a).count(), t.onlyExpected());
    assertEquals(a.exceptAll(e).count(), t.onlyActual());
    // Shown sorted, run ids left out.
    assertEquals(
        List.of("org=A | value=1.0 | _extra=", "org=C | value=" + third + " | _extra="),
        t.onlyExpectedShown().stream().map(s -> s.substring(0, s.indexOf("_extra=") + 7)).toList());
    assertEquals(
        List.of(
            "org=C | value=" + Math.nextUp(third) + " | _extra=", "org=D | value=4.0 | _extra="),
        t.onlyActualShown().stream().map(s -> s.substring(0, s.indexOf("_extra=") + 7)).toList());

    TableComparison missing = tables.get(1);
    assertEquals("gold.only_expected", missing.table());
    assertEquals(1, missing.expectedRows());
    assertEquals(-1, missing.actualRows());
    assertFalse(missing.same());
  }

  @Test
  void aRowHeldMoreOftenOnOneSideIsShownOnceWithHowManyMore() {
    SparkSession spark = SharedSpark.session();
    Warehouse expected = new Warehouse(spark, SharedSpark.newFolder("cmp-expected-"));
    Warehouse actual = new Warehouse(spark, SharedSpark.newFolder("cmp-actual-"));
    write(
        expected,
        T,
        List.of(
            row("A", 1.0, Map.of(), "r"),
            row("A", 1.0, Map.of(), "r"),
            row("A", 1.0, Map.of(), "r")));
    write(actual, T, List.of(row("A", 1.0, Map.of(), "s")));

    TableComparison t = WarehouseComparison.compare(expected, actual).get(0);

    assertEquals(3, t.expectedRows());
    assertEquals(1, t.actualRows());
    assertEquals(2, t.onlyExpected());
    assertEquals(0, t.onlyActual());
    assertEquals(1, t.onlyExpectedShown().size());
    assertTrue(t.onlyExpectedShown().get(0).endsWith(" (×2)"), t.onlyExpectedShown().get(0));
    assertEquals(List.of(), t.onlyActualShown());
  }

  private static Row row(String org, Double value, Map<String, String> extra, String runId) {
    return RowFactory.create(
        org,
        value,
        extra == null ? null : scala.collection.JavaConverters.mapAsScalaMap(extra),
        runId);
  }

  private static void write(Warehouse warehouse, Table table, List<Row> rows) {
    warehouse.append(table, warehouse.spark().createDataFrame(rows, SCHEMA).repartition(2));
  }

  /** The compared columns worked out separately: run id dropped, the map as sorted entries. */
  private static Dataset<Row> comparableByHand(Dataset<Row> table) {
    return table.selectExpr("org", "value", "array_sort(map_entries(_extra)) AS _extra");
  }
}
