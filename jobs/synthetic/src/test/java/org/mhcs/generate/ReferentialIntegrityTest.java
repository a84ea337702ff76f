package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tables join the way the pipeline joins them: referrals to the patient index, contacts to
 * referrals and referral teams, activities to contacts and professionals, hospital spells to
 * referrals and ward stays to spells, ESR assignments to teams and sickness, and every team has one
 * team type. Codes come from the lists in {@code conf/}.
 */
class ReferentialIntegrityTest {
  private static final DataSetFields CSDS = DataSetFields.CSDS;
  private static final DataSetFields MHSDS = DataSetFields.MHSDS;

  private static Path root;
  private static Map<String, String> orgTypes;
  private static Set<String> allTeams;
  private static Set<String> allProfessionals;

  @BeforeAll
  static void generate() {
    root = LandingFixture.demo().landingDir();
    orgTypes = new HashMap<>();
    LandingFixture.forEachRow(
        root.resolve("ref/organisation_types/organisation_types.csv"),
        row -> orgTypes.put(row.get("Org_Code"), row.get("Org_Type")));
    // A combined trust's ESR holds both its CSDS and its MHSDS teams and professionals.
    allTeams = new HashSet<>();
    allProfessionals = new HashSet<>();
    for (DataSetFields f : List.of(CSDS, MHSDS)) {
      LandingFixture.forEachRow(
          root,
          f.source(),
          f.referralTeams(),
          row -> allTeams.add(row.get(f.org()) + "|" + row.get(f.teamId())));
      LandingFixture.forEachRow(
          root,
          f.source(),
          f.staff(),
          row -> allProfessionals.add(row.get(f.org()) + "|" + row.get(f.professionalId())));
    }
  }

  @Test
  void csdsTablesJoin() {
    checkDataSet(CSDS, Set.of("Community", "Combined MH and community", "Acute"));
  }

  @Test
  void mhsdsTablesJoin() {
    checkDataSet(MHSDS, Set.of("Mental health", "Combined MH and community"));
  }

  private void checkDataSet(DataSetFields f, Set<String> submittingTypes) {
    Set<String> mappedTypes = confCodes(mappingFile(f.codeSystem()), null);
    Set<String> mechanisms = confCodes("code_lists/consultation_mechanism.csv", null);
    Set<String> attendances = confCodes("code_lists/attend_or_dna.csv", null);

    Set<String> referrals = new HashSet<>();
    Map<String, String> referralPatient = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        f.source(),
        f.referrals(),
        row -> {
          String key = row.get(f.org()) + "|" + row.get(f.referralId());
          assertTrue(referrals.add(key), () -> "duplicate referral " + key);
          assertFalse(row.get(f.patientId()).isEmpty(), () -> "referral without a patient " + key);
          referralPatient.put(key, row.get(f.patientId()));
          assertTrue(
              submittingTypes.contains(orgTypes.get(row.get(f.org()))),
              () ->
                  row.get(f.org())
                      + " ("
                      + orgTypes.get(row.get(f.org()))
                      + ") submits "
                      + f.source());
        });

