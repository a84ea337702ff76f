package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.YearMonth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * Length of stay per organisation × service line (of the ward) × month: the MHSDS ward stays that
 * ended in the month, and their days from start to end (a stay that starts and ends on one day is 0
 * days, as midnight counts go).
 */
public final class WardStays {
  public static final String ENDED_STAYS = "ended_stays";
  public static final String STAY_DAYS = "stay_days";

  private WardStays() {}

  /**
   * @param stays silver {@code mhsds/MHS502WardStay} rows of the month
   * @param wards {@code silver.conformed_wards} rows of the month
   */
  public static Dataset<Row> aggregate(Dataset<Row> stays, Dataset<Row> wards, String period) {
    YearMonth month = YearMonth.parse(period);
    return stays
        .where(
            col("EndDateWardStay")
                .between(lit(month.atDay(1).toString()), lit(month.atEndOfMonth().toString())))
        .join(
            InpatientStaffing.withServiceLine(wards),
            col("OrgIDProv").equalTo(col("w_org")).and(col("WardCode").equalTo(col("w_ward"))))
        .groupBy(col("OrgIDProv").as(Columns.ORG_CODE), col(Columns.SERVICE_LINE))
        .agg(
            count(lit(1)).cast("double").as(ENDED_STAYS),
            sum(datediff(col("EndDateWardStay"), col("StartDateWardStay")))
                .cast("double")
                .as(STAY_DAYS))
        .withColumn(Columns.PERIOD, lit(period));
  }
}
