package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import java.time.YearMonth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * Twelve-month turnover per organisation (service line {@code ALL}): people who left in the twelve
 * months ending with the period, over the mean of the headcount at the start (the staff in post of
 * the month before the twelve) and at the end. People, not assignments: a person with two
 * assignments is one head, and leaving both is one leaver.
 */
public final class WorkforceTurnover {
  public static final String LEAVERS = "leavers_12m";
  public static final String MEAN_HEADCOUNT = "mean_headcount";

  /** The aggregate's columns, null when twelve months of history are not there. */
  static final String[] COLUMNS = {LEAVERS, MEAN_HEADCOUNT};

  private WorkforceTurnover() {}

  /** The month whose staff in post is the headcount at the start of the twelve months. */
  public static YearMonth startMonth(YearMonth end) {
    return end.minusMonths(12);
  }

  /**
   * @param leavers silver {@code esr/leavers} rows of the twelve months ending with {@code period}
   * @param startStaff silver {@code esr/staff_in_post} of {@link #startMonth}
   * @param endStaff silver {@code esr/staff_in_post} of {@code period}
   */
  public static Dataset<Row> aggregate(
      Dataset<Row> leavers, Dataset<Row> startStaff, Dataset<Row> endStaff, String period) {
    YearMonth end = YearMonth.parse(period);
    Dataset<Row> left =
        leavers
            .where(
                col("Leaving_Date")
                    .between(
                        lit(end.minusMonths(11).atDay(1).toString()),
                        lit(end.atEndOfMonth().toString())))
            .groupBy(col("Org_Code").as(Columns.ORG_CODE))
            .agg(countDistinct("Unique_NHS_Identifier").cast("double").as(LEAVERS));
    Dataset<Row> start = headcount(startStaff, "start");
    Dataset<Row> now = headcount(endStaff, "end");
    return start
        .join(now, new String[] {Columns.ORG_CODE}, "full_outer")
        .join(left, new String[] {Columns.ORG_CODE}, "left")
        .select(
            col(Columns.ORG_CODE),
            col(LEAVERS),
            // A trust with no staff at one end has no mean headcount: no value.
            col("start").plus(col("end")).divide(2).as(MEAN_HEADCOUNT))
        .withColumn(Columns.PERIOD, lit(period))
        .withColumn(Columns.SERVICE_LINE, lit(Columns.ALL));
  }

  private static Dataset<Row> headcount(Dataset<Row> staff, String name) {
    return staff
        .groupBy(col("Org_Code").as(Columns.ORG_CODE))
        .agg(countDistinct("Unique_NHS_Identifier").cast("double").as(name));
  }
}
