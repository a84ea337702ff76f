package org.mhcs.generate;

/**
 * Where a measure's 10th and 90th percentiles across trusts sit (e.g. direct care time in community
 * nursing, 33% to 80%). Trusts are placed in it on a log scale by a standard normal score, so the
 * median is the geometric mean of the two ends and a score of ±1.28 lands on them.
 */
record NationalRange(double p10, double p90) {
  private static final double Z90 = 1.2816;

  NationalRange {
    if (!(0 < p10 && p10 <= p90)) {
      throw new IllegalArgumentException("need 0 < p10 <= p90, got " + p10 + ", " + p90);
    }
  }

  /** The value a trust with standard normal score {@code z} has. */
  double at(double z) {
    double median = Math.sqrt(p10 * p90);
    return median * Math.exp(z * Math.log(p90 / p10) / (2 * Z90));
  }
}
