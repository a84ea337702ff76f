package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

class RejectToleranceTest {
  @Test
  void aFileRejectedBeyondToleranceFailsTheRunButKeepsItsQuarantine() {
    // contacts.csv has 4 bad rows of 19 = 21.1%, above the default tolerance of 5%.
    Warehouse warehouse = GoldenRuns.newWarehouse();
    DataRejectedException e =
        assertThrows(
            DataRejectedException.class, () -> GoldenRuns.run(warehouse, "community", Map.of()));
    assertTrue(
        e.getMessage().contains("contacts.csv: 21.1% of 19 rows quarantined"), e.getMessage());
    assertEquals(4, warehouse.read(Table.QUARANTINE).count());
    assertFalse(
        warehouse.exists(Table.silver("csds_cyp201carecontact")), "silver must not be written");
    assertFalse(warehouse.exists(Table.METRIC_VALUE), "gold must not be written");
    assertEquals(
        1, warehouse.read(Table.RUN_LOG).where("stage = 'finish' AND status = 'failed'").count());
  }
}
