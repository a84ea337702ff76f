package org.mhcs.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.conf.ConfTable;
import org.mhcs.warehouse.Columns;

/**
 * ESR assignments of one period with their service line and their available clinical days:
 * contracted WTE × working days − FTE days sick × 5/7 (ESR counts sickness in calendar days; 5/7
 * turns them into working days). Pure transform; joins teams and summed sickness.
 */
public final class ClinicalCapacity {
  /** ESR's field names, used only here. */
  private static final String ORG = "Org_Code";

  private static final String ASSIGNMENT = "Assignment_Number";
  private static final String STAFF_GROUP = "Staff_Group";
  private static final String WTE = "Contracted_WTE";
  private static final String TEAM = "Team_Local_Id";
  private static final String DAYS_SICK = "FTE_Days_Sick";
  private static final String WARD = "Ward_Code";
  private static final String COST_CENTRE = "Cost_Centre";
  private static final String OCCUPATION = "Occupation_Code";
  private static final String BAND = "AfC_Band";

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
   * One row per assignment (clinical or not, so the filter is visible). Its service line is the
   * first of: its team's (Team_Local_Id → the team's type), its ward's (Ward_Code → {@code
   * silver.conformed_wards}), its cost centre's ({@code esr_cost_centre.csv}), its occupation's
   * ({@code esr_occupation_code.csv}); {@code mapped_by} says which. An excluded team or ward stops
   * the search: the assignment is deliberately in no service line.
   *
   * @param teams every team with its looked-up target: org_code, team_id, code_system, target
   * @param wards conformed wards of the period (org_code, ward_code, service_line, mapping_status)
   */
  public Dataset<Row> transform(
      Dataset<Row> staffInPost,
      Dataset<Row> sickness,
      Dataset<Row> teams,
      Dataset<Row> wards,
      ServiceLines serviceLines,
      int workingDays,
      YearMonth month) {
    Dataset<Row> sick =
        sickness
            .groupBy(col(ORG).as("s_org"), col(ASSIGNMENT).as("s_assignment"))
            .agg(sum(DAYS_SICK).as(Columns.SICK_DAYS));
    Dataset<Row> teamTargets =
        teams.select(
            col(Columns.ORG_CODE).as("t_org"),
            col(Columns.TEAM_ID).as("t_team"),
            col(Columns.CODE_SYSTEM).as("t_system"),
            col(TARGET).as("t_target"));
    Dataset<Row> wardTargets =
        wards.select(
            col(Columns.ORG_CODE).as("w_org"),
            col(Columns.WARD_CODE).as("w_ward"),
            col(Columns.MAPPED_BY).as("w_system"),
            when(
                    col(Columns.MAPPING_STATUS).equalTo(ServiceLines.EXCLUDED),
                    lit(ServiceLines.EXCLUDED))
                .otherwise(col(Columns.SERVICE_LINE))
                .as("w_target"));
    Dataset<Row> joined =
        staffInPost
            .join(
                sick,
                col(ORG).equalTo(col("s_org")).and(col(ASSIGNMENT).equalTo(col("s_assignment"))),
                "left")
            .join(
                teamTargets,
                col(ORG).equalTo(col("t_org")).and(col(TEAM).equalTo(col("t_team"))),
                "left")
            .join(
                wardTargets,
                col(ORG).equalTo(col("w_org")).and(col(WARD).equalTo(col("w_ward"))),
                "left");
    Dataset<Row> byCostCentre =
        ServiceLineLookup.lookUp(
            serviceLines,
            joined,
            CodeSystem.ESR_COST_CENTRE,
            col(ORG),
            col(COST_CENTRE),
            month,
            "c_target");
    Dataset<Row> looked =
        ServiceLineLookup.lookUp(
            serviceLines,
            byCostCentre,
            CodeSystem.ESR_OCCUPATION,
            col(ORG),
            col(OCCUPATION),
            month,
            "o_target");
    var target = coalesce(col("t_target"), col("w_target"), col("c_target"), col("o_target"));
    var mappedBy =
        when(col("t_target").isNotNull(), col("t_system"))
            .when(col("w_target").isNotNull(), col("w_system"))
            .when(col("c_target").isNotNull(), lit(CodeSystem.ESR_COST_CENTRE.id()))
            .when(col("o_target").isNotNull(), lit(CodeSystem.ESR_OCCUPATION.id()));
    // Decimal throughout: each row's available days are rounded the same way on every run and
    // their sums are exact.
    var sickDays = coalesce(col(Columns.SICK_DAYS), lit(java.math.BigDecimal.ZERO)).cast(DAYS);
    var wte = col(WTE);
    return looked.select(
        lit(month.toString()).as(Columns.PERIOD),
        col(ORG).as(Columns.ORG_CODE),
        col(ASSIGNMENT).as(Columns.ASSIGNMENT),
        col(STAFF_GROUP).as(Columns.STAFF_GROUP),
        col(BAND).as(Columns.AFC_BAND),
        col(STAFF_GROUP).isin(clinicalGroups).as(Columns.CLINICAL),
        col(OCCUPATION).as(Columns.OCCUPATION_CODE),
        col(TEAM).as(Columns.TEAM_ID),
        col(WARD).as(Columns.WARD_CODE),
        col(COST_CENTRE).as(Columns.COST_CENTRE),
        ServiceLineLookup.mapped(target).as(Columns.SERVICE_LINE),
        ServiceLineLookup.status(target).as(Columns.MAPPING_STATUS),
        mappedBy.as(Columns.MAPPED_BY),
        lit(serviceLines.version()).as(Columns.MAPPING_VERSION),
        wte.as(Columns.CONTRACTED_WTE),
        lit(workingDays).as(Columns.WORKING_DAYS),
        sickDays.as(Columns.SICK_DAYS),
        wte.multiply(workingDays)
            .minus(sickDays.multiply(5).divide(7))
            .cast(DAYS)
            .as(Columns.AVAILABLE_DAYS));
  }

  /** Whether a conformed capacity row's service line came from its ward (inpatient staff). */
  public static Column placedByWard() {
    return col(Columns.MAPPED_BY)
        .isin(CodeSystem.STAFFING_WARD.id(), CodeSystem.MHSDS_BED_TYPE.id());
  }

  /** The column of {@code teams} holding each team's looked-up target. */
  public static final String TARGET = "target";
}
