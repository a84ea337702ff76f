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

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.silver.DataQuality;
import org.mhcs.warehouse.Columns;

/**
 * What could not be given a service line, for {@code ops.unmapped_codes}: per code, how many rows
 * and which organisations. Pure transforms.
 */
public final class UnmappedCodes {
  private UnmappedCodes() {}

  /** Conformed contacts without a service line, by their team type. */
  public static Dataset<Row> ofContacts(Dataset<Row> contacts) {
    return summarise(
        contacts
            .where(col(Columns.SERVICE_LINE).isNull())
            .select(
                col(Columns.PERIOD),
                col(Columns.DATASET),
                col(Columns.CODE_SYSTEM),
                coalesce(col(Columns.TEAM_TYPE), lit("(team not in any referral)"))
                    .as(Columns.CODE),
                col(Columns.ORG_CODE)));
  }

  /** Clinical ESR assignments whose team is not a known team of a mapped type. */
  public static Dataset<Row> ofCapacity(Dataset<Row> capacity) {
    return summarise(
        capacity
            .where(col(Columns.CLINICAL).and(col(Columns.SERVICE_LINE).isNull()))
            .select(
                col(Columns.PERIOD),
                lit("esr").as(Columns.DATASET),
                lit("ESR.Team_Local_Id").as(Columns.CODE_SYSTEM),
                coalesce(col(Columns.TEAM_ID), lit("(blank)")).as(Columns.CODE),
                col(Columns.ORG_CODE)));
  }

  /**
   * The scorecard's {@code unmapped} rows: per organisation and data set, contacts whose team type
   * maps to no service line, of all its contacts (item = the code system).
   */
  public static Dataset<Row> dataQuality(Dataset<Row> contacts) {
    return contacts
        .groupBy(Columns.PERIOD, Columns.ORG_CODE, Columns.DATASET, Columns.CODE_SYSTEM)
        .agg(
            sum(when(col(Columns.SERVICE_LINE).isNull(), 1L).otherwise(0L)).as("_unmapped"),
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

  private static Dataset<Row> summarise(Dataset<Row> rows) {
    return rows.groupBy(Columns.PERIOD, Columns.DATASET, Columns.CODE_SYSTEM, Columns.CODE)
        .agg(
            count(lit(1)).as(Columns.ROWS),
            countDistinct(Columns.ORG_CODE).as(Columns.N_ORGS),
            array_join(array_sort(collect_set(Columns.ORG_CODE)), ",").as(Columns.ORGANISATIONS));
  }
}
