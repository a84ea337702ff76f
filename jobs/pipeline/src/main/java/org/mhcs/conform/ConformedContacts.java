package org.mhcs.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.time.YearMonth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.mhcs.conf.CodeLists;
import org.mhcs.warehouse.Columns;

/**
 * Care contacts of one data set in one period, in one shape across CSDS and MHSDS: service line
 * (from the team of the contact's referral), pseudonymised patient, minutes, and the outcome flags
 * the metrics use. Pure transform; four joins (referral team, referral, summed activities, team
 * types).
 */
public final class ConformedContacts {
  private final CodeLists codeLists;

  public ConformedContacts(CodeLists codeLists) {
    this.codeLists = codeLists;
  }

  /** The silver tables of one data set, each already restricted to the period. */
  public record Inputs(
      Dataset<Row> referrals,
      Dataset<Row> referralTeams,
      Dataset<Row> contacts,
      Dataset<Row> activities) {}

  /**
   * One row per contact. A contact whose referral has no row for its team falls back to the team's
   * most common type; one whose type is unmapped keeps a null service line (and is reported in
   * {@code ops.unmapped_codes}), never dropped.
   */
  public Dataset<Row> transform(
      ContactSource s,
      Inputs in,
      Dataset<Row> teamTypes,
      ServiceLines serviceLines,
      YearMonth month) {
    Dataset<Row> referralTeam = referralTeamsKeyed(s, in.referralTeams());
    Dataset<Row> patients =
        in.referrals()
            .select(
                col(s.org()).as("r_org"),
                col(s.referralId()).as("r_ref"),
                col(s.patientId()).as(Columns.PATIENT_ID));
    Dataset<Row> activityMinutes =
        in.activities()
            .groupBy(col(s.org()).as("a_org"), col(s.activityContactId()).as("a_contact"))
            .agg(sum(col(s.activityMinutes()).cast("long")).as(Columns.ACTIVITY_MINUTES));
    Dataset<Row> teams = teamTypesKeyed(s, teamTypes);

    Dataset<Row> c = in.contacts();
    // Contacts are large, so they are shuffled as few times as the joins allow: the referral's
    // team row and its patient are joined on the same key, organisation and referral (the team
    // match is a further condition, written so that the planner does not make it a third join
    // key and shuffle again), the activities on the contact, and the teams, a few thousand rows,
    // are sent whole to every task (broadcast).
    Dataset<Row> joined =
        c.join(
                referralTeam,
                c.col(s.org())
                    .equalTo(col("rt_org"))
                    .and(c.col(s.referralId()).equalTo(col("rt_ref")))
                    .and(coalesce(c.col(s.teamId()).equalTo(col("rt_team")), lit(false))),
                "left")
            .join(
                patients,
                c.col(s.org())
                    .equalTo(col("r_org"))
                    .and(c.col(s.referralId()).equalTo(col("r_ref"))),
                "left")
            .join(
                activityMinutes,
                c.col(s.org())
                    .equalTo(col("a_org"))
                    .and(c.col(s.contactId()).equalTo(col("a_contact"))),
                "left")
            .join(
                broadcast(teams),
                c.col(s.org()).equalTo(col("t_org")).and(c.col(s.teamId()).equalTo(col("t_team"))),
                "left")
            .withColumn(Columns.TEAM_TYPE, coalesce(col("rt_type"), col("t_type")))
            .withColumn(Columns.CODE_SYSTEM, lit(s.teamCodeSystem().id()));

    Dataset<Row> mapped =
        ServiceLineLookup.lookUp(
            serviceLines,
            joined,
            s.teamCodeSystem(),
            c.col(s.org()),
            joined.col(Columns.TEAM_TYPE),
            month,
            "_service_line");

    Object[] attended = codeLists.codesWhere("attend_or_dna", "outcome", "attended").toArray();
    Object[] dna = codeLists.codesWhere("attend_or_dna", "outcome", "did_not_attend").toArray();
    Object[] direct =
        codeLists.codesWhere("consultation_mechanism", "direct_care", "true").toArray();
    Object[] faceToFace =
        codeLists.codesWhere("consultation_mechanism", "face_to_face", "true").toArray();

    return mapped.select(
        lit(s.dataset()).as(Columns.DATASET),
        lit(month.toString()).as(Columns.PERIOD),
        c.col(s.org()).as(Columns.ORG_CODE),
        c.col(s.contactId()).as(Columns.CONTACT_ID),
        c.col(s.referralId()).as(Columns.REFERRAL_ID),
        c.col(s.teamId()).as(Columns.TEAM_ID),
        col(Columns.CODE_SYSTEM),
        col(Columns.TEAM_TYPE),
        ServiceLineLookup.mapped(col("_service_line")).as(Columns.SERVICE_LINE),
        ServiceLineLookup.status(col("_service_line")).as(Columns.MAPPING_STATUS),
        lit(serviceLines.version()).as(Columns.MAPPING_VERSION),
        col(Columns.PATIENT_ID),
        c.col(s.contactDate()).as(Columns.CONTACT_DATE),
        c.col(s.contactMinutes()).cast("long").as(Columns.CONTACT_MINUTES),
        col(Columns.ACTIVITY_MINUTES),
        c.col(s.mechanism()).as(Columns.MECHANISM),
        c.col(s.attendance()).as(Columns.ATTENDANCE),
        c.col(s.attendance()).isin(attended).as(Columns.ATTENDED),
        c.col(s.attendance()).isin(dna).as(Columns.DNA),
        c.col(s.attendance())
            .isin(attended)
            .and(c.col(s.mechanism()).isin(direct))
            .as(Columns.DIRECT_CARE),
        c.col(s.mechanism()).isin(faceToFace).as(Columns.FACE_TO_FACE));
  }

