package org.mhcs.report;

import java.util.Locale;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.publish.Suppression;

/**
 * How the report writes numbers, the same on every page: percentages to 1 decimal ({@code 12.3%}),
 * pounds with thousands separators ({@code £1,234}; pence below £100: {@code £0.15}), other values
 * to 2 decimals below 100 and whole with separators above. Counts of people and events go through
 * {@link Suppression#cell}.
 */
public final class ValueFormat {
  /** Shown where there is no value. */
  public static final String NONE = "–";

  private static final String PERCENT = "percent";
  private static final String GBP = "GBP";

  private ValueFormat() {}

  /** A metric's value in its unit. */
  public static String value(Metric metric, Double value) {
    return value(metric.unit(), value);
  }

  /** A value in {@code unit} as {@code gold.metric_value.unit} spells it. */
  public static String value(String unit, Double value) {
    if (value == null || value.isNaN()) {
      return NONE;
    }
    if (PERCENT.equals(unit)) {
      return String.format(Locale.ROOT, "%.1f%%", value);
    }
    if (unit.startsWith(GBP)) {
      return Math.abs(value) >= 100
          ? String.format(Locale.ROOT, "£%,.0f", value)
          : String.format(Locale.ROOT, "£%,.2f", value);
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /**
   * A change between two values in the metric's unit, signed: {@code +1.2 points} for percentages
   * (a difference of percentages is in percentage points), {@code −£3.10}, {@code +0.05}.
   */
  public static String change(Metric metric, Double change) {
    if (change == null || change.isNaN()) {
      return NONE;
    }
    String sign = change > 0 ? "+" : change < 0 ? "−" : "";
    String size = value(metric.unit(), Math.abs(change));
    return sign + (PERCENT.equals(metric.unit()) ? size.replace("%", " points") : size);
  }

  /**
   * Whether a change is beyond chance, with its p value: {@code yes (p 0.003)}, {@code no (p
   * 0.41)}.
   */
  public static String significance(Boolean significant, Double pValue) {
    if (significant == null || pValue == null) {
      return NONE;
    }
    String p = pValue < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p %.3f", pValue);
    return (significant ? "yes" : "no") + " (" + p + ")";
  }

  /**
   * A value computed from counts, as published: masked ({@code *}) where either count is, so that
   * the value times a rounded count cannot give a masked count back.
   */
  public static String derived(Metric metric, Double value, Double numerator, Double denominator) {
    return Suppression.MASK.equals(Suppression.cell(numerator))
            || Suppression.MASK.equals(Suppression.cell(denominator))
        ? Suppression.MASK
        : value(metric, value);
  }

  /** A numerator or denominator as published: small-number suppression applied. */
  public static String count(Double value) {
    String cell = Suppression.cell(value);
    return cell == null ? NONE : cell;
  }

  /**
   * A suppressed count as a number to plot, or null when masked: a chart may place a point at a
   * rounded count but never at the exact one.
   */
  public static Double plottableCount(Double value) {
    String cell = Suppression.cell(value);
    if (cell == null || cell.equals(Suppression.MASK)) {
      return null;
    }
    return Double.parseDouble(cell);
  }

  /** An axis label for a metric's unit: {@code %} for percent, {@code £} for GBP. */
  public static String axisLabel(Metric metric) {
    String unit = metric.unit();
    if (PERCENT.equals(unit)) {
      return "%";
    }
    return unit.startsWith(GBP) ? "£" + unit.substring(GBP.length()) : unit;
  }

  /** An opportunity amount in its unit: whole pounds, otherwise 1 decimal. */
  public static String opportunity(String unit, Double amount) {
    if (amount == null) {
      return NONE;
    }
    return Units.GBP.equals(unit)
        ? String.format(Locale.ROOT, "£%,.0f", amount)
        : String.format(Locale.ROOT, "%,.1f", amount);
  }

  /** A threshold from the catalogue (a minimum denominator): whole, or to 3 decimals. */
  public static String threshold(double x) {
    return x == Math.rint(x)
        ? String.format(Locale.ROOT, "%,.0f", x)
        : String.format(Locale.ROOT, "%.3f", x);
  }

  /** A percentile rank, whole. */
  public static String rank(Double rank) {
    return rank == null ? NONE : String.format(Locale.ROOT, "%.0f", rank);
  }

  /** A peer distance, 3 decimals as {@code ./mhcs peers} prints it. */
  public static String distance(double distance) {
    return String.format(Locale.ROOT, "%.3f", distance);
  }
}
