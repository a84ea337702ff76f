package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * The per organisation × service line × month aggregates of the e-roster metrics, over the roster
 * periods starting in the month on wards with a service line: headroom and contracted hours (of
 * rosters that return both), unused hours (contracted − worked, the positive part of each roster),
 * and weeks from approval to start.
 */
public final class RosterPractice {
  public static final String HEADROOM_HOURS = "headroom_hours";
  public static final String CONTRACTED_HOURS = "contracted_hours";
  public static final String UNUSED_HOURS = "unused_hours";
  public static final String LEAD_WEEKS = "approval_lead_weeks";
  public static final String ROSTERS = "rosters";

  /** The aggregate columns, null when no roster return landed. */
  static final String[] COLUMNS = {
    HEADROOM_HOURS, CONTRACTED_HOURS, UNUSED_HOURS, LEAD_WEEKS, ROSTERS
  };

  private RosterPractice() {}

  /**
   * @param rosters silver {@code staffing/roster_period} rows of the month
   * @param wards {@code silver.conformed_wards} rows of the month
   */
  public static Dataset<Row> aggregate(Dataset<Row> rosters, Dataset<Row> wards, String period) {
    Column contracted = col("Contracted_Hours").cast("double");
    Column worked = col("Worked_Hours").cast("double");
    Column headroom = col("Headroom_Hours").cast("double");
    Column both = contracted.isNotNull().and(headroom.isNotNull());
    Dataset<Row> mappedWards = InpatientStaffing.withServiceLine(wards);
    return rosters
        .join(
            mappedWards,
            col("Org_Code").equalTo(col("w_org")).and(col("Ward_Code").equalTo(col("w_ward"))))
        .groupBy(col("Org_Code").as(Columns.ORG_CODE), col(Columns.SERVICE_LINE))
        .agg(
            // Exact sums, so the result does not depend on the order shuffle blocks arrive in;
            // lead time is summed in whole days and divided once.
            ExactSums.sumOf(when(both, headroom)).as(HEADROOM_HOURS),
            ExactSums.sumOf(when(both, contracted)).as(CONTRACTED_HOURS),
            ExactSums.sumOf(greatest(contracted.minus(worked), lit(0.0))).as(UNUSED_HOURS),
            sum(datediff(col("Roster_Start_Date"), col("Approved_Date")))
                .divide(7.0)
                .as(LEAD_WEEKS),
            count(lit(1)).cast("double").as(ROSTERS))
        .withColumn(Columns.PERIOD, lit(period));
  }
}
