package org.mhcs.generate;

import java.util.SplittableRandom;

/**
 * A reproducible stream of random draws (uniform, normal, Poisson, gamma, weighted choice).
 *
 * <p>Every stream is seeded from the run seed and a few integers naming what it is for (an
 * organisation's index, the period, a purpose), so each organisation's rows depend only on those
 * and never on which thread wrote them or in what order. Only {@link SplittableRandom#nextLong()}
 * is used underneath and every distribution is computed here, so the output does not change with
 * the JDK's own samplers.
 */
final class RandomDraws {
  /** Purposes, mixed into the seed so that two streams for one organisation never coincide. */
  static final long REGISTER = 1;

  static final long TRAITS = 2;
  static final long CONTACTS = 3;
  static final long WORKFORCE = 4;
  static final long FAULTS = 5;
  static final long PATIENTS = 6;
  static final long WARDS = 7;
  static final long INPATIENTS = 8;
  static final long STAFF_TURNOVER = 9;
  static final long WARD_STAFFING = 10;
  static final long PURCHASING = 11;
  static final long ANNUAL_RETURNS = 12;

  private final SplittableRandom random;
  private double spareNormal;
  private boolean hasSpareNormal;

  private RandomDraws(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The stream for {@code purpose} and {@code parts} (organisation index, period …). */
  static RandomDraws forStream(long seed, long purpose, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ mix(purpose + 0x632BE59BD9B4E019L));
    for (long part : parts) {
      h = mix(h ^ mix(part + 0x2545F4914F6CDD1DL));
    }
    return new RandomDraws(h);
  }

  /** The SplitMix64 finaliser: spreads nearby seeds (org 1, org 2) far apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  double uniform() {
    return (random.nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [low, high). */
  double uniform(double low, double high) {
    return low + (high - low) * uniform();
  }

  /** Uniform integer in [0, bound). */
  int below(int bound) {
    return (int) ((random.nextLong() >>> 33) % bound);
  }

  boolean chance(double probability) {
    return uniform() < probability;
  }

  /** Standard normal (Marsaglia's polar method). */
  double normal() {
    if (hasSpareNormal) {
      hasSpareNormal = false;
      return spareNormal;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double factor = Math.sqrt(-2 * Math.log(s) / s);
    spareNormal = v * factor;
    hasSpareNormal = true;
    return u * factor;
  }

  /** Standard normal cut to [-limit, limit], so no organisation is absurdly far out. */
  double normal(double limit) {
    return Math.max(-limit, Math.min(limit, normal()));
  }

  /** Log-normal with the given mean and log-scale spread. */
  double logNormalWithMean(double mean, double sigma) {
    return mean * Math.exp(sigma * normal() - sigma * sigma / 2);
  }

  /** Poisson count; exact below a mean of 30, a rounded normal above (the error is immaterial). */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      double limit = Math.exp(-mean);
      double product = uniform();
      int count = 0;
      while (product > limit) {
        product *= uniform();
        count++;
      }
      return count;
    }
    return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
  }

  /** Gamma with mean 1 and integer shape (a sum of exponentials): a multiplier with skew. */
  double gammaMeanOne(int shape) {
    double product = 1;
    for (int i = 0; i < shape; i++) {
      product *= 1 - uniform();
    }
    return -Math.log(product) / shape;
  }

  /** An index drawn with the given cumulative weights (the last one is the total). */
  int pick(double[] cumulativeWeights) {
    double x = uniform() * cumulativeWeights[cumulativeWeights.length - 1];
    for (int i = 0; i < cumulativeWeights.length - 1; i++) {
      if (x < cumulativeWeights[i]) {
        return i;
      }
    }
    return cumulativeWeights.length - 1;
  }

  /** Cumulative sums of {@code weights}, for {@link #pick}. */
  static double[] cumulative(double... weights) {
    double[] sums = new double[weights.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      sums[i] = total;
    }
    return sums;
  }
}
