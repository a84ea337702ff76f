package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.LandingTableSpec;

/**
 * The files follow the landing contract ({@code shared/design/sources.md}): folders, names,
 * headers, encoding, line endings, date and time formats, and the row counts reported.
 */
class LandingLayoutTest {
  /** Headers transcribed from sources.md, in its order (required and optional fields). */
  private static final Map<String, List<String>> HEADERS = new LinkedHashMap<>();

  static {
    HEADERS.put(
        "csds/CYP001MPI",
        List.of(
            "OrgID_Provider",
            "LocalPatientID",
            "NHSNumber",
            "PersonBirthDate",
            "Gender",
            "EthnicCategory",
            "OrgID_CCG_Residence"));
    HEADERS.put(
        "mhsds/MHS001MPI",
        List.of(
            "OrgIDProv",
            "LocalPatientId",
            "NHSNumber",
            "PersonBirthDate",
            "Gender",
            "EthnicCategory",
            "OrgIDCCGRes"));
    HEADERS.put(
        "mhsds/MHS501HospProvSpell",
        List.of(
            "OrgIDProv",
            "HospProvSpellID",
            "ServiceRequestId",
            "StartDateHospProvSpell",
            "DischDateHospProvSpell"));
    HEADERS.put(
        "mhsds/MHS502WardStay",
        List.of(
            "OrgIDProv",
            "WardStayId",
            "HospProvSpellID",
            "WardCode",
            "StartDateWardStay",
            "EndDateWardStay",
            "HospitalBedTypeMH"));
    HEADERS.put(
        "esr/leavers",
        List.of(
            "Org_Code",
            "Unique_NHS_Identifier",
            "Assignment_Number",
            "Staff_Group",
            "Leaving_Date",
            "Leaving_Reason",
            "Contracted_WTE"));
    HEADERS.put(
        "staffing/ward_day",
        List.of(
            "Org_Code",
            "Ward_Code",
            "Date",
            "RN_Hours",
            "HCSW_Hours",
            "AHP_Hours",
            "RN_Hours_Planned",
            "HCSW_Hours_Planned",
            "Bank_Hours",
            "Agency_Hours",
            "Patients_At_Midnight",
            "Ward_Pay_Cost"));
    HEADERS.put(
        "staffing/roster_period",
        List.of(
            "Org_Code",
            "Ward_Code",
            "Roster_Start_Date",
            "Approved_Date",
            "Contracted_Hours",
            "Worked_Hours",
            "Headroom_Hours"));
    HEADERS.put(
        "ppib/purchase_line",
        List.of(
            "Org_Code",
            "PO_Date",
            "PO_Number",
            "Supplier_Name",
            "NPC",
            "Product_Description",
            "Category",
            "Unit_Of_Issue",
            "Quantity",
            "Unit_Price",
            "Line_Total"));
    HEADERS.put(
        "finance/trust_summary",
        List.of(
            "Org_Code",
            "Total_Operating_Income",
            "Corporate_Services_Cost",
            "Payslips_Issued",
            "Payroll_Cost",
            "HR_Cost",
            "Employees_Headcount"));
    HEADERS.put(
        "csds/CYP101Referral",
        List.of(
            "OrgID_Provider",
            "ServiceRequestID",
            "LocalPatientID",
            "ReferralRequest_ReceivedDate",
            "SourceOfReferral",
            "Discharge_Date"));
    HEADERS.put(
        "csds/CYP102ServiceTypeReferredTo",
        List.of(
            "OrgID_Provider",
            "ServiceRequestID",
            "TeamID_Local",
            "TeamType",
            "Referral_ClosureDate",
            "Referral_RejectionDate"));
    HEADERS.put(
        "csds/CYP201CareContact",
        List.of(
            "OrgID_Provider",
            "CareContactID",
            "ServiceRequestID",
            "TeamID_Local",
            "Contact_Date",
            "Contact_Time",
            "CareContact_Duration",
            "ConsMechanism",
            "AttendanceStatus"));
    HEADERS.put(
        "csds/CYP202CareActivity",
        List.of(
            "OrgID_Provider",
            "CareActivityID",
            "CareContactID",
            "CareProfessionalID_Local",
            "CareActivity_Duration",
            "Activity_Type"));
    HEADERS.put(
        "csds/CYP901StaffDetails",
        List.of("OrgID_Provider", "CareProfessionalID_Local", "StaffGroup", "OccupationCode"));
    HEADERS.put(
        "mhsds/MHS101Referral",
        List.of(
            "OrgIDProv",
            "ServiceRequestId",
            "LocalPatientId",
            "ReferralRequestReceivedDate",
            "SourceOfReferralMH",
            "ServDischDate"));
    HEADERS.put(
        "mhsds/MHS102ServiceTypeReferredTo",
        List.of(
            "OrgIDProv",
            "ServiceRequestId",
            "ServTeamTypeRefToMH",
            "CareProfTeamLocalId",
            "ReferClosureDate",
            "ReferRejectionDate"));
    HEADERS.put(
        "mhsds/MHS201CareContact",
        List.of(
            "OrgIDProv",
            "CareContactId",
            "ServiceRequestId",
            "CareProfTeamLocalId",
            "CareContDate",
            "CareContTime",
            "ClinContDurOfCareCont",
            "ConsMechanismMH",
            "AttendOrDNACode"));
    HEADERS.put(
        "mhsds/MHS202CareActivity",
        List.of(
            "OrgIDProv", "CareActId", "CareContactId", "CareProfLocalId", "ClinContDurOfCareAct"));
    HEADERS.put(
        "mhsds/MHS901StaffDetails",
        List.of("OrgIDProv", "CareProfLocalId", "CareProfStaffGpMH", "OccCode"));
    HEADERS.put(
        "esr/staff_in_post",
        List.of(
            "Org_Code",
            "Unique_NHS_Identifier",
            "Assignment_Number",
            "CareProfLocalId",
            "Staff_Group",
            "Occupation_Code",
            "AfC_Band",
            "Contracted_WTE",
            "Cost_Centre",
            "Team_Local_Id",
            "Ward_Code",
            "Monthly_Pay_Cost",
            "Assignment_Category"));
    HEADERS.put(
        "esr/sickness",
        List.of(
            "Org_Code",
            "Unique_NHS_Identifier",
            "Assignment_Number",
            "Staff_Group",
            "FTE_Days_Sick",
            "FTE_Days_Available"));
  }

