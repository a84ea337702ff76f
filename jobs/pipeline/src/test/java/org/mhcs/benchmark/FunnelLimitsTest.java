package org.mhcs.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.benchmark.FunnelLimits.Funnel;
import org.mhcs.benchmark.FunnelLimits.Position;
import org.mhcs.benchmark.FunnelLimits.Unit;

/**
 * Funnel limits against values computed independently: a separate Python implementation of
 * FunnelPlotR's algorithms (PR and SR/SHMI), checked bit for bit against FunnelPlotR's own R code
 * (funnel_plot(..., data_type = "PR" / "SR")) run in R 4.2.2, printed to 10 significant digits. The
 * scripts and the algorithm notes are in test resources, reference/funnel/: {@code python3
 * funnel_reference.py} and {@code python3 funnel_reference_sr.py --compact} print every value used
 * here.
 */
class FunnelLimitsTest {
  private static List<Unit> units(int[][] counts) {
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      units.add(new Unit(String.valueOf((char) ('A' + i)), counts[i][0], counts[i][1]));
    }
    return units;
  }

  /** The reference printed 10 significant digits: compare to within one in the tenth. */
  private static void assertLimits(double[] expected, Position p) {
    String[] names = {"lower 95%", "upper 95%", "lower 99.8%", "upper 99.8%"};
    double[] actual = {p.lower95(), p.upper95(), p.lower998(), p.upper998()};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-9, p.id() + " " + names[i]);
    }
  }

  @Test
  void overdispersedProportionsWidenTheFunnelSoNoTrustIsFlagged() {
    Funnel f =
        FunnelLimits.proportions(
            units(
                new int[][] {
                  {30, 200}, {45, 250}, {12, 120}, {80, 400}, {25, 300},
                  {60, 310}, {9, 90}, {150, 600}, {18, 220}, {40, 180}
                }),
            1);
    // Pooled 469 / 2,670 = 0.1756554307; E's z −4.8368 and H's 4.4645 are winsorised to the 10th
    // and 90th percentiles (−4.2849, 1.8571); φ = 5.56166171; τ² = 0.005005081537.
    assertEquals(0.1756554307, f.target(), 1e-10);
    assertEquals(5.56166171, f.phi(), 1e-8);
    assertEquals(0.005005081537, f.tau2(), 1e-12);
    assertTrue(f.adjusted());
    double[][] limits = {
      {0.07502662598, 0.3072095762, 0.03495313911, 0.3923233676},
      {0.0766836696, 0.3043260446, 0.03678808349, 0.3875105539},
      {0.06984176776, 0.3164770235, 0.02939222015, 0.4077757838},
      {0.07926772117, 0.2999007789, 0.03970181791, 0.3801209811},
      {0.07781704044, 0.302374576, 0.03805836109, 0.3842523539},
      {0.07800206974, 0.3020575625, 0.03826689227, 0.3837229895},
      {0.06587133557, 0.3238429154, 0.02533384957, 0.420036342},
      {0.08075807868, 0.2973867559, 0.04141018412, 0.3759213486},
      {0.0757735847, 0.3059052209, 0.03577697259, 0.390146554},
      {0.07412737923, 0.3087898638, 0.03396870042, 0.3949600982}
    };
    for (int i = 0; i < limits.length; i++) {
      Position p = f.units().get(i);
      assertLimits(limits[i], p);
      assertEquals(null, p.flag95(), p.id());
      assertEquals(null, p.flag998(), p.id());
    }
  }

  @Test
  void withoutOverdispersionTheUnadjustedLimitsFlagNothingHere() {
    Funnel f =
        FunnelLimits.proportions(
            units(
                new int[][] {
                  {20, 200}, {26, 250}, {12, 120}, {41, 400}, {29, 300},
                  {31, 310}, {9, 90}, {60, 600}, {22, 220}, {18, 180}
                }),
            100);
    // φ = 0.004612222748 < 1: chance explains the spread, τ² = 0, limits unadjusted (in percent).
    assertEquals(0.004612222748, f.phi(), 1e-12);
    assertEquals(0, f.tau2());
    assertFalse(f.adjusted());
    assertEquals(10.03745318, f.target(), 1e-8);
    assertLimits(
        new double[] {6.269321158, 14.57192981, 4.473581859, 17.50186269}, f.units().get(0));
    assertLimits(
        new double[] {7.763432139, 12.56719522, 6.574061994, 14.13604071}, f.units().get(7));
  }

  @Test
  void unadjustedLimitsFlagTheTrustsChanceAloneCannotExplain() {
    Funnel f =
        FunnelLimits.proportions(
            units(
                new int[][] {
                  {30, 200}, {45, 250}, {12, 120}, {80, 400}, {25, 300},
                  {60, 310}, {9, 90}, {150, 600}, {18, 220}, {40, 180}
                }),
            1,
            false);
    // The reference's unadjusted table: H above both limits, E and I below both, C and G below
    // the 95% limits only; H's limits are (0.1462777321, 0.2071086155, 0.1303538025,
    // 0.2261124481).
    assertLimits(
        new double[] {0.1462777321, 0.2071086155, 0.1303538025, 0.2261124481}, f.units().get(7));
    StringBuilder flags = new StringBuilder();
    for (Position p : f.units()) {
      flags
          .append(p.id())
          .append(':')
          .append(p.flag95())
          .append('/')
          .append(p.flag998())
          .append(' ');
    }
    assertEquals(
        "A:null/null B:null/null C:low/null D:null/null E:low/low F:null/null G:low/null"
            + " H:high/high I:low/low J:null/null ",
        flags.toString());
  }

  @Test
  void ratesAreRatiosToThePooledRateWithShmiTrimming() {
    // Contacts over clinical days; reference: FunnelPlotR funnel_plot(O, X × pooled rate,
    // data_type = "SR") in R 4.2.2, and a separate Python port checked against it. Pooled rate
    // 15,410 / 6,530 = 2.359877489; D and E (highest and lowest z) are trimmed from φ and τ²;
    // φ = 26.33798898, τ² = 0.02444737114; nothing outside 99.8%, C, E, G and K below 95%.
    int[][] counts = {
      {900, 400}, {1500, 620}, {300, 180}, {2600, 1000}, {700, 410}, {1200, 450},
      {250, 150}, {3100, 1250}, {640, 330}, {1800, 700}, {420, 260}, {2000, 780}
    };
    Funnel f = FunnelLimits.rates(units(counts), 1);
    assertEquals(2.359877489, f.target(), 1e-9);
    assertEquals(26.33798898, f.phi(), 1e-7);
    assertEquals(0.02444737114, f.tau2(), 1e-11);
    assertTrue(f.adjusted());
    double[][] limits = {
      {1.725621262, 3.227256111, 1.440620506, 3.865710462},
      {1.729620972, 3.219793152, 1.445888747, 3.851625356},
      {1.712134104, 3.252678483, 1.42290773, 3.913831967},
      {1.7324074, 3.214614391, 1.449563063, 3.841862353},
      {1.725894959, 3.226744324, 1.440980783, 3.864743948},
      {1.726869482, 3.224923377, 1.442263851, 3.861305792},
      {1.707336081, 3.261819288, 1.416625801, 3.931187584},
      {1.733320768, 3.212920462, 1.450768214, 3.838670923},
      {1.723248713, 3.231699358, 1.437498815, 3.874105289},
      {1.730457, 3.218237587, 1.446990815, 3.848691852},
      {1.719625104, 3.238509224, 1.432735817, 3.886984395},
      {1.731122754, 3.21699992, 1.447868644, 3.846358427}
    };
    StringBuilder flags = new StringBuilder();
    for (int i = 0; i < limits.length; i++) {
      Position p = f.units().get(i);
      assertLimits(limits[i], p);
      flags.append(p.flag95() == null ? "" : p.id() + ":" + p.flag95() + " ");
      assertEquals(null, p.flag998(), p.id());
    }
    assertEquals("C:low E:low G:low K:low ", flags.toString());
  }

  @Test
  void exactPoissonLimitsMatchFunnelPlotRsOwnTest() {
    // FunnelPlotR's test suite: expected 15 gives 95% ratio limits (0.5596924, 1.649348).
    assertEquals(0.5596924, FunnelLimits.poissonLower(15, 0.025), 1e-7);
    assertEquals(1.649348, FunnelLimits.poissonUpper(15, 0.975), 1e-6);
  }

  @Test
  void expectedCountsAreRoundedAsRRoundsThem() {
    // R: round(0.125, 2) = 0.12 (0.125 is exact: the tie goes to the even hundredth);
    // round(2.675, 2) = 2.67 (2.675 is stored just below); round(1.005, 2) = 1 (below too).
    assertEquals(0.12, FunnelLimits.roundedAsR(0.125));
    assertEquals(2.67, FunnelLimits.roundedAsR(2.675));
    assertEquals(1.0, FunnelLimits.roundedAsR(1.005));
    assertEquals(943.95, FunnelLimits.roundedAsR(943.9509954));
  }

  @Test
  void quantilesAreRsTypeSeven() {
    // R: quantile(c(1, 2, 4, 8), c(0.1, 0.9)) = 1.3, 6.8
    double[] x = {1, 2, 4, 8};
    assertEquals(1.3, FunnelLimits.quantileType7(x, 0.1), 1e-12);
    assertEquals(6.8, FunnelLimits.quantileType7(x, 0.9), 1e-12);
  }
}
