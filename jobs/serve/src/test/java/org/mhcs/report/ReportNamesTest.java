package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.schema.Table;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * The report names each organisation as gold.dim_organisation's row in force in the report's period
 * does.
 */
class ReportNamesTest {
  @Test
  void namesAreThoseInForceOnThePeriodsFirstDayElseTheLatest() {
    Warehouse warehouse = GoldenRuns.newWarehouse();
    StructType schema =
        new StructType()
            .add(Columns.ORG_CODE, DataTypes.StringType)
            .add(Columns.ORG_NAME, DataTypes.StringType)
            .add(Columns.VALID_FROM, DataTypes.DateType)
            .add(Columns.VALID_TO, DataTypes.DateType);
    // A01 renamed from the July 2024 snapshot; A02 known only from July.
    List<Row> rows =
        List.of(
            RowFactory.create("A01", "Old Name NHS Trust", date("2024-01-01"), date("2024-07-01")),
            RowFactory.create("A01", "New Name NHS Trust", date("2024-07-01"), null),
            RowFactory.create("A02", "Later NHS Trust", date("2024-07-01"), null));
    warehouse.replace(
        Table.DIM_ORGANISATION, warehouse.spark().createDataFrame(rows, schema), "true", null);

    assertEquals(
        Map.of("A01", "Old Name NHS Trust", "A02", "Later NHS Trust"),
        ReportData.orgNames(warehouse, Period.parse("2024-06")));
    assertEquals(
        Map.of("A01", "New Name NHS Trust", "A02", "Later NHS Trust"),
        ReportData.orgNames(warehouse, Period.parse("2024-07")));
    // Before any snapshot: nothing in force, so the latest names.
    assertEquals(
        Map.of("A01", "New Name NHS Trust", "A02", "Later NHS Trust"),
        ReportData.orgNames(warehouse, Period.parse("2023-12")));
  }

  private static Date date(String iso) {
    return Date.valueOf(iso);
  }
}
