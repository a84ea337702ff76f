package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources describe one world: the same organisations under the same codes in every source, the
 * same wards in MHSDS ward stays, the staffing returns and ESR, staffing returns whose patients at
 * midnight are the ward stays' count, leavers who were in post, ERIC sites that add up to their
 * trust, and purchase lines whose totals are quantity × price.
 */
class CrossSourceConsistencyTest {
  private static final Set<String> MENTAL_HEALTH_TYPES =
      Set.of("Mental health", "Combined MH and community");

  private static Path root;
  private static Map<String, String> orgTypes;

  @BeforeAll
  static void read() {
    root = LandingFixture.demo().landingDir();
    orgTypes = new TreeMap<>();
    LandingFixture.forEachRow(
        root,
        "ref",
        "organisation_types",
        row -> orgTypes.put(row.get("Org_Code"), row.get("Org_Type")));
  }

  @Test
  void everySourceNamesTheReferenceOrganisations() {
    Set<String> all = orgTypes.keySet();
    assertEquals(all, orgs("eric", "trust", "org_code"));
    assertEquals(all, orgs("finance", "trust_summary", "Org_Code"));
    assertEquals(all, orgs("esr", "staff_in_post", "Org_Code"));
    assertEquals(all, orgs("ppib", "purchase_line", "Org_Code"));
    assertTrue(all.containsAll(orgs("esr", "leavers", "Org_Code")));
    Set<String> mentalHealth = new TreeSet<>();
    orgTypes.forEach(
        (code, type) -> {
          if (MENTAL_HEALTH_TYPES.contains(type)) {
            mentalHealth.add(code);
          }
        });
    // Mental health trusts, and only they, submit MHSDS and run the wards.
    assertEquals(mentalHealth, orgs("mhsds", "MHS001MPI", "OrgIDProv"));
    assertEquals(mentalHealth, orgs("mhsds", "MHS502WardStay", "OrgIDProv"));
    assertEquals(mentalHealth, orgs("staffing", "ward_day", "Org_Code"));
    assertEquals(mentalHealth, orgs("staffing", "roster_period", "Org_Code"));
  }

  @Test
  void eachWardHasTheSameCodeInWardStaysStaffingReturnsAndEsr() {
    Set<String> wards = orgWards("mhsds", "MHS502WardStay", "OrgIDProv", "WardCode");
    assertTrue(wards.size() >= 30, "wards: " + wards.size());
    assertEquals(wards, orgWards("staffing", "ward_day", "Org_Code", "Ward_Code"));
    assertEquals(wards, orgWards("staffing", "roster_period", "Org_Code", "Ward_Code"));
    assertEquals(wards, orgWards("esr", "staff_in_post", "Org_Code", "Ward_Code"));
    // Ward staff work on the ward, not in a community team, and are nurses, support workers or
    // therapists.
    Set<String> wardGroups = new HashSet<>();
    LandingFixture.forEachRow(
        root,
        "esr",
        "staff_in_post",
        row -> {
          if (!row.get("Ward_Code").isEmpty()) {
            assertEquals("", row.get("Team_Local_Id"), row.values().toString());
            wardGroups.add(row.get("Staff_Group"));
          }
        });
    assertEquals(
        Set.of(
            "Nursing and Midwifery Registered",
            "Additional Clinical Services",
            "Allied Health Professionals"),
        wardGroups);
  }

  @Test
  void wardDaysAreOnePerWardPerDayWithPatientsAtMidnightCountedFromWardStays() {
    int days = LandingFixture.PERIOD.lengthOfMonth();
    Map<String, int[]> counted = WardCensus.count(root);
    Map<String, Set<String>> datesOfWard = new HashMap<>();
    Set<String> wardsWithout = new HashSet<>();
    long[] compared = new long[1];
    LandingFixture.forEachRow(
        root,
        "staffing",
        "ward_day",
        row -> {
          String ward = row.get("Org_Code") + "|" + row.get("Ward_Code");
          assertTrue(datesOfWard.computeIfAbsent(ward, k -> new HashSet<>()).add(row.get("Date")));
          int day = LocalDate.parse(row.get("Date")).getDayOfMonth() - 1;
          String patients = row.get("Patients_At_Midnight");
          if (patients.isEmpty()) {
            wardsWithout.add(ward);
          } else {
            assertEquals(counted.get(ward)[day], Integer.parseInt(patients), ward + " day " + day);
            compared[0]++;
          }
          double worked =
              row.decimal("RN_Hours") + row.decimal("HCSW_Hours") + row.decimal("AHP_Hours");
          assertTrue(
              row.decimal("Bank_Hours") + row.decimal("Agency_Hours") <= worked,
              () -> "bank and agency hours are part of the hours worked: " + row.values());
        });
    datesOfWard.forEach((ward, dates) -> assertEquals(days, dates.size(), ward));
    double shareWithout = (double) wardsWithout.size() / datesOfWard.size();
    assertTrue(
        shareWithout >= 0.08 && shareWithout <= 0.35,
        "wards without patients at midnight: " + shareWithout);
    assertTrue(compared[0] > 20 * days, "ward days compared: " + compared[0]);
  }

