package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * The per organisation × service line × month referral counts of the caseload and discharge
 * metrics: referrals closed (discharged) in the month and how many attended contacts each had,
 * referrals open at the start and at the end of the month.
 */
public final class ReferralActivity {
  public static final String CLOSED = "closed_referrals";
  public static final String CLOSED_AFTER_ONE_CONTACT = "closed_after_one_contact";
  public static final String OPEN_AT_START = "open_at_start";
  public static final String OPEN_AT_END = "open_at_end";

  /** The aggregate's columns, null when no referrals were conformed. */
  static final String[] COLUMNS = {CLOSED, CLOSED_AFTER_ONE_CONTACT, OPEN_AT_START, OPEN_AT_END};

  private ReferralActivity() {}

  /**
   * @param referrals {@code silver.conformed_referrals} rows of the month
   * @param contacts {@code silver.conformed_contacts} of every month loaded up to this one: a
   *     referral's attended contacts are counted over all of them (earlier months not loaded are
   *     not seen)
   */
  public static Dataset<Row> aggregate(
      Dataset<Row> referrals, Dataset<Row> contacts, String period) {
    YearMonth month = YearMonth.parse(period);
    Column first = lit(month.atDay(1).toString()).cast("date");
    Column last = lit(month.atEndOfMonth().toString()).cast("date");
    Dataset<Row> attended =
        contacts
            .where(col(Columns.ATTENDED).and(col(Columns.PERIOD).leq(period)))
            .groupBy(col(Columns.ORG_CODE).as("c_org"), col(Columns.REFERRAL_ID).as("c_ref"))
            .agg(count(lit(1)).as("attended"));
    Column received = col(Columns.RECEIVED_DATE);
    Column discharged = col(Columns.DISCHARGED_DATE);
    Column closed = discharged.between(first, last);
    return referrals
        .where(col(Columns.SERVICE_LINE).isNotNull())
        .join(
            attended,
            col(Columns.ORG_CODE)
                .equalTo(col("c_org"))
                .and(col(Columns.REFERRAL_ID).equalTo(col("c_ref"))),
            "left")
        .groupBy(Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE)
        .agg(
            count(when(closed, lit(1))).cast("double").as(CLOSED),
            count(when(closed.and(col("attended").equalTo(1)), lit(1)))
                .cast("double")
                .as(CLOSED_AFTER_ONE_CONTACT),
            count(
                    when(
                        received.lt(first).and(discharged.isNull().or(discharged.geq(first))),
                        lit(1)))
                .cast("double")
                .as(OPEN_AT_START),
            count(when(received.leq(last).and(discharged.isNull().or(discharged.gt(last))), lit(1)))
                .cast("double")
                .as(OPEN_AT_END));
  }
}
