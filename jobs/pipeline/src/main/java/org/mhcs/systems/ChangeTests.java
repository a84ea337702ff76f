package org.mhcs.systems;

import org.apache.commons.math3.special.Erf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Whether a change between two periods is beyond what chance would give, from the counts each
 * period holds (docs/metrics.md states both tests). Each returns the two-sided p-value of a z
 * statistic under the standard normal, p = erfc(|z| ÷ √2), or null where the counts hold no
 * variance (a denominator of 0, or a pooled proportion of 0 or 1, or a pooled rate of 0).
 */
public final class ChangeTests {
  /** {@code test} of metrics with a proportion funnel: the two-proportion z-test. */
  public static final String TWO_PROPORTION_Z = "two_proportion_z";

  /** {@code test} of metrics with a rate funnel: the Poisson rate z-test. */
  public static final String POISSON_RATE_Z = "poisson_rate_z";

  /** A change is significant when its p-value is below this (two-sided, 5%). */
  public static final double SIGNIFICANCE = 0.05;

  private ChangeTests() {}

  /**
   * Two-proportion z-test of n1/d1 against n2/d2: pooled p = (n1 + n2) ÷ (d1 + d2), z = (n2/d2 −
   * n1/d1) ÷ √(p (1 − p) (1/d1 + 1/d2)).
   */
  public static Double twoProportion(double n1, double d1, double n2, double d2) {
    if (d1 <= 0 || d2 <= 0) {
      return null;
    }
    double pooled = (n1 + n2) / (d1 + d2);
    return twoSided(n2 / d2 - n1 / d1, pooled * (1 - pooled) * (1 / d1 + 1 / d2));
  }

  /**
   * Poisson rate z-test of n1 events over exposure d1 against n2 over d2: pooled rate r = (n1 + n2)
   * ÷ (d1 + d2), z = (n2/d2 − n1/d1) ÷ √(r (1/d1 + 1/d2)).
   */
  public static Double poissonRate(double n1, double d1, double n2, double d2) {
    if (d1 <= 0 || d2 <= 0) {
      return null;
    }
    double pooled = (n1 + n2) / (d1 + d2);
    return twoSided(n2 / d2 - n1 / d1, pooled * (1 / d1 + 1 / d2));
  }

  /** The p-value of {@code test} (one of the names above), null for no test or a missing count. */
  public static Double pValue(String test, Double n1, Double d1, Double n2, Double d2) {
    if (test == null || n1 == null || d1 == null || n2 == null || d2 == null) {
      return null;
    }
    return switch (test) {
      case TWO_PROPORTION_Z -> twoProportion(n1, d1, n2, d2);
      case POISSON_RATE_Z -> poissonRate(n1, d1, n2, d2);
      default -> throw new IllegalArgumentException("no change test named " + test);
    };
  }

  /** {@link #pValue} as a Spark column: counts of the earlier period first. */
  public static Column pValue(Column test, Column n1, Column d1, Column n2, Column d2) {
    return P_VALUE.apply(test, n1, d1, n2, d2);
  }

  private static final UserDefinedFunction P_VALUE =
      functions.udf(
          (UDF5<String, Double, Double, Double, Double, Double>) ChangeTests::pValue,
          DataTypes.DoubleType);

  private static Double twoSided(double difference, double variance) {
    if (!(variance > 0)) {
      return null;
    }
    return Erf.erfc(Math.abs(difference / Math.sqrt(variance)) / Math.sqrt(2));
  }
}
