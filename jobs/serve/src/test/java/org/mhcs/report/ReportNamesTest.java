package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.dimensions.Names;
import org.mhcs.dimensions.Names.Membership;
import org.mhcs.schema.Table;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * The report names each organisation, and places it in its ICB and region, as
 * gold.dim_organisation's row in force in the report's period does.
 */
class ReportNamesTest {
  private static Warehouse names;

  @Test
  void namesAreThoseInForceOnThePeriodsFirstDayElseTheLatest() {
    Warehouse warehouse = namesWarehouse();

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

  /** A gold.dim_organisation of two organisations, written once for both tests. */
  private static synchronized Warehouse namesWarehouse() {
    if (names != null) {
      return names;
    }
    Warehouse warehouse = GoldenRuns.newWarehouse();
    StructType schema =
        new StructType()
            .add(Columns.ORG_CODE, DataTypes.StringType)
            .add(Columns.ORG_NAME, DataTypes.StringType)
            .add(Columns.REGION_CODE, DataTypes.StringType)
            .add(Columns.REGION_NAME, DataTypes.StringType)
            .add(Columns.ICB_CODE, DataTypes.StringType)
            .add(Columns.ICB_NAME, DataTypes.StringType)
            .add(Columns.VALID_FROM, DataTypes.DateType)
            .add(Columns.VALID_TO, DataTypes.DateType);
    // A01 renamed, and moved from ICB QA1 to QB2, from the July 2024 snapshot; A02 known only from
    // July.
    List<Row> rows =
        List.of(
            RowFactory.create(
                "A01",
                "Old Name NHS Trust",
                "Y56",
                "London",
                "QA1",
                "NHS North ICB",
                date("2024-01-01"),
                date("2024-07-01")),
            RowFactory.create(
                "A01",
                "New Name NHS Trust",
                "Y56",
                "London",
                "QB2",
                "NHS South ICB",
                date("2024-07-01"),
                null),
            RowFactory.create(
                "A02", "Later NHS Trust", "Y56", "London", "QB2", null, date("2024-07-01"), null));
    warehouse.replace(
        Table.DIM_ORGANISATION, warehouse.spark().createDataFrame(rows, schema), "true", null);
    names = warehouse;
    return names;
  }

  @Test
  void anOrganisationsIcbAndRegionAreThoseInForceOnThePeriodsFirstDay() {
    Warehouse warehouse = namesWarehouse();
    Names june = Names.of(warehouse, Period.parse("2024-06").firstDay());
    Names july = Names.of(warehouse, Period.parse("2024-07").firstDay());
    assertEquals(Optional.of(new Membership("Y56", "QA1")), june.membership("A01"));
    assertEquals(Optional.of(new Membership("Y56", "QB2")), july.membership("A01"));
    // A02 has no row in force in June: it sits nowhere (UNKNOWN), unlike its name.
    assertEquals(Optional.empty(), june.membership("A02"));
    assertEquals(Optional.of("NHS North ICB"), june.system("QA1"));
    assertEquals(Optional.of("London"), june.system("Y56"));
  }

  private static Date date(String iso) {
    return Date.valueOf(iso);
  }
}