  private static final List<String> ORGANISATION_TYPES_HEADER = List.of("Org_Code", "Org_Type");

  /**
   * The ERIC site headings the schema declares, as the published 2016-17 site file spells them and
   * in its order (shared/reference/eric/ERIC-site-2016-17-header.txt, columns 1-7, 9, 12, 13, 16,
   * 17, 22, 23, 26, 27, 56, 84 and 87).
   */
  private static final List<String> ERIC_SITE_HEADER =
      List.of(
          "Organisation Code",
          "Organisation Name",
          "Commissioning Region",
          "Organisation Type",
          "Site Code",
          "Site Name",
          "Site Type",
          "Estates and property maintenance (£)",
          "Other Hard FM (Estates) costs (£)",
          "Other Soft FM (Hotel Services) costs (£)",
          "Gross internal floor area (m²)",
          "Occupied floor area (m²)",
          "Clinical space (m²)",
          "Non-clinical space (m²)",
          "Floor area - empty (%)",
          "Floor area - under used (%)",
          "Energy costs (all energy supplies) (£)",
          "Is there a charge for disabled parking (Yes/No/None)",
          "Routine cleaning method/s - Traditional wet-mopping (disposable) (Yes/No)");

  private static final Pattern NUMBERED_SITE_TYPE = Pattern.compile("\\d{1,2}\\. \\S.*");
  private static final Pattern PERCENT = Pattern.compile("\\d{1,3}\\.\\d{2}");

  private static final Pattern PART_FILE = Pattern.compile("part-\\d{5}\\.csv");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d");
  private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+");

