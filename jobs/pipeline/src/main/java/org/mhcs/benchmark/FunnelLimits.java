package org.mhcs.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.mhcs.metrics.FunnelType;

/**
 * Funnel-plot control limits with Spiegelhalter's overdispersion adjustment, as FunnelPlotR
 * (nhs-r-community, v0.5–0.6) computes them for proportions ({@code data_type = "PR"}): arcsine
 * square-root transform around the pooled proportion, z-scores winsorised at their 10th and 90th
 * percentiles (R's quantile type 7), φ = mean squared winsorised z, τ² by DerSimonian–Laird, and
 * limits at each organisation's own denominator. When φ ≤ 1 the variation is no more than chance
 * explains and the unadjusted limits are used, as FunnelPlotR does. FunnelPlotR truncates limits
 * that cross 0 or 1 on a lookup grid; here θ ± z·sd is clamped to [0, π/2], which is the same but
 * for tiny grid artefacts.
 */
public final class FunnelLimits {
  /** FunnelPlotR's own two-sided 95% and 99.8% normal quantiles. */
  public static final double Z95 = 1.959964;

  public static final double Z998 = 3.090232;

  /** Share of z-scores winsorised in each tail. */
  static final double TRIM = 0.1;

  public static final String HIGH = "high";
  public static final String LOW = "low";

  private FunnelLimits() {}

  /** One organisation: its numerator and denominator (a proportion's count and base). */
  public record Unit(String id, double numerator, double denominator) {}

  /** One organisation's limits, in the metric's scale, and where its value falls. */
  public record Position(
      String id,
      double value,
      double lower95,
      double upper95,
      double lower998,
      double upper998,
      String flag95,
      String flag998) {}

  /**
   * A whole funnel.
   *
   * @param target the pooled value (centre line), in the metric's scale
   * @param adjusted whether τ² widened the limits (false when φ ≤ 1)
   */
  public record Funnel(
      double target, double phi, double tau2, boolean adjusted, List<Position> units) {}

  /**
   * Limits for proportions numerator ÷ denominator, shown × {@code scale} (100 for percent).
   * Organisations with no denominator must be left out by the caller.
   */
  public static Funnel proportions(List<Unit> units, double scale) {
    return proportions(units, scale, true);
  }

