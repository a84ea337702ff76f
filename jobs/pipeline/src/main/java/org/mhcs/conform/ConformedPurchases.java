package org.mhcs.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.YearMonth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.schema.ColumnType;
import org.mhcs.warehouse.Columns;

/**
 * Purchase-order lines of the month with the national procurement category their trust's own
 * category name maps to, and the line's value (Quantity × Unit_Price where Line_Total is absent, as
 * {@code design/metrics.md} says). Pure transform.
 */
public final class ConformedPurchases {
  private ConformedPurchases() {}

  public static Dataset<Row> transform(
      Dataset<Row> lines, ServiceLines serviceLines, YearMonth month) {
    Dataset<Row> mapped =
        ServiceLineLookup.lookUp(
            serviceLines,
            lines,
            CodeSystem.PPIB_CATEGORY,
            col("Org_Code"),
            col("Category"),
            month,
            "_category");
    return mapped.select(
        lit(month.toString()).as(Columns.PERIOD),
        col("Org_Code").as(Columns.ORG_CODE),
        col("PO_Number").as(Columns.PO_NUMBER),
        col("PO_Date").as(Columns.PO_DATE),
        col("NPC").as(Columns.NPC),
        col("Category").as(Columns.CATEGORY),
        ServiceLineLookup.mapped(col("_category")).as(Columns.PROCUREMENT_CATEGORY),
        ServiceLineLookup.status(col("_category")).as(Columns.MAPPING_STATUS),
        lit(serviceLines.version()).as(Columns.MAPPING_VERSION),
        col("Quantity").as(Columns.QUANTITY),
        col("Unit_Price").as(Columns.UNIT_PRICE),
        // Pence to four places, like the landing's own decimals.
        coalesce(col("Line_Total"), col("Quantity").multiply(col("Unit_Price")))
            .cast(ColumnType.DECIMAL.sqlType())
            .as(Columns.LINE_TOTAL));
  }
}
