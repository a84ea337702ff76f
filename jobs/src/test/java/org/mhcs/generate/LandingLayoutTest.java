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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files follow the landing contract ({@code shared/design/sources.md}): folders, names,
 * headers, encoding, line endings, date and time formats, and the row counts reported.
 */
class LandingLayoutTest {
  /** Headers transcribed from sources.md, in its order (required and optional fields). */
  private static final Map<String, List<String>> HEADERS = new LinkedHashMap<>();

  static {
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

  private static final List<String> ORGANISATION_HEADER =
      List.of("Org_Code", "Org_Name", "Org_Type", "Region", "ICS_Code");
  private static final Pattern PART_FILE = Pattern.compile("part-\\d{5}\\.csv");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d");

  @Test
  void everyTableIsInItsPeriodFolderWithTheContractHeader() {
    GeneratedLanding landing = LandingFixture.demo();
    Path root = landing.landingDir();
    for (Map.Entry<String, List<String>> table : HEADERS.entrySet()) {
      Path folder = root.resolve(table.getKey()).resolve("2024-05");
      List<Path> files = list(folder);
      assertFalse(files.isEmpty(), () -> "no files in " + folder);
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        String name = file.getFileName().toString();
        assertTrue(PART_FILE.matcher(name).matches(), () -> "unexpected file " + file);
        assertEquals(String.format("part-%05d.csv", i), name, "part files are numbered from 0");
        assertEquals(table.getValue(), LandingFixture.header(file), "header of " + file);
      }
    }
    // The reference table has no period folder.
    Path organisations = root.resolve("ref/organisations/organisations.csv");
    assertEquals(ORGANISATION_HEADER, LandingFixture.header(organisations));
    assertEquals(List.of(organisations), list(root.resolve("ref/organisations")));
    assertEquals(Set.of("csds", "mhsds", "esr", "ref"), Set.copyOf(names(list(root))));
  }

  @Test
  void filesAreUtf8WithUnixLineEndingsAndReportedRowCounts() {
    GeneratedLanding landing = LandingFixture.demo();
    for (String table : HEADERS.keySet()) {
      long dataLines = 0;
      for (Path file : list(landing.landingDir().resolve(table).resolve("2024-05"))) {
        byte[] bytes = read(file);
        assertStrictUtf8(file, bytes);
        long carriageReturns = 0;
        for (byte b : bytes) {
          carriageReturns += b == '\r' ? 1 : 0;
          dataLines += b == '\n' ? 1 : 0;
        }
        assertEquals(0, carriageReturns, file + " has carriage returns");
        assertEquals('\n', bytes[bytes.length - 1], file + " ends without a line break");
        dataLines--; // header
      }
      assertEquals(landing.rows(table), dataLines, "rows reported for " + table);
      assertTrue(dataLines > 0, table + " is empty");
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
    Path file = LandingFixture.demo().landingDir().resolve("ref/organisations/organisations.csv");
    Set<String> types =
        Set.of("Mental health", "Community", "Combined MH and community", "Acute", "Independent");
    Set<String> regions =
        Set.of(
            "North East and Yorkshire",
            "North West",
            "Midlands",
            "East of England",
            "London",
            "South East",
            "South West");
    List<String> codes = new ArrayList<>();
    LandingFixture.forEachRow(
        file,
        row -> {
          codes.add(row.get("Org_Code"));
          assertTrue(row.get("Org_Code").matches("X[0-9A-Z][0-9]"), row.get("Org_Code"));
          assertTrue(row.get("Org_Name").startsWith("Synthetic "), row.get("Org_Name"));
          assertTrue(types.contains(row.get("Org_Type")), row.get("Org_Type"));
          assertTrue(regions.contains(row.get("Region")), row.get("Region"));
          assertTrue(row.get("ICS_Code").matches("Q[A-Z][0-9]"), row.get("ICS_Code"));
        });
    assertEquals(codes.size(), Set.copyOf(codes).size(), "organisation codes are unique");
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
