package org.mhcs.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.time.YearMonth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.mhcs.schema.ActivityField;
import org.mhcs.warehouse.Columns;

/**
 * Referrals of one data set in one period with the service line of the team they were referred to
 * (the referral's team row with the smallest team id when it has several; the team's most common
 * type when the row has none), and the dates the caseload and discharge metrics read. Pure
 * transform.
 */
public final class ConformedReferrals {
  private ConformedReferrals() {}

  public static Dataset<Row> transform(
      ContactSource s,
      Dataset<Row> referrals,
      Dataset<Row> referralTeams,
      Dataset<Row> teamTypes,
      ServiceLines serviceLines,
      YearMonth month) {
    Dataset<Row> firstTeam =
        ConformedContacts.referralTeamsKeyed(s, referralTeams)
            .withColumn(
                "rank",
                row_number().over(Window.partitionBy("rt_org", "rt_ref").orderBy("rt_team")))
            .where(col("rank").equalTo(1));
    Dataset<Row> teams = ConformedContacts.teamTypesKeyed(s, teamTypes);
    Dataset<Row> joined =
        referrals
            .join(
                firstTeam,
                col(s.org()).equalTo(col("rt_org")).and(col(s.referralId()).equalTo(col("rt_ref"))),
                "left")
            .join(
                teams,
                col("rt_org").equalTo(col("t_org")).and(col("rt_team").equalTo(col("t_team"))),
                "left")
            .withColumn(Columns.TEAM_TYPE, coalesce(col("rt_type"), col("t_type")));
    Dataset<Row> mapped =
        ServiceLineLookup.lookUp(
            serviceLines,
            joined,
            s.teamCodeSystem(),
            col(s.org()),
            col(Columns.TEAM_TYPE),
            month,
            "_service_line");
    return mapped.select(
        lit(s.dataset()).as(Columns.DATASET),
        lit(month.toString()).as(Columns.PERIOD),
        col(s.org()).as(Columns.ORG_CODE),
        col(s.referralId()).as(Columns.REFERRAL_ID),
        col("rt_team").as(Columns.TEAM_ID),
        col(Columns.TEAM_TYPE),
        ServiceLineLookup.mapped(col("_service_line")).as(Columns.SERVICE_LINE),
        ServiceLineLookup.status(col("_service_line")).as(Columns.MAPPING_STATUS),
        lit(serviceLines.version()).as(Columns.MAPPING_VERSION),
        col(s.field(ActivityField.REFERRAL_RECEIVED)).as(Columns.RECEIVED_DATE),
        col(s.field(ActivityField.DISCHARGED)).as(Columns.DISCHARGED_DATE));
  }
}
