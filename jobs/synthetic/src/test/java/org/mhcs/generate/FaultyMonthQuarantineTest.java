package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * A generated month with faults injected on purpose: the pipeline must quarantine exactly the rows
 * the generator broke, under the rule it broke, and every file must reconcile. The generator's own
 * account ({@link GeneratedLanding#faults}) is the independent answer.
 */
@Order(Scheduling.SLOW_ON_ITS_OWN)
class FaultyMonthQuarantineTest {
  private static GeneratedLanding generated;
  private static LandingLoads.Loaded loaded;
  private static Warehouse warehouse;

  @BeforeAll
  static void loadAFaultyMonth() {
    Path landing = SharedSpark.newFolder("faulty-landing-");
    generated = SyntheticLanding.write(landing, YearMonth.of(2024, 6), 0.01, 11, 0.02);
    warehouse = GoldenRuns.newWarehouse();
    loaded =
        LandingLoads.load(warehouse, SchemaCatalog.bundled(), landing, Period.parse("2024-06"));
  }

  @Test
  void quarantineHoldsExactlyTheInjectedFaultsByTableAndRule() {
    assertTrue(generated.faultCount() > 100, "enough faults to mean something");
    // A fault quarantines its row, or, in a table judged by field (the annual returns), the
    // field alone: together they are what was injected.
    Map<String, Map<String, Long>> quarantined = new TreeMap<>();
    for (Table t : List.of(Table.QUARANTINE, Table.QUARANTINED_FIELDS)) {
      for (Row r : warehouse.read(t).groupBy("source_table", "rule").count().collectAsList()) {
        quarantined
            .computeIfAbsent(r.getString(0), table -> new TreeMap<>())
            .merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    assertEquals(generated.faults(), quarantined);
    SchemaCatalog schemas = SchemaCatalog.bundled();
    for (Row r :
        warehouse
            .read(Table.QUARANTINED_FIELDS)
            .select("source_table")
            .distinct()
            .collectAsList()) {
      assertTrue(schemas.table(r.getString(0)).judgedByField(), r.getString(0));
    }
    // One rule each, as injected: no row's all_rules lists two.
    assertEquals(0, warehouse.read(Table.QUARANTINE).where("all_rules LIKE '%,%'").count());
  }

  @Test
  void everyFileReconcilesWithWhatWasWritten() {
    Map<String, Long> readPerTable = new TreeMap<>();
    for (FileCounts f : loaded.files()) {
      assertEquals(f.read(), f.accepted() + f.quarantined(), f.file());
      readPerTable.merge(f.table(), f.read(), Long::sum);
    }
    // Every data row the generator wrote was read, table by table (header rows excluded).
    assertEquals(generated.rowsPerTable(), readPerTable);
    Row totals =
        warehouse
            .read(Table.LOADED_FILES)
            .selectExpr("sum(rows_read)", "sum(rows_accepted)", "sum(rows_quarantined)", "count(*)")
            .first();
    long written = generated.totalRows();
    // Each injected fault breaks one field of one row: a field nulled leaves its row accepted.
    long fields = warehouse.read(Table.QUARANTINED_FIELDS).count();
    assertEquals(fields, loaded.files().stream().mapToLong(FileCounts::fieldsQuarantined).sum());
    assertEquals(written, totals.getLong(0));
    assertEquals(written - generated.faultCount() + fields, totals.getLong(1));
    assertEquals(generated.faultCount() - fields, totals.getLong(2));
    assertEquals(loaded.files().size(), totals.getLong(3));
  }
}
