package org.mhcs.conform;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.testing.Answers;
import org.mhcs.testing.ConfCopies;
import org.mhcs.testing.SharedSpark;

/**
 * The conformers on small hand-made inputs, with a mapping that adds three local rows to the
 * bundled one: trust T01's ward W2 (a community hospital ward with no MHSDS stays) and its cost
 * centre CC-DN, and a national occupation code PODX for podiatrists. Expected rows are worked out
 * from the inputs and the bundled files' rows quoted in the comments.
 */
class ConformersTest {
  private static final YearMonth JUNE = YearMonth.of(2024, 6);
  static SparkSession spark;
  static ServiceLines lines;
  static Dataset<Row> wards;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    Path conf = ConfCopies.copy();
    ConfCopies.append(
        conf,
        "service_line_maps/staffing_ward.csv",
        "W2,Community hospital ward,community_inpatient,,,T01,\n");
    ConfCopies.append(
        conf,
        "service_line_maps/esr_cost_centre.csv",
        "CC-DN,District nursing cost centre,community_nursing,,,T01,\n");
    ConfCopies.append(
        conf, "service_line_maps/esr_occupation_code.csv", "PODX,Podiatrist (test),podiatry,,,,\n");
    lines = ServiceLines.load(ConfFiles.directory(conf), CodeLists.bundled());
    wards = ConformedWards.transform(Optional.of(wardDays()), Optional.of(stays()), lines, JUNE);
  }

  @Test
  void aWardTakesItsOwnMappingElseTheBedTypeMostOfItsStaysCarry() {
    // mhsds_bed_type.csv: 200 and 201 adult and older adult acute; 14 (mother and baby) excluded.
    // W1: stays 200, 200, 201 → 200. W5: one 200, one 201 → the tie goes to the smaller code.
    // W2 has no stays but T01's own row; W3 has neither; 999 is no bed type at all.
    String bed = "MHSDS.HospitalBedTypeMH";
    Answers.assertRows(
        wards
            .selectExpr(
                "ward_code",
                "bed_type",
                "ward_stays",
                "staffing_days",
                "service_line",
                "mapping_status",
                "mapped_by",
                "mapping_version = '" + lines.version() + "'")
            .orderBy("ward_code"),
        List.of(
            row("W1", "200", 3L, 2L, "adult_acute_inpatient", "mapped", bed, true),
            row("W2", null, 0L, 3L, "community_inpatient", "mapped", "Staffing.Ward_Code", true),
            row("W3", null, 0L, 1L, null, "unmapped", null, true),
            row("W4", "14", 1L, 0L, null, "excluded", bed, true),
            row("W5", "200", 2L, 0L, "adult_acute_inpatient", "mapped", bed, true),
            row("W6", "999", 1L, 0L, null, "unmapped", null, true)),
        0);
    Answers.assertRows(
        unmapped(UnmappedCodes.ofWards(wards)),
        List.of(
            row("staffing", bed, "999", 1L, 1L, "T01"),
            row("staffing", "Staffing.Ward_Code", "W3", 1L, 1L, "T01")),
        0);
  }

  @Test
  void aClinicianIsPlacedByTeamThenWardThenCostCentreThenOccupation() {
    Dataset<Row> staff =
        spark.sql(
            "SELECT Org_Code, Assignment_Number, Staff_Group, Occupation_Code, '5' AS AfC_Band,"
                + " CAST(Contracted_WTE AS DECIMAL(18,4)) AS Contracted_WTE, Cost_Centre,"
                + " Team_Local_Id, Ward_Code FROM VALUES"
                + " ('T01', 'A1', 'Nursing and Midwifery Registered', 'N0A', 1.0, 'CC-DN', 'TM1', NULL),"
                + " ('T01', 'A2', 'Nursing and Midwifery Registered', 'N0A', 1.0, 'CC-X', NULL, 'W1'),"
                + " ('T01', 'A3', 'Nursing and Midwifery Registered', 'N0A', 0.5, 'CC-DN', NULL, NULL),"
                + " ('T01', 'A4', 'Allied Health Professionals', 'PODX', 1.0, 'CC-Y', NULL, NULL),"
                + " ('T01', 'A5', 'Nursing and Midwifery Registered', 'N0A', 1.0, 'CC-Z', 'TM2', NULL),"
                + " ('T01', 'A6', 'Nursing and Midwifery Registered', 'N0A', 1.0, 'CC-Z', NULL, 'W4'),"
                + " ('T01', 'A7', 'Nursing and Midwifery Registered', 'N0A', 1.0, 'CC-Q', 'TM9', NULL),"
                + " ('T01', 'A8', 'Administrative and Clerical', 'G2A', 1.0, 'CC-Q', NULL, NULL)"
                + " AS t(Org_Code, Assignment_Number, Staff_Group, Occupation_Code,"
                + " Contracted_WTE, Cost_Centre, Team_Local_Id, Ward_Code)");
    Dataset<Row> sickness =
        spark.sql(
            "SELECT 'T01' AS Org_Code, 'A1' AS Assignment_Number,"
                + " CAST(0 AS DECIMAL(18,4)) AS FTE_Days_Sick");
    // TM1 is a district nursing team (CSDS 12); TM2 a single point of access (MHSDS A18,
    // excluded); TM9 is in no referral, so it has no type.
    Dataset<Row> teams =
        spark.sql(
            "SELECT * FROM VALUES ('T01', 'TM1', 'CSDS.TeamType', 'community_nursing'),"
                + " ('T01', 'TM2', 'MHSDS.ServTeamTypeRefToMH', 'excluded')"
                + " AS t(org_code, team_id, code_system, target)");
    Dataset<Row> capacity =
        new ClinicalCapacity().transform(staff, sickness, teams, wards, lines, 20, JUNE);
    String bed = "MHSDS.HospitalBedTypeMH";
    Answers.assertRows(
        capacity
            .selectExpr(
                "assignment_number", "clinical", "service_line", "mapping_status", "mapped_by")
            .orderBy("assignment_number"),
        List.of(
            row("A1", true, "community_nursing", "mapped", "CSDS.TeamType"), // team, not CC-DN
            row("A2", true, "adult_acute_inpatient", "mapped", bed), // ward W1
            row("A3", true, "community_nursing", "mapped", "ESR.Cost_Centre"), // T01's CC-DN
            row("A4", true, "podiatry", "mapped", "ESR.Occupation_Code"), // PODX
            row("A5", true, null, "excluded", "MHSDS.ServTeamTypeRefToMH"), // excluded team
            row("A6", true, null, "excluded", bed), // excluded ward W4
            row("A7", true, null, "unmapped", null), // unknown team, cost centre CC-Q
            row("A8", false, null, "unmapped", null)), // not clinical
        0);
    // Only the clinical one counts: A8 is administrative.
    Answers.assertRows(
        unmapped(UnmappedCodes.ofCapacity(capacity)),
        List.of(row("esr", "ESR.Cost_Centre", "CC-Q", 1L, 1L, "T01")),
        0);
  }

  @Test
  void purchasesMapTheirOwnCategoryNamesIgnoringCaseAndSpaces() {
    Dataset<Row> purchases =
        spark.sql(
            "SELECT Org_Code, CAST(PO_Date AS DATE) AS PO_Date, PO_Number, NPC, Category,"
                + " CAST(Quantity AS DECIMAL(18,4)) AS Quantity,"
                + " CAST(Unit_Price AS DECIMAL(18,4)) AS Unit_Price,"
                + " CAST(Line_Total AS DECIMAL(18,4)) AS Line_Total FROM VALUES"
                + " ('T01', '2024-06-03', 'PO1', 'N1', 'Wound management', 2, 1.5, NULL),"
                + " ('T01', '2024-06-04', 'PO2', 'N2', 'wound CARE ', 1, 2.0, 2.0),"
                + " ('T02', '2024-06-05', 'PO3', 'N3', 'Plasters', 4, 0.25, 1.0),"
                + " ('T01', '2024-06-06', 'PO4', 'N4', 'Plasters', 1, 0.25, NULL)"
                + " AS t(Org_Code, PO_Date, PO_Number, NPC, Category, Quantity, Unit_Price,"
                + " Line_Total)");
    Dataset<Row> conformed = ConformedPurchases.transform(purchases, lines, JUNE);
    // Line totals: PO1 2 × 1.50 = 3.00 (none given); PO4 1 × 0.25 = 0.25.
    Answers.assertRows(
        conformed
            .selectExpr(
                "po_number", "procurement_category", "mapping_status", "CAST(line_total AS DOUBLE)")
            .orderBy("po_number"),
        List.of(
            row("PO1", "wound_care", "mapped", 3.0),
            row("PO2", "wound_care", "mapped", 2.0),
            row("PO3", null, "unmapped", 1.0),
            row("PO4", null, "unmapped", 0.25)),
        1e-9);
    Answers.assertRows(
        unmapped(UnmappedCodes.ofPurchases(conformed)),
        List.of(row("ppib", "PPIB.Category", "Plasters", 2L, 2L, "T01,T02")),
        0);
  }

  @Test
  void sitesMapTheirSiteTypeForTheFinancialYear() {
    Dataset<Row> sites =
        spark.sql(
            "SELECT org_code, site_code, site_name, site_type,"
                + " CAST(gia AS DECIMAL(18,4)) AS gross_internal_floor_area_m2 FROM VALUES"
                + " ('T01', 'S1', 'Cottage Hospital', 'Community hospital (with inpatient beds)', 900),"
                + " ('T01', 'S2', 'Head Office', 'Support facilities', 400),"
                + " ('T01', 'S3', 'Somewhere', 'Mystery', 100),"
                + " ('T01', 'AGGRE', 'Aggregate Site', 'Aggregate Site', 250)"
                + " AS t(org_code, site_code, site_name, site_type, gia)");
    Dataset<Row> conformed =
        ConformedSites.transform(sites, lines, "2024-25", YearMonth.of(2024, 4));
    // eric_site_type.csv: community hospitals are community_inpatient; support facilities are
    // excluded (offices and stores); 'Mystery' is not a site type. The AGGRE row (sites not
    // listed one by one) is kept with its area, excluded: it is no unknown site type.
    Answers.assertRows(
        conformed
            .selectExpr(
                "period",
                "site_code",
                "service_line",
                "mapping_status",
                "CAST(gross_internal_floor_area_m2 AS DOUBLE)")
            .orderBy("site_code"),
        List.of(
            row("2024-25", "AGGRE", null, "excluded", 250.0),
            row("2024-25", "S1", "community_inpatient", "mapped", 900.0),
            row("2024-25", "S2", null, "excluded", 400.0),
            row("2024-25", "S3", null, "unmapped", 100.0)),
        0);
    Answers.assertRows(
        unmapped(UnmappedCodes.ofSites(conformed)),
        List.of(row("eric", "ERIC.Site_Type", "Mystery", 1L, 1L, "T01")),
        0);
  }

  private static Dataset<Row> wardDays() {
    return spark.sql(
        "SELECT * FROM VALUES ('T01', 'W1', '2024-06-01'), ('T01', 'W1', '2024-06-02'),"
            + " ('T01', 'W2', '2024-06-01'), ('T01', 'W2', '2024-06-02'),"
            + " ('T01', 'W2', '2024-06-03'), ('T01', 'W3', '2024-06-01')"
            + " AS t(Org_Code, Ward_Code, Date)");
  }

  private static Dataset<Row> stays() {
    return spark.sql(
        "SELECT * FROM VALUES ('T01', 'W1', '200'), ('T01', 'W1', '200'), ('T01', 'W1', '201'),"
            + " ('T01', 'W4', '14'), ('T01', 'W5', '201'), ('T01', 'W5', '200'),"
            + " ('T01', 'W6', '999') AS t(OrgIDProv, WardCode, HospitalBedTypeMH)");
  }

  private static Dataset<Row> unmapped(Dataset<Row> codes) {
    return codes
        .selectExpr("dataset", "code_system", "code", "rows", "n_orgs", "organisations")
        .orderBy("code_system", "code");
  }

  private static List<Object> row(Object... values) {
    return java.util.Arrays.asList(values);
  }
}
