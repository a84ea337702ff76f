package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * The per organisation × month aggregates workforce metrics are ratios of (service line {@code
 * ALL}): sickness days from ESR's sickness extract, summed over every assignment before any
 * dividing, and contracted WTE by staff group from the conformed capacity. Joined full outer, so an
 * organisation with only one of the two still shows.
 */
public final class WorkforceActivity {
  public static final String DAYS_SICK = "fte_days_sick";
  public static final String DAYS_AVAILABLE = "fte_days_available";
  public static final String MEDICAL_WTE = "medical_wte";
  public static final String ALL_WTE = "all_wte";

  /** ESR's staff group of doctors and dentists, as ESR spells it. */
  static final String MEDICAL = "Medical and Dental";

  private WorkforceActivity() {}

  /**
   * @param sickness silver {@code esr/sickness} rows of the month
   * @param capacity {@code silver.conformed_capacity} rows of the month (every assignment)
   */
  public static Dataset<Row> aggregate(
      Dataset<Row> sickness, Dataset<Row> capacity, String period) {
    Dataset<Row> sick =
        sickness
            .groupBy(col("Org_Code").as(Columns.ORG_CODE))
            .agg(
                sum("FTE_Days_Sick").cast("double").as(DAYS_SICK),
                sum("FTE_Days_Available").cast("double").as(DAYS_AVAILABLE));
    Dataset<Row> wte =
        capacity
            .groupBy(Columns.ORG_CODE)
            .agg(
                sum(when(col(Columns.STAFF_GROUP).equalTo(MEDICAL), col(Columns.CONTRACTED_WTE))
                        .otherwise(lit(0)))
                    .cast("double")
                    .as(MEDICAL_WTE),
                sum(Columns.CONTRACTED_WTE).cast("double").as(ALL_WTE));
    return sick.join(wte, new String[] {Columns.ORG_CODE}, "full_outer")
        .withColumn(Columns.PERIOD, lit(period))
        .withColumn(Columns.SERVICE_LINE, lit(Columns.ALL));
  }
}
