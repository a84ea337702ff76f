package org.mhcs.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.conf.ConfTable;
import org.mhcs.warehouse.Columns;

/**
 * ESR assignments of one period with the service line of the team they work in and their available
 * clinical days: contracted WTE × working days − FTE days sick × 5/7 (ESR counts sickness in
 * calendar days; 5/7 turns them into working days). Pure transform; joins teams and summed
 * sickness.
 */
public final class ClinicalCapacity {
  /** ESR's field names, used only here. */
  private static final String ORG = "Org_Code";

  private static final String ASSIGNMENT = "Assignment_Number";
  private static final String STAFF_GROUP = "Staff_Group";
  private static final String WTE = "Contracted_WTE";
  private static final String TEAM = "Team_Local_Id";
  private static final String DAYS_SICK = "FTE_Days_Sick";

  /** Days to six places: exact for WTE × working days, and 5/7 of a sick day to a second. */
  private static final org.apache.spark.sql.types.DecimalType DAYS =
      org.apache.spark.sql.types.DataTypes.createDecimalType(20, 6);

  private final Object[] clinicalGroups;

  public ClinicalCapacity() {
    this.clinicalGroups =
        ConfTable.read("clinical_staff_groups.csv", "staff_group", "clinical").rows().stream()
            .filter(r -> "true".equals(r.get("clinical")))
            .map(r -> r.get("staff_group"))
            .toArray();
  }

  /**
   * One row per assignment (clinical or not, so the filter is visible); {@code service_line} is
   * null when the assignment's team is not a known team of a mapped type.
   *
   * @param teams every team with its service line: org_code, team_id, service_line
   */
  public Dataset<Row> transform(
      Dataset<Row> staffInPost,
      Dataset<Row> sickness,
      Dataset<Row> teams,
      int workingDays,
      String period) {
    Dataset<Row> sick =
        sickness
            .groupBy(col(ORG).as("s_org"), col(ASSIGNMENT).as("s_assignment"))
            .agg(sum(DAYS_SICK).as(Columns.SICK_DAYS));
    Dataset<Row> teamLines =
        teams.select(
            col(Columns.ORG_CODE).as("t_org"),
            col(Columns.TEAM_ID).as("t_team"),
            col(Columns.SERVICE_LINE));
    Dataset<Row> joined =
        staffInPost
            .join(
                sick,
                col(ORG).equalTo(col("s_org")).and(col(ASSIGNMENT).equalTo(col("s_assignment"))),
                "left")
            .join(
                teamLines,
                col(ORG).equalTo(col("t_org")).and(col(TEAM).equalTo(col("t_team"))),
                "left");
    // Decimal throughout: each row's available days are rounded the same way on every run and
    // their sums are exact.
    var sickDays = coalesce(col(Columns.SICK_DAYS), lit(java.math.BigDecimal.ZERO)).cast(DAYS);
    var wte = col(WTE);
    return joined.select(
        lit(period).as(Columns.PERIOD),
        col(ORG).as(Columns.ORG_CODE),
        col(ASSIGNMENT).as(Columns.ASSIGNMENT),
        col(STAFF_GROUP).as(Columns.STAFF_GROUP),
        col(STAFF_GROUP).isin(clinicalGroups).as(Columns.CLINICAL),
        col(TEAM).as(Columns.TEAM_ID),
        col(Columns.SERVICE_LINE),
        wte.as(Columns.CONTRACTED_WTE),
        lit(workingDays).as(Columns.WORKING_DAYS),
        sickDays.as(Columns.SICK_DAYS),
        wte.multiply(workingDays)
            .minus(sickDays.multiply(5).divide(7))
            .cast(DAYS)
            .as(Columns.AVAILABLE_DAYS));
  }
}