  /**
   * Each team's type: the type most of its referral rows give (ties to the smaller code), so a team
   * has one service line even when a few referrals disagree.
   */
  /** A data set's referral-to-team rows keyed {@code rt_org, rt_ref, rt_team, rt_type}. */
  static Dataset<Row> referralTeamsKeyed(ContactSource s, Dataset<Row> referralTeams) {
    return referralTeams.select(
        col(s.org()).as("rt_org"),
        col(s.referralId()).as("rt_ref"),
        col(s.teamId()).as("rt_team"),
        col(s.teamType()).as("rt_type"));
  }

  /** A data set's team types ({@link #teamTypes}) keyed {@code t_org, t_team, t_type}. */
  static Dataset<Row> teamTypesKeyed(ContactSource s, Dataset<Row> teamTypes) {
    return teamTypes
        .where(col(Columns.DATASET).equalTo(s.dataset()))
        .select(
            col(Columns.ORG_CODE).as("t_org"),
            col(Columns.TEAM_ID).as("t_team"),
            col(Columns.TEAM_TYPE).as("t_type"));
  }

  public static Dataset<Row> teamTypes(ContactSource s, Dataset<Row> referralTeams) {
    Dataset<Row> counted =
        referralTeams
            .groupBy(
                col(s.org()).as(Columns.ORG_CODE),
                col(s.teamId()).as(Columns.TEAM_ID),
                col(s.teamType()).as(Columns.TEAM_TYPE))
            .agg(count(lit(1)).as("n"));
    return counted
        .withColumn(
            "rank",
            row_number()
                .over(
                    Window.partitionBy(Columns.ORG_CODE, Columns.TEAM_ID)
                        .orderBy(desc("n"), col(Columns.TEAM_TYPE))))
        .where(col("rank").equalTo(1))
        .select(
            lit(s.dataset()).as(Columns.DATASET),
            lit(s.teamCodeSystem().id()).as(Columns.CODE_SYSTEM),
            col(Columns.ORG_CODE),
            col(Columns.TEAM_ID),
            col(Columns.TEAM_TYPE));
  }
}