  @Test
  void everyTableIsInItsPeriodFolderWithTheContractHeader() {
    GeneratedLanding landing = LandingFixture.demo();
    Path root = landing.landingDir();
    for (Map.Entry<String, List<String>> table : HEADERS.entrySet()) {
      List<Path> files = partFiles(root, table.getKey());
      for (Path file : files) {
        assertEquals(table.getValue(), LandingFixture.header(file), "header of " + file);
      }
    }
    // The reference tables have no period folder. The organisations are the ODS etr extract as
    // published, a snapshot as of the month generated: no header row, 27 fields.
    Path organisations = root.resolve("ref/organisations/etr-2024-05.csv");
    assertEquals(List.of(organisations), list(root.resolve("ref/organisations")));
    List<String> first = LandingFixture.header(organisations);
    assertEquals(27, first.size(), first.toString());
    assertTrue(first.get(0).matches("X[0-9A-Z][0-9]"), "a code, not a heading: " + first);
    Path types = root.resolve("ref/organisation_types/organisation_types.csv");
    assertEquals(ORGANISATION_TYPES_HEADER, LandingFixture.header(types));
    assertEquals(List.of(types), list(root.resolve("ref/organisation_types")));
    assertEquals(
        Set.of("csds", "mhsds", "esr", "staffing", "eric", "ppib", "finance", "ref"),
        Set.copyOf(names(list(root))));
  }

  @Test
  void annualTablesAreFiledUnderTheFinancialYearStartingInApril() {
    Path root = LandingFixture.demo().landingDir();
    for (String table : List.of("eric/trust", "eric/site", "finance/trust_summary")) {
      assertEquals(List.of("2024-25"), names(list(root.resolve(table))), table);
    }
    assertEquals(List.of("2024-05"), names(list(root.resolve("esr/leavers"))));
    Path dir = Path.of("landing");
    Map<String, String> yearOfMonth =
        Map.of(
            "2024-06", "2024-25", "2025-02", "2024-25", "2025-03", "2024-25", "2025-04", "2025-26",
            "2024-03", "2023-24");
    yearOfMonth.forEach(
        (month, year) -> {
          YearMonth m = YearMonth.parse(month);
          assertEquals(dir.resolve("eric/trust/" + year), LandingTable.ERIC_TRUST.folder(dir, m));
          assertEquals(
              dir.resolve("finance/trust_summary/" + year),
              LandingTable.FINANCE_TRUST_SUMMARY.folder(dir, m));
          assertEquals(
              dir.resolve("staffing/ward_day/" + month),
              LandingTable.STAFFING_WARD_DAY.folder(dir, m));
          assertEquals(
              dir.resolve("ref/organisations"), LandingTable.REF_ORGANISATIONS.folder(dir, m));
        });
  }

