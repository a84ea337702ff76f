package org.mhcs.systems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The two change tests on counts small enough to follow by hand, each checked a second way. */
class ChangeTestsTest {
  @Test
  void twoProportionTestOfTheGoldenIcbsJuneToJuly() {
    // 100 of 2,000 days sick, then 130 of 2,000 (GoldenSystemsRunTest's QX1).
    // Pooled p = 230 / 4,000 = 0.0575; variance = 0.0575 × 0.9425 × (1/2,000 + 1/2,000)
    //   = 5.419375e-5, sd 0.0073616; z = (0.065 − 0.050) / 0.0073616 = 2.03759.
    // p = 2 × (1 − Φ(2.03759)) = 0.0415910 (scipy.stats.norm.sf × 2).
    // Second method: Pearson's chi-squared of the 2 × 2 table [[100, 1,900], [130, 1,870]], no
    //   continuity correction, is 4.15177 = z², and its p on 1 degree of freedom is 0.0415910
    //   (scipy.stats.chi2_contingency(correction=False)).
    assertEquals(0.0415910202, ChangeTests.twoProportion(100, 2000, 130, 2000), 1e-9);
    // The same counts the other way round: the same p (the test is two-sided).
    assertEquals(0.0415910202, ChangeTests.twoProportion(130, 2000, 100, 2000), 1e-9);
  }

  @Test
  void poissonRateTestWithUnequalExposures() {
    // 30 events in 200 days (0.15 a day), then 45 in 150 (0.30 a day).
    // Pooled rate = 75 / 350 = 0.2142857; variance = 0.2142857 × (1/200 + 1/150) = 0.0025,
    //   sd 0.05; z = (0.30 − 0.15) / 0.05 = 3.0; p = 2 × (1 − Φ(3)) = 0.0026998.
    // Second method: given 75 events in all, the second period's count is Binomial(75, 150/350)
    //   when the rate did not change; its normal approximation (45 − 75 × 3/7) ÷ √(75 × 3/7 ×
    //   4/7) = 12.857 / 4.2857 = 3.0, the same z.
    assertEquals(0.0026997961, ChangeTests.poissonRate(30, 200, 45, 150), 1e-9);
    // Equal exposures: 100 then 130 in 50 days each: z = 0.6 / √(2.3 × 0.04) = 1.97814,
    //   p = 0.0479128.
    assertEquals(0.0479127550, ChangeTests.poissonRate(100, 50, 130, 50), 1e-9);
  }

  @Test
  void noVarianceInTheCountsGivesNoPValue() {
    // Nothing happened in either period: a pooled proportion of 0, a pooled rate of 0.
    assertNull(ChangeTests.twoProportion(0, 100, 0, 100));
    assertNull(ChangeTests.poissonRate(0, 100, 0, 50));
    // Everything happened in both: pooled proportion 1.
    assertNull(ChangeTests.twoProportion(100, 100, 50, 50));
    // A numerator above its denominator is no proportion: pooled 1.5, negative variance.
    assertNull(ChangeTests.twoProportion(150, 100, 150, 100));
    // A period without a denominator.
    assertNull(ChangeTests.twoProportion(5, 0, 5, 100));
    assertNull(ChangeTests.poissonRate(5, 100, 5, 0));
    // No test for the metric, or a count missing.
    assertNull(ChangeTests.pValue(null, 1.0, 10.0, 2.0, 10.0));
    assertNull(ChangeTests.pValue(ChangeTests.TWO_PROPORTION_Z, null, 10.0, 2.0, 10.0));
  }
}
