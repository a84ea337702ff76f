package org.mhcs.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.YearMonth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * ERIC sites of one financial year with the service line their site type maps to (most site types
 * serve many services and are deliberately excluded). A trust's {@code AGGRE} row (its sites not
 * listed one by one) has the site type {@code Aggregate Site}, which the map excludes: it stays in
 * the table, and in the trust's totals, under no service line. Pure transform.
 */
public final class ConformedSites {
  private ConformedSites() {}

  /**
   * @param sites silver {@code eric/site} rows of the financial year (site types already without
   *     their list numbers, as the schema's {@code normalise: unnumbered} reads them)
   * @param year the financial year's label, e.g. {@code 2024-25}
   * @param asOf the month whose mappings apply (the year's first)
   */
  public static Dataset<Row> transform(
      Dataset<Row> sites, ServiceLines serviceLines, String year, YearMonth asOf) {
    Dataset<Row> mapped =
        ServiceLineLookup.lookUp(
            serviceLines,
            sites,
            CodeSystem.ERIC_SITE_TYPE,
            col("org_code"),
            col("site_type"),
            asOf,
            "_line");
    return mapped.select(
        lit(year).as(Columns.PERIOD),
        col("org_code").as(Columns.ORG_CODE),
        col("site_code").as(Columns.SITE_CODE),
        col("site_name").as(Columns.SITE_NAME),
        col("site_type").as(Columns.SITE_TYPE),
        col("gross_internal_floor_area_m2").as(Columns.FLOOR_AREA),
        ServiceLineLookup.mapped(col("_line")).as(Columns.SERVICE_LINE),
        ServiceLineLookup.status(col("_line")).as(Columns.MAPPING_STATUS),
        lit(serviceLines.version()).as(Columns.MAPPING_VERSION));
  }
}