  @Test
  void theEricTrustFileLooksLikeThePublishedOne() {
    Path root = LandingFixture.demo().landingDir();
    LandingTableSpec spec = LandingFixture.SCHEMAS.table("eric", "trust");
    Path file = partFiles(root, "eric/trust").get(0);
    String text = new String(read(file), StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    // A row of group headings above the header, exactly as wide, delimited by '$'.
    List<String> groups = LandingFixture.parseLine(lines[0], '$', '"');
    List<String> header = LandingFixture.parseLine(lines[1], '$', '"');
    assertEquals(
        spec.columns().stream().map(c -> c.header()).toList(), header, "the header is on row 2");
    assertEquals(header.size(), groups.size(), "group row and header are as wide");
    assertEquals(header.size() - 1, lines[0].chars().filter(c -> c == '$').count());
    assertTrue(groups.contains("Organisation Profile"), groups.toString());
    assertEquals("", groups.get(0), "no group over the organisation code");
    assertTrue(header.contains("Gross internal floor area (m²)"), header.toString());
    // Real-file quirks: Not Applicable in numeric columns, numbers with thousands separators.
    int notApplicable = 0;
    int grouped = 0;
    for (int i = 2; i < lines.length; i++) {
      List<String> fields = LandingFixture.parseLine(lines[i], '$', '"');
      assertEquals(header.size(), fields.size(), "line " + (i + 1));
      for (String field : fields) {
        notApplicable += field.equals("Not Applicable") ? 1 : 0;
        grouped += GROUPED.matcher(field).matches() ? 1 : 0;
      }
    }
    assertTrue(notApplicable >= 5, "Not Applicable cells: " + notApplicable);
    assertTrue(grouped >= 20, "numbers with thousands separators: " + grouped);
    assertFalse(lines[2].contains(","), "no commas outside numbers in '$' files: " + lines[2]);
  }

  @Test
  void theEricSiteFileLooksLikeThePublishedOne() {
    Path root = LandingFixture.demo().landingDir();
    Map<String, Integer> aggregateRows = new HashMap<>();
    Set<String> trusts = new HashSet<>();
    int numbered = 0;
    int notApplicable = 0;
    int grouped = 0;
    for (Path file : partFiles(root, "eric/site")) {
      String[] lines = new String(read(file), StandardCharsets.UTF_8).split("\n");
      // Group headings on row 1, over the first declared column of each published group.
      List<String> groups = LandingFixture.parseLine(lines[0], '$', '"');
      List<String> header = LandingFixture.parseLine(lines[1], '$', '"');
      assertEquals(ERIC_SITE_HEADER, header, "the header is on row 2");
      assertEquals(header.size(), groups.size(), "group row and header are as wide");
      assertEquals(
          "Areas", groups.get(header.indexOf("Gross internal floor area (m²)")), "Areas group");
      assertEquals("", groups.get(header.indexOf("Site Type")), "no group over the identifiers");
      int org = header.indexOf("Organisation Code");
      int code = header.indexOf("Site Code");
      int type = header.indexOf("Site Type");
      int empty = header.indexOf("Floor area - empty (%)");
      for (int i = 2; i < lines.length; i++) {
        List<String> fields = LandingFixture.parseLine(lines[i], '$', '"');
        assertEquals(header.size(), fields.size(), "line " + (i + 1)); // the demo breaks no row
        trusts.add(fields.get(org));
        if (fields.get(code).equals("AGGRE")) {
          aggregateRows.merge(fields.get(org), 1, Integer::sum);
          assertEquals("Aggregate Site", fields.get(type), "line " + (i + 1));
        } else {
          numbered += NUMBERED_SITE_TYPE.matcher(fields.get(type)).matches() ? 1 : 0;
        }
        assertTrue(
            PERCENT.matcher(fields.get(empty)).matches(),
            "empty share as a percentage with two places: " + fields.get(empty));
        for (String field : fields) {
          notApplicable += field.equals("Not Applicable") ? 1 : 0;
          grouped += GROUPED.matcher(field).matches() ? 1 : 0;
        }
      }
    }
    // Exactly one AGGRE row per trust; listed sites carry numbered site types.
    assertEquals(trusts, aggregateRows.keySet(), "every trust has its AGGRE row");
    assertTrue(aggregateRows.values().stream().allMatch(n -> n == 1), aggregateRows.toString());
    assertTrue(numbered >= 20, "numbered site types: " + numbered);
    assertTrue(notApplicable >= 5, "Not Applicable cells: " + notApplicable);
    assertTrue(grouped >= 20, "numbers with thousands separators: " + grouped);
  }

  @Test
  void filesAreUtf8WithUnixLineEndingsAndReportedRowCounts() {
    GeneratedLanding landing = LandingFixture.demo();
    for (LandingTableSpec spec : LandingFixture.GENERATED) {
      long dataLines = 0;
      for (Path file : LandingFixture.parts(landing.landingDir(), spec.source(), spec.table())) {
        byte[] bytes = read(file);
        assertStrictUtf8(file, bytes);
        long carriageReturns = 0;
        for (byte b : bytes) {
          carriageReturns += b == '\r' ? 1 : 0;
          dataLines += b == '\n' ? 1 : 0;
        }
        assertEquals(0, carriageReturns, file + " has carriage returns");
        assertEquals('\n', bytes[bytes.length - 1], file + " ends without a line break");
        dataLines -= spec.format().headerRow(); // the header and any rows above it
      }
      assertEquals(landing.rows(spec.id()), dataLines, "rows reported for " + spec.id());
      assertTrue(dataLines > 0, spec.id() + " is empty");
    }
    assertEquals(25, landing.providers());
    assertEquals(25, landing.rows("ref/organisations"));
  }

  @Test
  void datesAreIsoInsideThePeriodAndTimesAreHoursMinutesSeconds() {
    Path root = LandingFixture.demo().landingDir();
    LocalDate first = LandingFixture.PERIOD.atDay(1);
    LocalDate last = LandingFixture.PERIOD.atEndOfMonth();
    for (String[] t :
        new String[][] {
          {"csds", "CYP201CareContact", "Contact_Date", "Contact_Time"},
          {"mhsds", "MHS201CareContact", "CareContDate", "CareContTime"}
        }) {
      LandingFixture.forEachRow(
          root,
          t[0],
          t[1],
          row -> {
            String date = row.get(t[2]);
            assertTrue(ISO_DATE.matcher(date).matches(), date);
            LocalDate d = LocalDate.parse(date);
            assertFalse(
                d.isBefore(first) || d.isAfter(last), () -> "contact outside the period: " + d);
            assertTrue(TIME.matcher(row.get(t[3])).matches(), row.get(t[3]));
          });
    }
    for (String[] t :
        new String[][] {
          {"esr", "leavers", "Leaving_Date"},
          {"staffing", "ward_day", "Date"},
          {"staffing", "roster_period", "Roster_Start_Date"},
          {"ppib", "purchase_line", "PO_Date"}
        }) {
      LandingFixture.forEachRow(
          root,
          t[0],
          t[1],
          row -> {
            String date = row.get(t[2]);
            assertTrue(ISO_DATE.matcher(date).matches(), date);
            LocalDate d = LocalDate.parse(date);
            assertFalse(d.isBefore(first) || d.isAfter(last), () -> t[1] + " outside: " + d);
          });
    }
    LandingFixture.forEachRow(
        root,
        "csds",
        "CYP101Referral",
        row -> {
          LocalDate received = LocalDate.parse(row.get("ReferralRequest_ReceivedDate"));
          assertFalse(received.isAfter(last), "referral received after the period");
          String discharge = row.get("Discharge_Date");
          if (!discharge.isEmpty()) {
            LocalDate d = LocalDate.parse(discharge);
            assertFalse(d.isBefore(first) || d.isAfter(last), "discharge outside the period");
            assertFalse(d.isBefore(received), "discharged before received");
          }
        });
  }

  @Test
  void organisationsAreSyntheticCodesOfKnownTypesAndRegions() {
    Path root = LandingFixture.demo().landingDir();
    Set<String> types =
        Set.of("Mental health", "Community", "Combined MH and community", "Acute", "Independent");
    // NHS England's seven regions by their ODS codes (the etr extract's national grouping).
    Set<String> regions = Set.of("Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63");
    List<String> codes = new ArrayList<>();
    LandingFixture.forEachRow(
        root,
        "ref",
        "organisations",
        row -> {
          codes.add(row.get("Org_Code"));
          assertTrue(row.get("Org_Code").matches("X[0-9A-Z][0-9]"), row.get("Org_Code"));
          assertTrue(row.get("Org_Name").startsWith("Synthetic "), row.get("Org_Name"));
          assertTrue(regions.contains(row.get("Region")), row.get("Region"));
          assertTrue(row.get("ICB_Code").matches("Q[A-Z][0-9]"), row.get("ICB_Code"));
          assertEquals("20000401", row.get("Open_Date"));
          assertEquals("2024-05-01", row.get("Snapshot_Date"));
        });
    assertEquals(codes.size(), Set.copyOf(codes).size(), "organisation codes are unique");
    List<String> typed = new ArrayList<>();
    LandingFixture.forEachRow(
        root,
        "ref",
        "organisation_types",
        row -> {
          typed.add(row.get("Org_Code"));
          assertTrue(types.contains(row.get("Org_Type")), row.get("Org_Type"));
        });
    assertEquals(codes, typed, "every organisation has one type, in the same order");
  }

  @Test
  void providerCountFollowsScaleWithinItsBounds() {
    assertEquals(25, OrganisationRegister.providerCount(0.05));
    assertEquals(28, OrganisationRegister.providerCount(0.2));
    assertEquals(140, OrganisationRegister.providerCount(1.0));
    assertEquals(140, OrganisationRegister.providerCount(20));
    assertEquals("X99", OrganisationRegister.code(98));
    assertEquals("XA1", OrganisationRegister.code(99));
    assertEquals("XE5", OrganisationRegister.code(139));
  }

  /**
   * The table's files ({@code source/table}) in its period folder, checked to be numbered parts.
   */
  private static List<Path> partFiles(Path root, String table) {
    String[] parts = table.split("/");
    List<Path> files = list(LandingFixture.folder(root, parts[0], parts[1]));
    assertFalse(files.isEmpty(), () -> "no files for " + table);
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      assertTrue(PART_FILE.matcher(name).matches(), () -> "unexpected file " + name);
      assertEquals(String.format("part-%05d.csv", i), name, "part files are numbered from 0");
    }
    return files;
  }

  private static void assertStrictUtf8(Path file, byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new AssertionError(file + " is not valid UTF-8", e);
    }
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(p -> p.getFileName().toString()).toList();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
