package org.mhcs.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mhcs.benchmark.FunnelLimits.Limits;
import org.mhcs.metrics.FunnelType;

/**
 * {@link FunnelLimits#at}, which the report uses to draw funnel curves between organisations from
 * the parameters {@code gold.org_position} keeps, against FunnelPlotR's own limits: the reference
 * values of {@link FunnelLimitsTest} (R 4.2.2, printed to 10 significant digits), given the printed
 * centre and τ² and one organisation's denominator.
 */
class FunnelCurveTest {
  /** The parameters are printed to 10 significant digits: allow a relative 1e-8. */
  private static void assertLimits(double[] expected, Limits actual, String what) {
    double[] got = {actual.lower95(), actual.upper95(), actual.lower998(), actual.upper998()};
    String[] names = {"lower 95%", "upper 95%", "lower 99.8%", "upper 99.8%"};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], got[i], Math.abs(expected[i]) * 1e-8, what + " " + names[i]);
    }
  }

  @Test
  void adjustedProportionLimitsAtADenominatorAreFunnelPlotRs() {
    // FunnelLimitsTest's overdispersed proportions: pooled 0.1756554307, τ² 0.005005081537;
    // unit A (30 of 200) and H (150 of 600).
    double target = 0.1756554307;
    double tau2 = 0.005005081537;
    assertLimits(
        new double[] {0.07502662598, 0.3072095762, 0.03495313911, 0.3923233676},
        FunnelLimits.at(FunnelType.PROPORTION, target, tau2, true, 1, 200).orElseThrow(),
        "A at 200");
    assertLimits(
        new double[] {0.08075807868, 0.2973867559, 0.04141018412, 0.3759213486},
        FunnelLimits.at(FunnelType.PROPORTION, target, tau2, true, 1, 600).orElseThrow(),
        "H at 600");
    // The same funnel unadjusted (τ² not applied): H's limits in the reference's table.
    assertLimits(
        new double[] {0.1462777321, 0.2071086155, 0.1303538025, 0.2261124481},
        FunnelLimits.at(FunnelType.PROPORTION, target, tau2, false, 1, 600).orElseThrow(),
        "H unadjusted");
  }

  @Test
  void percentScaleIsAppliedToTheCentreAndTheLimits() {
    // The underdispersed funnel in percent: centre 10.03745318%, unadjusted; A at 200.
    assertLimits(
        new double[] {6.269321158, 14.57192981, 4.473581859, 17.50186269},
        FunnelLimits.at(FunnelType.PROPORTION, 10.03745318, 0, false, 100, 200).orElseThrow(),
        "A at 200 in percent");
  }

  @Test
  void adjustedRateLimitsAtAnExposureAreFunnelPlotRs() {
    // FunnelLimitsTest's rates: pooled 2.359877489 contacts a day, τ² 0.02444737114; unit A has
    // 400 days (E = 943.95 after R's rounding), H 1,250.
    double target = 2.359877489;
    double tau2 = 0.02444737114;
    assertLimits(
        new double[] {1.725621262, 3.227256111, 1.440620506, 3.865710462},
        FunnelLimits.at(FunnelType.RATE, target, tau2, true, 1, 400).orElseThrow(),
        "A at 400");
    assertLimits(
        new double[] {1.733320768, 3.212920462, 1.450768214, 3.838670923},
        FunnelLimits.at(FunnelType.RATE, target, tau2, true, 1, 1250).orElseThrow(),
        "H at 1250");
  }

  @Test
  void unadjustedRateLimitsAreExactPoissonAroundTheCentre() {
    // FunnelPlotR's test: expected 15 gives 95% ratio limits 0.5596924 to 1.649348. At a pooled
    // rate of 2 per day, 7.5 days expect 15 events: limits 2 × those ratios.
    Limits at = FunnelLimits.at(FunnelType.RATE, 2, 0, false, 1, 7.5).orElseThrow();
    assertEquals(2 * 0.5596924, at.lower95(), 2e-7);
    assertEquals(2 * 1.649348, at.upper95(), 2e-6);
    assertTrue(at.lower998() < at.lower95() && at.upper998() > at.upper95(), at.toString());
  }

  @Test
  void noLimitsWhereTheExpectedCountRoundsToZero() {
    // 0.001 days at 2 a day expect 0.002 events, 0.00 to two decimals as R rounds it.
    assertTrue(FunnelLimits.at(FunnelType.RATE, 2, 0, false, 1, 0.001).isEmpty());
  }
}
