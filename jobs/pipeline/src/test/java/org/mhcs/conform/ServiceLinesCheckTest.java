package org.mhcs.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.conf.ConfigException;
import org.mhcs.conform.ServiceLines.Mapping;
import org.mhcs.testing.ConfCopies;

/** The bundled service-line definitions, and what the check says about broken ones. No Spark. */
class ServiceLinesCheckTest {
  private static final CodeLists CODE_LISTS = CodeLists.bundled();

  @Test
  void theBundledDefinitionsPassTheCheck() {
    ServiceLines lines = ServiceLines.bundled();
    assertTrue(lines.version().matches("2026\\.2@[0-9a-f]{8}"), lines.version());
    // The public ids of design/metrics.md, in its order: BI users and notebooks depend on them.
    assertEquals(
        List.of(
            "community_nursing",
            "health_visiting",
            "school_nursing",
            "podiatry",
            "physiotherapy",
            "occupational_therapy",
            "speech_language_therapy",
            "intermediate_care",
            "community_inpatient",
            "adult_cmht",
            "crisis_home_treatment",
            "early_intervention_psychosis",
            "camhs_community",
            "camhs_inpatient",
            "talking_therapies",
            "perinatal_mh",
            "eating_disorders",
            "adult_acute_inpatient",
            "older_adult_inpatient",
            "picu",
            "forensic_secure",
            "mh_rehabilitation",
            "learning_disability"),
        List.copyOf(lines.names().keySet()));
  }

  /**
   * A second method to the check's interval walk: month by month over each code's validity (bounded
   * to April 2019, when MHSDS v4.1 began, to March 2027), exactly one national mapping row holds,
   * and it names a service line or {@code excluded}.
   */
  @Test
  void everyCodeOfTheReferenceListsMapsOrIsDeliberatelyExcludedInEveryMonth() {
    ServiceLines lines = ServiceLines.bundled();
    int checked = 0;
    for (CodeSystem system : CodeSystem.values()) {
      if (system.codeList() == null) {
        continue;
      }
      for (Map<String, String> code : CODE_LISTS.rows(system.codeList())) {
        YearMonth first = bound(code.get("first_month"), YearMonth.of(2019, 4));
        YearMonth last = bound(code.get("last_month"), YearMonth.of(2027, 3));
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
          YearMonth month = m;
          List<Mapping> holding =
              lines.mappings().stream()
                  .filter(
                      x ->
                          x.system() == system
                              && x.orgCode() == null
                              && x.code().equalsIgnoreCase(code.get("code"))
                              && x.holdsIn(month))
                  .toList();
          assertEquals(1, holding.size(), system.id() + " " + code.get("code") + " in " + month);
          String target = holding.get(0).target();
          assertTrue(
              target.equals(ServiceLines.EXCLUDED) || lines.names().containsKey(target), target);
          checked++;
        }
      }
    }
    // MHSDS team types, bed types, CSDS team types and ERIC site types: thousands of code-months.
    assertTrue(checked > 5000, "code-months checked: " + checked);
  }

  @Test
  void everyProblemIsReportedWithItsFileAndLine() throws Exception {
    Path conf = ConfCopies.copy();
    String mhsds = "service_line_maps/mhsds_team_type.csv"; // header + 55 codes: A02 on line 3
    ConfCopies.append(
        conf,
        mhsds,
        "A02,Crisis team,adult_cmht,2025-01,,\n" // line 57
            + "A06,CMHT again,adult_cmht,,,\n" // line 58
            + "A99,Not a code,adult_cmht,,,\n"); // line 59
    ConfCopies.replace(
        conf,
        mhsds,
        "F06,Mental Health and Wellbeing Hubs,excluded,,,",
        "F06,Mental Health and Wellbeing Hubs,excluded,,2023-12,");
    String csds = "service_line_maps/csds_team_type.csv"; // header + 54 codes: 12 on line 12
    ConfCopies.append(conf, csds, "12,District nursing,district_nursing,,,\n"); // line 56
    String costCentres = "service_line_maps/esr_cost_centre.csv"; // header only
    ConfCopies.append(
        conf,
        costCentres,
        "CC9,Admin,excluded,,,A01,\n" // line 2
            + "CC8,Team,adult_cmht,2024-13,,A01,\n" // line 3
            + "CC7,Team,adult_cmht,2024-06,2024-01,A01,\n"); // line 4
    Files.writeString(conf.resolve("service_line_maps/extra.csv"), "code\n");

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ServiceLines.load(ConfFiles.directory(conf), CODE_LISTS));
    String m = e.getMessage();
    String f = "conf/service_line_maps/";
    List<String> expected =
        List.of(
            f
                + "mhsds_team_type.csv line 57: code 'A02' (2025-01 to open) overlaps line 3"
                + " (always to open)",
            f + "mhsds_team_type.csv line 58: code 'A06' is a duplicate of line 7",
            f
                + "mhsds_team_type.csv line 59: code 'A99' is not in"
                + " conf/code_lists/serv_team_type_ref_to_mh.csv",
            f
                + "mhsds_team_type.csv: code 'F06' (Mental Health and Wellbeing Hubs) of"
                + " conf/code_lists/serv_team_type_ref_to_mh.csv has no mapping from 2024-01",
            f
                + "csds_team_type.csv line 56: service_line 'district_nursing' is not in"
                + " conf/service_lines.csv",
            f + "csds_team_type.csv line 56: code '12' is a duplicate of line 12",
            f + "esr_cost_centre.csv line 2: code 'CC9' is excluded without a note",
            f + "esr_cost_centre.csv line 3: effective_from '2024-13' is not a month",
            f
                + "esr_cost_centre.csv line 4: effective_to 2024-01 is before effective_from"
                + " 2024-06",
            f + "extra.csv: not a mapping file");
    for (String problem : expected) {
      assertTrue(m.contains(problem), () -> "missing: " + problem + "\nin:\n" + m);
    }
    assertEquals(expected.size(), e.problems().size(), m);
  }

  @Test
  void theVersionChangesWithAnyEditEvenWithoutABump() {
    Path conf = ConfCopies.copy();
    String before = ServiceLines.load(ConfFiles.directory(conf), CODE_LISTS).version();
    assertEquals(ServiceLines.bundled().version(), before, "a copy has the bundled version");
    ConfCopies.replace(
        conf, "service_line_maps/ppib_category.csv", "Wound care,Common", "Wound Care,Common");
    String after = ServiceLines.load(ConfFiles.directory(conf), CODE_LISTS).version();
    assertEquals(before.substring(0, 7), after.substring(0, 7), "declared version 2026.2");
    assertNotEquals(before, after);
  }

  private static YearMonth bound(String month, YearMonth otherwise) {
    if (month == null || month.isEmpty()) {
      return otherwise;
    }
    YearMonth m = YearMonth.parse(month.toUpperCase(Locale.ROOT));
    return m;
  }
}