  /** As {@link #proportions(List, double)}; {@code adjust} false gives the unadjusted limits. */
  static Funnel proportions(List<Unit> units, double scale, boolean adjust) {
    int n = units.size();
    double target = pooled(units);
    double theta = Math.asin(Math.sqrt(target));
    double[] z = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      Unit u = units.get(i);
      double y = Math.asin(Math.sqrt(u.numerator() / u.denominator()));
      double s = 1 / (2 * Math.sqrt(u.denominator()));
      z[i] = (y - theta) / s;
      weights[i] = 1 / (s * s);
    }
    double phi = meanSquareWinsorised(z);
    double tau2 = tau2(phi, weights);
    boolean adjusted = adjust && phi > 1;
    double spread = adjusted ? tau2 : 0;
    List<Position> positions = new ArrayList<>();
    for (Unit u : units) {
      double sd = Math.sqrt(1 / (4 * u.denominator()) + spread);
      double value = scale * u.numerator() / u.denominator();
      double l95 = scale * backTransformed(theta - Z95 * sd);
      double u95 = scale * backTransformed(theta + Z95 * sd);
      double l998 = scale * backTransformed(theta - Z998 * sd);
      double u998 = scale * backTransformed(theta + Z998 * sd);
      positions.add(
          new Position(
              u.id(), value, l95, u95, l998, u998, flag(value, l95, u95), flag(value, l998, u998)));
    }
    return new Funnel(scale * target, phi, tau2, adjusted, positions);
  }

  /**
   * Limits for rates numerator (events) ÷ denominator (exposure), shown × {@code scale}. Each
   * organisation's expected events are its exposure at the pooled rate, E = exposure × Σevents ÷
   * Σexposure, so its ratio O/E sits around 1; the ratio limits are FunnelPlotR's for standardised
   * ratios by its default SHMI method (E rounded to 2 decimals as R rounds, z = √E·ln(O/E), the
   * outer 10% of z-scores by rank left out of φ and τ², limits exp(±z·√(1/E + τ²)); exact Poisson
   * limits when φ ≤ 1), then × the pooled rate. An organisation with no events, or an expected
   * count that rounds to 0, has no log ratio: it has no limits here (FunnelPlotR would make every
   * limit infinite), though its exposure counts in the pooled rate.
   */
  public static Funnel rates(List<Unit> units, double scale) {
    double pooled = pooled(units);
    List<Unit> usable = new ArrayList<>();
    for (Unit u : units) {
      if (u.numerator() > 0 && roundedAsR(u.denominator() * pooled) > 0) {
        usable.add(u);
      }
    }
    int n = usable.size();
    double[] expected = new double[n];
    double[] ratio = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      Unit u = usable.get(i);
      double e = u.denominator() * pooled;
      // The plotted ratio uses E before rounding; z and the limits use it rounded.
      ratio[i] = u.numerator() / e;
      expected[i] = roundedAsR(e);
      z[i] = Math.sqrt(expected[i]) * Math.log(u.numerator() / expected[i]);
    }
    boolean[] kept = keptByRank(z);
    int m = 0;
    double sumSquares = 0;
    List<Double> weights = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (kept[i]) {
        m++;
        sumSquares += z[i] * z[i];
        weights.add(expected[i]);
      }
    }
    double phi = m == 0 ? 0 : sumSquares / m;
    double tau2 =
        m == 0 ? 0 : tau2(phi, weights.stream().mapToDouble(Double::doubleValue).toArray());
    boolean adjusted = phi > 1;
    List<Position> positions = new ArrayList<>();
    double toRate = scale * pooled;
    for (int i = 0; i < n; i++) {
      Unit u = usable.get(i);
      double e = expected[i];
      double sd = Math.sqrt(1 / e + tau2);
      double[] limits =
          adjusted
              ? new double[] {
                Math.exp(-Z95 * sd), Math.exp(Z95 * sd), Math.exp(-Z998 * sd), Math.exp(Z998 * sd)
              }
              : new double[] {
                poissonLower(e, 0.025), poissonUpper(e, 0.975),
                poissonLower(e, 0.001), poissonUpper(e, 0.999)
              };
      positions.add(
          new Position(
              u.id(),
              scale * u.numerator() / u.denominator(),
              limits[0] * toRate,
              limits[1] * toRate,
              limits[2] * toRate,
              limits[3] * toRate,
              flag(ratio[i], limits[0], limits[1]),
              flag(ratio[i], limits[2], limits[3])));
    }
    return new Funnel(toRate, phi, tau2, adjusted, positions);
  }

  /** The four limits of a funnel at one denominator, in the metric's scale. */
  public record Limits(double lower95, double upper95, double lower998, double upper998) {}

  /**
   * The limits a funnel gives at any denominator, from the parameters {@code gold.org_position}
   * keeps for it (centre, τ², whether adjusted), so that its curves can be drawn between
   * organisations: at an organisation's own denominator they are that organisation's limits, as
   * {@link #proportions} and {@link #rates} compute them. Empty where a rate's expected count
   * rounds to 0 (no limits there).
   *
   * @param target the funnel's centre in the metric's scale ({@code funnel_target})
   * @param scale the metric's scale (100 for percent)
   */
  public static Optional<Limits> at(
      FunnelType type,
      double target,
      double tau2,
      boolean adjusted,
      double scale,
      double denominator) {
    double pooled = target / scale;
    double spread = adjusted ? tau2 : 0;
    if (type == FunnelType.PROPORTION) {
      double theta = Math.asin(Math.sqrt(pooled));
      double sd = Math.sqrt(1 / (4 * denominator) + spread);
      return Optional.of(
          new Limits(
              scale * backTransformed(theta - Z95 * sd),
              scale * backTransformed(theta + Z95 * sd),
              scale * backTransformed(theta - Z998 * sd),
              scale * backTransformed(theta + Z998 * sd)));
    }
    if (type != FunnelType.RATE) {
      throw new IllegalArgumentException("no funnel limits for funnel type " + type);
    }
    double e = roundedAsR(denominator * pooled);
    if (!(e > 0)) {
      return Optional.empty();
    }
    double sd = Math.sqrt(1 / e + spread);
    return Optional.of(
        adjusted
            ? new Limits(
                target * Math.exp(-Z95 * sd),
                target * Math.exp(Z95 * sd),
                target * Math.exp(-Z998 * sd),
                target * Math.exp(Z998 * sd))
            : new Limits(
                target * poissonLower(e, 0.025),
                target * poissonUpper(e, 0.975),
                target * poissonLower(e, 0.001),
                target * poissonUpper(e, 0.999)));
  }

  /**
   * R's round(x, 2) (R 4): the nearer of the two 2-decimal neighbours in double arithmetic, an
   * exact tie going to the even hundredth.
   */
  static double roundedAsR(double x) {
    double hundredths = x * 100;
    double down = Math.floor(hundredths) / 100;
    double up = Math.ceil(hundredths) / 100;
    double below = x - down;
    double above = up - x;
    if (above < below || (above == below && Math.floor(hundredths) % 2 != 0)) {
      return up;
    }
    return down;
  }

  /**
   * SHMI's trimming: z-scores ranked (ties averaged) into 1/trim bands, the lowest and highest
   * bands left out.
   */
  static boolean[] keptByRank(double[] z) {
    int n = z.length;
    double k = 1 / TRIM;
    boolean[] kept = new boolean[n];
    for (int i = 0; i < n; i++) {
      double below = 0;
      double equal = 0;
      for (double v : z) {
        if (v < z[i]) {
          below++;
        } else if (v == z[i]) {
          equal++;
        }
      }
      double rank = below + (equal + 1) / 2;
      double band = Math.floor(rank * k / (n + 1));
      kept[i] = band > 0 && band < k - 1;
    }
    return kept;
  }

  /** Exact Poisson lower limit of the ratio for expected {@code e}: χ²(p, 2e) ÷ 2e. */
  static double poissonLower(double e, double p) {
    return chiSquared(2 * e).inverseCumulativeProbability(p) / (2 * e);
  }

  /** Exact Poisson upper limit of the ratio: χ²(p, 2(e + 1)) ÷ 2e. */
  static double poissonUpper(double e, double p) {
    return chiSquared(2 * (e + 1)).inverseCumulativeProbability(p) / (2 * e);
  }

  /** Commons Math's default inverse accuracy is only 1e-9: ask for what a double can give. */
  private static ChiSquaredDistribution chiSquared(double degreesOfFreedom) {
    return new ChiSquaredDistribution(null, degreesOfFreedom, 1e-14);
  }

  /** Σ numerators ÷ Σ denominators: the pooled proportion or rate, the funnel's centre. */
  private static double pooled(List<Unit> units) {
    double numerators = 0;
    double denominators = 0;
    for (Unit u : units) {
      numerators += u.numerator();
      denominators += u.denominator();
    }
    return numerators / denominators;
  }

  /** sin² of an angle clamped to [0, π/2], so limits stay within 0 and 1. */
  private static double backTransformed(double angle) {
    double a = Math.max(0, Math.min(Math.PI / 2, angle));
    double sin = Math.sin(a);
    return sin * sin;
  }

  /** Outside strictly: a value on a limit is inside, as FunnelPlotR counts it. */
  static String flag(double value, double lower, double upper) {
    return value > upper ? HIGH : value < lower ? LOW : null;
  }

  /** φ: the mean of the squared z-scores after clamping them to their 10th and 90th percentiles. */
  static double meanSquareWinsorised(double[] z) {
    double[] sorted = z.clone();
    Arrays.sort(sorted);
    double low = quantileType7(sorted, TRIM);
    double high = quantileType7(sorted, 1 - TRIM);
    double sum = 0;
    for (double v : z) {
      double w = v < low ? low : v > high ? high : v;
      sum += w * w;
    }
    return sum / z.length;
  }

  /** DerSimonian–Laird τ² from φ, with every organisation's weight 1/s². */
  static double tau2(double phi, double[] weights) {
    int n = weights.length;
    if (n * phi < n - 1) {
      return 0;
    }
    double sw = 0;
    double sw2 = 0;
    for (double w : weights) {
      sw += w;
      sw2 += w * w;
    }
    return Math.max(0, (n * phi - (n - 1)) / (sw - sw2 / sw));
  }

  /** R's default quantile (type 7): linear interpolation between order statistics. */
  static double quantileType7(double[] sorted, double p) {
    double index = (sorted.length - 1) * p;
    int lo = (int) Math.floor(index);
    int hi = (int) Math.ceil(index);
    double h = index - lo;
    return sorted[lo] + h * (sorted[hi] - sorted[lo]);
  }
}