    Set<String> referralTeams = new HashSet<>();
    Map<String, String> teamType = new HashMap<>();
    Map<String, Set<String>> teamsPerOrgAndType = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        f.source(),
        f.referralTeams(),
        row -> {
          String referral = row.get(f.org()) + "|" + row.get(f.referralId());
          assertTrue(
              referrals.contains(referral), () -> "referral team without referral " + referral);
          String team = row.get(f.org()) + "|" + row.get(f.teamId());
          referralTeams.add(referral + "|" + row.get(f.teamId()));
          String type = row.get(f.teamType());
          String previous = teamType.putIfAbsent(team, type);
          assertTrue(previous == null || previous.equals(type), () -> team + " has two team types");
          assertTrue(
              mappedTypes.contains(type),
              () -> "team type " + type + " has no row in conf/" + mappingFile(f.codeSystem()));
          teamsPerOrgAndType
              .computeIfAbsent(row.get(f.org()) + "|" + type, k -> new HashSet<>())
              .add(row.get(f.teamId()));
        });
    for (Map.Entry<String, Set<String>> e : teamsPerOrgAndType.entrySet()) {
      int teams = e.getValue().size();
      assertTrue(teams >= 1 && teams <= 6, () -> e.getKey() + " has " + teams + " teams");
    }

    Set<String> attendedContacts = new HashSet<>();
    Set<String> contacts = new HashSet<>();
    long[] counts = new long[2]; // all contacts, contacts in A18 teams
    LandingFixture.forEachRow(
        root,
        f.source(),
        f.contacts(),
        row -> {
          String referral = row.get(f.org()) + "|" + row.get(f.referralId());
          String contact = row.get(f.org()) + "|" + row.get(f.contactId());
          assertTrue(contacts.add(contact), () -> "duplicate contact " + contact);
          assertTrue(referrals.contains(referral), () -> "contact without referral " + contact);
          assertTrue(
              referralTeams.contains(referral + "|" + row.get(f.teamId())),
              () -> "contact " + contact + " has no referral-team row for its team");
          assertTrue(mechanisms.contains(row.get(f.mechanism())), row.get(f.mechanism()));
          String attendance = row.get(f.attendance());
          assertTrue(attendances.contains(attendance), attendance);
          if (attendance.equals("5") || attendance.equals("6")) {
            attendedContacts.add(contact);
          }
          counts[0]++;
          if ("A18".equals(teamType.get(row.get(f.org()) + "|" + row.get(f.teamId())))) {
            counts[1]++;
          }
        });
    if (f == MHSDS) {
      double unmappedShare = (double) counts[1] / counts[0];
      assertTrue(
          unmappedShare > 0.005 && unmappedShare < 0.02,
          () -> "A18 teams carry about 1% of MHSDS contacts, not " + unmappedShare);
    }

    Set<String> professionals = new HashSet<>();
    LandingFixture.forEachRow(
        root,
        f.source(),
        f.staff(),
        row -> {
          String key = row.get(f.org()) + "|" + row.get(f.professionalId());
          assertTrue(professionals.add(key), () -> "duplicate staff details row " + key);
        });
    Set<String> activityIds = new HashSet<>();
    LandingFixture.forEachRow(
        root,
        f.source(),
        f.activities(),
        row -> {
          String contact = row.get(f.org()) + "|" + row.get(f.contactId());
          assertTrue(
              attendedContacts.contains(contact), () -> "activity on a non-attended " + contact);
          assertTrue(
              professionals.contains(row.get(f.org()) + "|" + row.get(f.professionalId())),
              () -> "activity by a professional missing from staff details: " + row.values());
          String activity = row.get(f.org()) + "|" + row.get(f.activityId());
          assertTrue(activityIds.add(activity), () -> "duplicate activity " + activity);
        });
  }

  @Test
  void thePatientIndexListsExactlyThePatientsReferralsName() {
    for (DataSetFields f : List.of(CSDS, MHSDS)) {
      Set<String> indexed = new HashSet<>();
      LandingFixture.forEachRow(
          root,
          f.source(),
          f.patientIndex(),
          row -> {
            String key = row.get(f.org()) + "|" + row.get(f.patientId());
            assertTrue(indexed.add(key), () -> "patient indexed twice: " + key);
          });
      Set<String> named = new HashSet<>();
      LandingFixture.forEachRow(
          root,
          f.source(),
          f.referrals(),
          row -> named.add(row.get(f.org()) + "|" + row.get(f.patientId())));
      assertEquals(named, indexed, f.source() + ": patients named by referrals vs indexed");
      assertTrue(indexed.size() > 10_000, f.source() + " patients: " + indexed.size());
    }
  }

  @Test
  void spellsBelongToReferralsAndWardStaysToSpellsAllOpenInTheMonth() {
    LocalDate first = LandingFixture.PERIOD.atDay(1);
    LocalDate last = LandingFixture.PERIOD.atEndOfMonth();
    Set<String> referrals = new HashSet<>();
    LandingFixture.forEachRow(
        root,
        "mhsds",
        "MHS101Referral",
        row -> referrals.add(row.get("OrgIDProv") + "|" + row.get("ServiceRequestId")));
    Map<String, LocalDate> spellStart = new HashMap<>();
    Map<String, String> spellDischarge = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        "mhsds",
        "MHS501HospProvSpell",
        row -> {
          String org = row.get("OrgIDProv");
          String spell = org + "|" + row.get("HospProvSpellID");
          assertTrue(
              referrals.contains(org + "|" + row.get("ServiceRequestId")),
              () -> "spell without referral " + spell);
          LocalDate start = LocalDate.parse(row.get("StartDateHospProvSpell"));
          assertOpenInMonth(spell, start, row.get("DischDateHospProvSpell"), first, last);
          assertNull(spellStart.put(spell, start), () -> "duplicate spell " + spell);
          spellDischarge.put(spell, row.get("DischDateHospProvSpell"));
        });
    Map<String, String> bedTypeOfWard = new HashMap<>();
    long[] stays = new long[2]; // all, started before the month
    LandingFixture.forEachRow(
        root,
        "mhsds",
        "MHS502WardStay",
        row -> {
          String org = row.get("OrgIDProv");
          String spell = org + "|" + row.get("HospProvSpellID");
          LocalDate spellStarted = spellStart.get(spell);
          assertNotNull(spellStarted, () -> "ward stay without spell " + row.values());
          LocalDate start = LocalDate.parse(row.get("StartDateWardStay"));
          String end = row.get("EndDateWardStay");
          assertOpenInMonth(spell, start, end, first, last);
          assertFalse(start.isBefore(spellStarted), () -> "stay before its spell " + spell);
          // The spell ends when its last stay does: an open stay has an open spell.
          assertEquals(end.isEmpty(), spellDischarge.get(spell).isEmpty(), spell);
          String ward = org + "|" + row.get("WardCode");
          String type = row.get("HospitalBedTypeMH");
          // MHSDS v6 bed types (the month is after April 2024): 200 adult acute, 201 older adult.
          assertTrue(Set.of("200", "201", "202", "206").contains(type), type);
          String before = bedTypeOfWard.putIfAbsent(ward, type);
          assertTrue(before == null || before.equals(type), () -> ward + " has two bed types");
          stays[0]++;
          stays[1] += start.isBefore(first) ? 1 : 0;
        });
    assertEquals(spellStart.size(), stays[0], "one ward stay per spell");
    double before = (double) stays[1] / stays[0];
    assertTrue(before > 0.3 && before < 0.9, "share of stays begun before the month " + before);
    assertTrue(bedTypeOfWard.containsValue("200") && bedTypeOfWard.containsValue("201"));
  }

  private static void assertOpenInMonth(
      String what, LocalDate start, String end, LocalDate first, LocalDate last) {
    assertFalse(start.isAfter(last), () -> what + " starts after the month");
    if (!end.isEmpty()) {
      LocalDate ended = LocalDate.parse(end);
      assertFalse(ended.isBefore(first), () -> what + " ended before the month");
      assertFalse(ended.isBefore(start), () -> what + " ends before it starts");
    }
  }

  @Test
  void everyEsrTeamIsATeamOfTheReferralTeamTables() {
    long[] withTeam = new long[1];
    LandingFixture.forEachRow(
        root,
        "esr",
        "staff_in_post",
        row -> {
          String team = row.get("Team_Local_Id");
          if (!team.isEmpty()) {
            withTeam[0]++;
            assertTrue(
                allTeams.contains(row.get("Org_Code") + "|" + team),
                () ->
                    "ESR team "
                        + row.get("Org_Code")
                        + " "
                        + team
                        + " is in no referral-team table");
          }
        });
    assertTrue(withTeam[0] > 1000, () -> "ESR assignments with a team: " + withTeam[0]);
  }

  @Test
  void esrAssignmentsJoinSicknessAndUseConfStaffGroups() {
    Set<String> staffGroups = confCodes("clinical_staff_groups.csv", null);
    Map<String, Double> availableByAssignment = new HashMap<>();
    Set<String> wteValues = Set.of("1.00", "0.80", "0.60", "0.50", "0.40");
    LandingFixture.forEachRow(
        root,
        "esr",
        "staff_in_post",
        row -> {
          String key = row.get("Org_Code") + "|" + row.get("Assignment_Number");
          assertNotNull(orgTypes.get(row.get("Org_Code")), "unknown organisation " + key);
          assertTrue(row.get("Assignment_Number").matches("\\d{8}-\\d"), key);
          assertTrue(row.get("Unique_NHS_Identifier").matches("\\d{7,9}"), key);
          assertTrue(staffGroups.contains(row.get("Staff_Group")), row.get("Staff_Group"));
          assertTrue(wteValues.contains(row.get("Contracted_WTE")), row.get("Contracted_WTE"));
          assertTrue(row.decimal("Monthly_Pay_Cost") > 500, () -> "pay " + row.values());
          String careProfessional = row.get("CareProfLocalId");
          if (!careProfessional.isEmpty()) {
            String id = row.get("Org_Code") + "|" + careProfessional;
            assertTrue(
                allProfessionals.contains(id),
                () -> "ESR CareProfLocalId " + id + " is in no staff details table");
          }
          assertTrue(
              availableByAssignment.put(key, row.decimal("Contracted_WTE") * 31) == null,
              () -> "duplicate assignment " + key);
        });
    Set<String> sick = new HashSet<>();
    LandingFixture.forEachRow(
        root,
        "esr",
        "sickness",
        row -> {
          String key = row.get("Org_Code") + "|" + row.get("Assignment_Number");
          Double available = availableByAssignment.get(key);
          assertNotNull(available, "sickness row for no assignment " + key);
          // FTE days available = contracted WTE × calendar days in May (31).
          assertEquals(available, row.decimal("FTE_Days_Available"), 0.005, key);
          double daysSick = row.decimal("FTE_Days_Sick");
          assertTrue(daysSick >= 0 && daysSick <= available, key);
          sick.add(key);
        });
    assertEquals(availableByAssignment.keySet(), sick, "one sickness row per assignment");
  }

  /**
   * The {@code code} (or {@code staff_group}) column of a conf file on the classpath, restricted to
   * {@code codeSystem} when given.
   */
  /** The mapping file of a team-type code system, relative to {@code conf/}. */
  static String mappingFile(String codeSystem) {
    return switch (codeSystem) {
      case "CSDS.TeamType" -> "service_line_maps/csds_team_type.csv";
      case "MHSDS.ServTeamTypeRefToMH" -> "service_line_maps/mhsds_team_type.csv";
      default -> throw new IllegalArgumentException(codeSystem);
    };
  }

  static Set<String> confCodes(String file, String codeSystem) {
    try (InputStream in =
        ReferentialIntegrityTest.class.getResourceAsStream("/mhcs/conf/" + file)) {
      assertNotNull(in, "conf/" + file + " is not on the classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = LandingFixture.parseLine(reader.readLine());
      int codeColumn = header.contains("code") ? header.indexOf("code") : 0;
      int systemColumn = header.indexOf("code_system");
      Set<String> codes = new HashSet<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = LandingFixture.parseLine(line);
        if (codeSystem == null || fields.get(systemColumn).equals(codeSystem)) {
          codes.add(fields.get(codeColumn));
        }
      }
      return codes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
