package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.LandingTableSpec;

/**
 * Every generated row is valid against its table's schema (types, codes, ranges, required fields,
 * period and open-in-period dates, unique keys, references), and a landing written with a fault
 * rate breaks exactly the rows {@link GeneratedLanding#faults()} reports, each one rule: both
 * checked by {@link ContractRules}, which reads the files without the generator's help.
 */
class SchemaConformanceTest {
  private static final List<String> RULES =
      List.of(
          "malformed",
          "required",
          "type",
          "code_list",
          "range",
          "period",
          "open_in_period",
          "reference",
          "duplicate_key");

  @Test
  void aCleanLandingBreaksNoRuleInAnyTable() {
    GeneratedLanding landing = LandingFixture.demo();
    ContractRules.Result result = ContractRules.check(landing.landingDir());

    assertEquals(Map.of(), result.broken(), "rows breaking a rule, per table and rule");
    assertEquals(List.of(), result.multiple());
    // Every declared table is written and read back whole.
    Map<String, Long> expected = new TreeMap<>();
    for (LandingTableSpec spec : LandingFixture.GENERATED) {
      expected.put(spec.id(), landing.rows(spec.id()));
    }
    assertEquals(expected, result.rows());
    for (Map.Entry<String, Long> table : result.rows().entrySet()) {
      assertTrue(table.getValue() >= 25, () -> table + ": too few rows to mean anything");
    }
    assertEquals(0, landing.faultCount());
  }

  @Test
  void injectedFaultsAreExactlyTheRowsThatBreakARuleEachBreakingOne() {
    Path dir = LandingFixture.temporaryFolder("mhcs-faults-");
    double rate = 0.02;
    GeneratedLanding landing = SyntheticLanding.write(dir, LandingFixture.PERIOD, 0.01, 11, rate);
    ContractRules.Result result = ContractRules.check(dir);

    assertEquals(List.of(), result.multiple(), "rows breaking more than one rule");
    assertEquals(landing.faults(), result.broken(), "rows broken per table and rule");
    // Each rule is exercised somewhere, and about the asked share of rows is broken: parents
    // that others point at can only be duplicated, so a little less than the rate.
    Set<String> rulesSeen = new HashSet<>();
    result.broken().values().forEach(rules -> rulesSeen.addAll(rules.keySet()));
    assertEquals(Set.copyOf(RULES), rulesSeen);
    long rows = result.rows().values().stream().mapToLong(Long::longValue).sum();
    double share = (double) result.brokenRows() / rows;
    assertTrue(share > 0.7 * rate && share < 1.1 * rate, () -> "broken share " + share);
    assertEquals(landing.faultCount(), result.brokenRows());
  }
}
