package org.mhcs.conform;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.silver.DataQuality;
import org.mhcs.warehouse.Columns;

/**
 * What no mapping covers, for {@code ops.unmapped_codes}: per code, how many conformed rows carry
 * it and which organisations use it. Codes deliberately excluded are not unmapped. Pure transforms.
 */
public final class UnmappedCodes {
  private UnmappedCodes() {}

  /** Conformed contacts whose team type nothing maps, by that type. */
  public static Dataset<Row> ofContacts(Dataset<Row> contacts) {
    return summarise(
        unmapped(contacts),
        col(Columns.DATASET),
        col(Columns.CODE_SYSTEM),
        coalesce(col(Columns.TEAM_TYPE), lit("(team not in any referral)")));
  }

  /**
   * Clinical ESR assignments in no service line by any route, by cost centre: the local code an
   * organisation can map in {@code esr_cost_centre.csv}.
   */
  public static Dataset<Row> ofCapacity(Dataset<Row> capacity) {
    return summarise(
        unmapped(capacity).where(col(Columns.CLINICAL)),
        lit("esr"),
        lit(CodeSystem.ESR_COST_CENTRE.id()),
        coalesce(col(Columns.COST_CENTRE), lit("(blank)")));
  }

  /**
   * Wards in no service line: by bed type when their stays carry one nothing maps, else by ward
   * code (no stays and no row in {@code staffing_ward.csv}).
   */
  public static Dataset<Row> ofWards(Dataset<Row> wards) {
    var byWard = col(Columns.BED_TYPE).isNull();
    return summarise(
        unmapped(wards),
        lit("staffing"),
        when(byWard, lit(CodeSystem.STAFFING_WARD.id()))
            .otherwise(lit(CodeSystem.MHSDS_BED_TYPE.id())),
        when(byWard, col(Columns.WARD_CODE)).otherwise(col(Columns.BED_TYPE)));
  }

  /** ERIC sites whose site type nothing maps. */
  public static Dataset<Row> ofSites(Dataset<Row> sites) {
    return summarise(
        unmapped(sites),
        lit("eric"),
        lit(CodeSystem.ERIC_SITE_TYPE.id()),
        coalesce(col(Columns.SITE_TYPE), lit("(blank)")));
  }

  /** Purchase-order lines whose category name nothing maps. */
  public static Dataset<Row> ofPurchases(Dataset<Row> purchases) {
    return summarise(
        unmapped(purchases),
        lit("ppib"),
        lit(CodeSystem.PPIB_CATEGORY.id()),
        coalesce(col(Columns.CATEGORY), lit("(blank)")));
  }

  /**
   * The scorecard's {@code unmapped} rows: per organisation and data set, contacts whose team type
   * maps to no service line, of all its contacts (item = the code system).
   */
  public static Dataset<Row> dataQuality(Dataset<Row> contacts) {
    return contacts
        .groupBy(Columns.PERIOD, Columns.ORG_CODE, Columns.DATASET, Columns.CODE_SYSTEM)
        .agg(
            sum(when(col(Columns.MAPPING_STATUS).equalTo(ServiceLines.UNMAPPED), 1L).otherwise(0L))
                .as("_unmapped"),
            count(lit(1)).as("_contacts"))
        .select(
            col(Columns.PERIOD).as(DataQuality.PERIOD),
            col(Columns.ORG_CODE).as(DataQuality.SUBMITTER),
            when(
                    col(Columns.DATASET).equalTo(ContactSource.CSDS.dataset()),
                    lit(ContactSource.CSDS.contactTableId()))
                .otherwise(lit(ContactSource.MHSDS.contactTableId()))
                .as(DataQuality.SOURCE_TABLE),
            lit(DataQuality.UNMAPPED).as(DataQuality.MEASURE),
            col(Columns.CODE_SYSTEM).as(DataQuality.ITEM),
            col("_unmapped").cast("long").as(DataQuality.NUMERATOR),
            col("_contacts").as(DataQuality.DENOMINATOR),
            round(col("_unmapped").multiply(100.0).divide(col("_contacts")), 2)
                .cast("double")
                .as(DataQuality.PERCENT));
  }

  private static Dataset<Row> unmapped(Dataset<Row> conformed) {
    return conformed.where(col(Columns.MAPPING_STATUS).equalTo(ServiceLines.UNMAPPED));
  }

  private static Dataset<Row> summarise(
      Dataset<Row> rows, Column dataset, Column codeSystem, Column code) {
    return rows.select(
            col(Columns.PERIOD),
            dataset.as(Columns.DATASET),
            codeSystem.as(Columns.CODE_SYSTEM),
            code.as(Columns.CODE),
            col(Columns.ORG_CODE),
            col(Columns.MAPPING_VERSION))
        .groupBy(
            Columns.PERIOD,
            Columns.DATASET,
            Columns.CODE_SYSTEM,
            Columns.CODE,
            Columns.MAPPING_VERSION)
        .agg(
            count(lit(1)).as(Columns.ROWS),
            countDistinct(Columns.ORG_CODE).as(Columns.N_ORGS),
            array_join(array_sort(collect_set(Columns.ORG_CODE)), ",").as(Columns.ORGANISATIONS))
        .select(
            Columns.PERIOD,
            Columns.DATASET,
            Columns.CODE_SYSTEM,
            Columns.CODE,
            Columns.ROWS,
            Columns.N_ORGS,
            Columns.ORGANISATIONS,
            Columns.MAPPING_VERSION);
  }
}
