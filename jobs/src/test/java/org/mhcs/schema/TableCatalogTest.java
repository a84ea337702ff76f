package org.mhcs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.TableCatalog.ColumnDoc;
import org.mhcs.schema.TableCatalog.TableDoc;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * The catalogue BI users read ({@code ./mhcs tables}) must say exactly what the pipeline writes:
 * every table a run creates is declared, with the same columns in the same order and types.
 */
class TableCatalogTest {
  private static final TableCatalog CATALOG = TableCatalog.bundled(SchemaCatalog.bundled());

  @Test
  void everyTableARunWritesIsDeclaredWithItsColumnsAndTypes() {
    Warehouse warehouse = GoldenRuns.community();
    List<String> problems = new ArrayList<>();
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
    assertEquals(List.of(), problems, String.join("\n", problems));
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
