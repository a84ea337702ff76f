package org.mhcs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mhcs.generate.GeneratedMonthRun;
import org.mhcs.schema.TableCatalog.ColumnDoc;
import org.mhcs.schema.TableCatalog.TableDoc;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * The catalogue BI users read ({@code ./mhcs tables}) must say exactly what the pipeline writes:
 * every table a run creates is declared, with the same columns in the same order and types.
 */
@Order(Scheduling.READS_DEMO_MONTH)
class TableCatalogTest {
  private static final TableCatalog CATALOG = TableCatalog.bundled(SchemaCatalog.bundled());

  /**
   * Checked on two runs: golden/community (CSDS and ESR only) and the generated month (every
   * source, so wards, sites and purchases are conformed too).
   */
  @Test
  void everyTableARunWritesIsDeclaredWithItsColumnsAndTypes() {
    List<String> problems = new ArrayList<>();
    check(GoldenRuns.community(), problems);
    check(GeneratedMonthRun.warehouse(), problems);
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  private static void check(Warehouse warehouse, List<String> problems) {
    for (Table table : warehouse.tables()) {
      List<String> actual = new ArrayList<>();
      for (StructField f : warehouse.read(table).schema().fields()) {
        actual.add(f.name() + " " + f.dataType().simpleString());
      }
      List<String> declared =
          CATALOG
              .table(table.qualifiedName())
              .map(t -> t.columns().stream().map(c -> c.name() + " " + c.type()).toList())
              .orElse(List.of());
      if (!declared.equals(actual)) {
        problems.add(table + "\n  declared " + declared + "\n  written  " + actual);
      }
    }
  }

  /**
   * A gold table holds many periods, and a run replaces its month and financial year.
   * Unpartitioned, one file could hold a later month beside the year's rows, and reloading an
   * earlier month of that year would rewrite it: the 12-month bench found six such files before
   * gold was partitioned. The dimensions ({@link Table#DIMENSIONS}), rewritten whole, are not.
   */
  @Test
  void everyGoldTableIsPartitionedByPeriodSoAReloadRewritesOnlyItsPeriodsFiles() {
    Warehouse warehouse = GeneratedMonthRun.warehouse();
    List<String> gold = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Table table : warehouse.tables()) {
      if (table.layer() != Layer.GOLD) {
        continue;
      }
      gold.add(table.qualifiedName());
      if (Table.DIMENSIONS.contains(table)) {
        // Dimensions are rewritten whole, a few hundred rows: nothing to partition.
        continue;
      }
      Row detail =
          SharedSpark.session()
              .sql("DESCRIBE DETAIL delta.`" + warehouse.path(table) + "`")
              .first();
      List<String> partitionColumns = detail.getList(detail.fieldIndex("partitionColumns"));
      if (!partitionColumns.equals(List.of(Columns.PERIOD))) {
        problems.add(table + " is partitioned by " + partitionColumns);
      }
    }
    // A run with every source writes every gold table the catalogue declares.
    assertEquals(
        CATALOG.tables().stream()
            .map(TableDoc::table)
            .filter(t -> t.layer() == Layer.GOLD)
            .map(Table::qualifiedName)
            .sorted()
            .toList(),
        gold.stream().sorted().toList());
    assertEquals(List.of(), problems);
  }

  @Test
  void everyDeclaredColumnIsDescribed() {
    for (TableDoc t : CATALOG.tables()) {
      assertTrue(!t.description().isBlank(), t.table() + " has no description");
      for (ColumnDoc c : t.columns()) {
        assertTrue(!c.description().isBlank(), t.table() + "." + c.name() + " has no description");
      }
    }
  }
}
