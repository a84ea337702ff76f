package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Test support for calibration: percentiles as the benchmarks compute them, and assertions that a
 * metric's values across organisations (or wards, or rosters) sit in the range the review saw, each
 * printing the value it checked.
 */
final class MetricRanges {
  private MetricRanges() {}

  /** Linear interpolation between order statistics (percentile_cont). */
  static double percentile(Collection<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    double rank = p * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.size() - 1);
    return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
  }

  /** The median of at least five values lies in [low, high]. */
  static void assertMedianIn(String what, Collection<Double> values, double low, double high) {
    assertTrue(values != null && values.size() >= 5, what + ": too few values " + values);
    double median = percentile(values, 0.5);
    report(what + " (median)", median);
    assertTrue(
        median >= low && median <= high,
        String.format(Locale.ROOT, "%s: median %.2f outside %.2f–%.2f", what, median, low, high));
  }

  /** Every one of at least five values lies in [low, high]. */
  static void assertAllIn(String what, Collection<Double> values, double low, double high) {
    assertTrue(values != null && values.size() >= 5, what + ": too few values " + values);
    double min = percentile(values, 0);
    double max = percentile(values, 1);
    report(what + " (min)", min);
    report(what + " (max)", max);
    assertTrue(
        min >= low && max <= high,
        String.format(
            Locale.ROOT, "%s: %.2f to %.2f, not within %.2f–%.2f", what, min, max, low, high));
  }

  static void report(String what, double value) {
    System.out.printf(Locale.ROOT, "calibration: %s = %.2f%n", what, value);
  }
}
