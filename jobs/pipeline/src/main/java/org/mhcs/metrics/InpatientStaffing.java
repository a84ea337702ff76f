package org.mhcs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * The per organisation × service line × month aggregates of the ward staffing metrics (CHPPD): care
 * hours worked and patient days, both summed over the days of the staffing return before any
 * dividing. A day's patients are the return's {@code Patients_At_Midnight} when it has them, else
 * the MHSDS ward stays open at 23:59: started on or before the day and not ended by it (a stay that
 * begins and ends on the same day is never there at midnight). A ward's service line is its
 * conformed one; wards excluded or unmapped are left out.
 */
public final class InpatientStaffing {
  public static final String RN_HOURS = "rn_hours";
  public static final String HCSW_HOURS = "hcsw_hours";
  public static final String AHP_HOURS = "ahp_hours";
  public static final String CARE_HOURS = "care_hours";
  public static final String PATIENT_DAYS = "patient_days";
  public static final String TEMPORARY_HOURS = "bank_agency_hours";
  public static final String PAY_COST = "ward_pay_cost";
  public static final String COSTED_HOURS = "costed_care_hours";
  public static final String COSTED_PATIENT_DAYS = "costed_patient_days";

  private InpatientStaffing() {}

  /**
   * @param wardDays silver {@code staffing/ward_day} rows of the month
   * @param stays silver {@code mhsds/MHS502WardStay} rows open in the month, if landed
   * @param wards {@code silver.conformed_wards} rows of the month
   */
  public static Dataset<Row> aggregate(
      Dataset<Row> wardDays, Optional<Dataset<Row>> stays, Dataset<Row> wards, String period) {
    Dataset<Row> days =
        wardDays.select(
            col("Org_Code").as("d_org"),
            col("Ward_Code").as("d_ward"),
            col("Date").as("d_date"),
            hours("RN_Hours").as(RN_HOURS),
            hours("HCSW_Hours").as(HCSW_HOURS),
            hours("AHP_Hours").as(AHP_HOURS),
            hours("Bank_Hours").plus(hours("Agency_Hours")).as(TEMPORARY_HOURS),
            col("Ward_Pay_Cost").cast("double").as(PAY_COST),
            col("Patients_At_Midnight").as("reported"));
    Dataset<Row> perDay;
    if (stays.isPresent()) {
      Dataset<Row> s =
          stays
              .get()
              .select(
                  col("OrgIDProv").as("s_org"),
                  col("WardCode").as("s_ward"),
                  col("StartDateWardStay").as("s_start"),
                  col("EndDateWardStay").as("s_end"));
      Column atMidnight =
          col("d_org")
              .equalTo(col("s_org"))
              .and(col("d_ward").equalTo(col("s_ward")))
              .and(col("s_start").leq(col("d_date")))
              .and(col("s_end").isNull().or(col("s_end").gt(col("d_date"))));
      perDay =
          days.join(s, atMidnight, "left")
              .groupBy(
                  "d_org",
                  "d_ward",
                  "d_date",
                  RN_HOURS,
                  HCSW_HOURS,
                  AHP_HOURS,
                  TEMPORARY_HOURS,
                  PAY_COST,
                  "reported")
              .agg(count(col("s_start")).as("census"));
    } else {
      perDay = days.withColumn("census", lit(0L));
    }
    Dataset<Row> mappedWards = withServiceLine(wards);
    Column careHours = col(RN_HOURS).plus(col(HCSW_HOURS)).plus(col(AHP_HOURS));
    Column patients = coalesce(col("reported").cast("long"), col("census"));
    return perDay
        .join(
            mappedWards,
            col("d_org").equalTo(col("w_org")).and(col("d_ward").equalTo(col("w_ward"))))
        .groupBy(col("d_org").as(Columns.ORG_CODE), col(Columns.SERVICE_LINE))
        .agg(
            // Exact sums: a double sum depends on the order shuffle blocks arrive in, which differs
            // between local mode and a cluster (see ExactSums).
            ExactSums.sumOf(col(RN_HOURS)).as(RN_HOURS),
            ExactSums.sumOf(col(HCSW_HOURS)).as(HCSW_HOURS),
            ExactSums.sumOf(col(AHP_HOURS)).as(AHP_HOURS),
            ExactSums.sumOf(careHours).as(CARE_HOURS),
            ExactSums.sumOf(col(TEMPORARY_HOURS)).as(TEMPORARY_HOURS),
            ExactSums.sumOf(col(PAY_COST)).as(PAY_COST),
            // A day without a pay cost is left out of cost per care hour altogether.
            ExactSums.sumOf(when(col(PAY_COST).isNotNull(), careHours).otherwise(lit(0.0)))
                .as(COSTED_HOURS),
            sum(patients).cast("double").as(PATIENT_DAYS),
            sum(when(col(PAY_COST).isNotNull(), patients).otherwise(lit(0L)))
                .cast("double")
                .as(COSTED_PATIENT_DAYS))
        .withColumn(Columns.PERIOD, lit(period));
  }

  /** Conformed wards that have a service line, keyed {@code w_org}, {@code w_ward}. */
  static Dataset<Row> withServiceLine(Dataset<Row> wards) {
    return wards
        .where(col(Columns.SERVICE_LINE).isNotNull())
        .select(
            col(Columns.ORG_CODE).as("w_org"),
            col(Columns.WARD_CODE).as("w_ward"),
            col(Columns.SERVICE_LINE));
  }

  /** Hours as doubles, a missing optional group (AHP) as none worked. */
  private static Column hours(String column) {
    return coalesce(col(column).cast("double"), lit(0.0));
  }
}