  @Test
  void leaversWereInPostAtTheirOrganisation() {
    Map<String, String> inPost = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        "esr",
        "staff_in_post",
        row ->
            inPost.put(
                row.get("Org_Code") + "|" + row.get("Assignment_Number"),
                row.get("Unique_NHS_Identifier")
                    + "|"
                    + row.get("Staff_Group")
                    + "|"
                    + row.get("Contracted_WTE")));
    long[] leavers = new long[1];
    LandingFixture.forEachRow(
        root,
        "esr",
        "leavers",
        row -> {
          String key = row.get("Org_Code") + "|" + row.get("Assignment_Number");
          assertEquals(
              inPost.get(key),
              row.get("Unique_NHS_Identifier")
                  + "|"
                  + row.get("Staff_Group")
                  + "|"
                  + row.get("Contracted_WTE"),
              () -> "leaver not in post as such: " + key);
          assertFalse(row.get("Leaving_Reason").isEmpty(), key);
          leavers[0]++;
        });
    assertTrue(leavers[0] >= 50, "leavers: " + leavers[0]);
  }

  @Test
  void ericSitesBelongToTheirTrustAndAddUpToIt() {
    Map<String, Double> trustArea = new HashMap<>();
    Map<String, Double> trustCost = new HashMap<>();
    Map<String, Integer> trustSites = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        "eric",
        "trust",
        row -> {
          trustArea.put(row.get("org_code"), row.grouped("gross_internal_floor_area_m2"));
          trustCost.put(row.get("org_code"), estatesCost(row));
          trustSites.put(row.get("org_code"), row.integer("total_sites"));
        });
    Map<String, Double> siteArea = new HashMap<>();
    Map<String, Double> siteCost = new HashMap<>();
    Map<String, Integer> listed = new HashMap<>();
    Map<String, Integer> aggregates = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        "eric",
        "site",
        row -> {
          String trust = row.get("org_code");
          assertNotNull(trustArea.get(trust), () -> "site of no ERIC trust: " + row.values());
          if (row.get("site_code").equals("AGGRE")) {
            aggregates.merge(trust, 1, Integer::sum);
          } else {
            assertTrue(row.get("site_code").startsWith(trust), row.get("site_code"));
            listed.merge(trust, 1, Integer::sum);
          }
          siteArea.merge(trust, row.grouped("gross_internal_floor_area_m2"), Double::sum);
          siteCost.merge(trust, estatesCost(row), Double::sum);
        });
    // The listed sites and the AGGRE row share out the trust's floor area and costs exactly (a
    // site's negative other hard FM included); the AGGRE row stands for at least one site.
    assertEquals(trustArea, siteArea, "site floor areas add up to the trust's");
    assertEquals(trustCost, siteCost, "site E&F costs add up to the trust's");
    assertEquals(trustSites.keySet(), aggregates.keySet(), "every trust has an AGGRE row");
    aggregates.forEach((trust, n) -> assertEquals(1, n, trust + " AGGRE rows"));
    trustSites.forEach(
        (trust, total) ->
            assertTrue(
                listed.getOrDefault(trust, 0) < total,
                trust + ": " + listed.get(trust) + " listed of " + total + " sites"));
  }

  /** Estates maintenance + other hard FM + other soft FM of an ERIC trust or site row. */
  private static double estatesCost(LandingFixture.CsvRow row) {
    return row.grouped("estates_maintenance_cost_gbp")
        + row.grouped("other_hard_fm_cost_gbp")
        + row.grouped("other_soft_fm_cost_gbp");
  }

  @Test
  void purchaseLinesTotalQuantityTimesPriceAndProductsAreTheSameEverywhere() {
    Map<String, String> product = new HashMap<>();
    long[] lines = new long[2]; // with a total, without
    List<String> mismatches = new ArrayList<>();
    LandingFixture.forEachRow(
        root,
        "ppib",
        "purchase_line",
        row -> {
          String described = row.get("Product_Description") + "|" + row.get("Category");
          String before = product.putIfAbsent(row.get("NPC"), described);
          assertTrue(before == null || before.equals(described), row.get("NPC"));
          if (row.get("Line_Total").isEmpty()) {
            lines[1]++;
            return;
          }
          lines[0]++;
          BigDecimal expected =
              new BigDecimal(row.get("Quantity")).multiply(new BigDecimal(row.get("Unit_Price")));
          if (expected.compareTo(new BigDecimal(row.get("Line_Total"))) != 0) {
            mismatches.add(row.values().toString());
          }
        });
    assertEquals(List.of(), mismatches);
    assertTrue(lines[1] > 0 && lines[1] < 0.1 * lines[0], "lines without a total: " + lines[1]);
    assertTrue(product.size() >= 25, "products: " + product.size());
  }

  private static Set<String> orgs(String source, String table, String column) {
    Set<String> orgs = new TreeSet<>();
    LandingFixture.forEachRow(root, source, table, row -> orgs.add(row.get(column)));
    return orgs;
  }

  private static Set<String> orgWards(String source, String table, String org, String ward) {
    Set<String> wards = new TreeSet<>();
    LandingFixture.forEachRow(
        root,
        source,
        table,
        row -> {
          if (!row.get(ward).isEmpty()) {
            wards.add(row.get(org) + "|" + row.get(ward));
          }
        });
    return wards;
  }
}
