package org.mhcs.metrics;

import org.apache.spark.sql.Column;

/**
 * One metric, declared once: everything else (gold rows, benchmarks, opportunities, the catalogue)
 * is derived from this declaration.
 *
 * @param id public id, stable once published (metrics.md)
 * @param numeratorDefinition the numerator in words, for the catalogue
 * @param numerator the numerator over the family's per-organisation aggregate table
 * @param scale value = scale × numerator ÷ denominator (100 for percentages)
 * @param minDenominator organisations below it are reported but not benchmarked
 * @param grain what one value describes
 * @param funnel whether {@code gold.org_position} gives it funnel-plot limits
 */
public record Metric(
    String id,
    String name,
    String family,
    String numeratorDefinition,
    Column numerator,
    String denominatorDefinition,
    Column denominator,
    double scale,
    String unit,
    Direction direction,
    double minDenominator,
    String grain,
    Opportunity opportunity,
    FunnelType funnel) {

  /** A metric without funnel limits. */
  public Metric(
      String id,
      String name,
      String family,
      String numeratorDefinition,
      Column numerator,
      String denominatorDefinition,
      Column denominator,
      double scale,
      String unit,
      Direction direction,
      double minDenominator,
      String grain,
      Opportunity opportunity) {
    this(
        id,
        name,
        family,
        numeratorDefinition,
        numerator,
        denominatorDefinition,
        denominator,
        scale,
        unit,
        direction,
        minDenominator,
        grain,
        opportunity,
        FunnelType.NONE);
  }

  /** The same metric with funnel limits of {@code type}. */
  public Metric withFunnel(FunnelType type) {
    return new Metric(
        id,
        name,
        family,
        numeratorDefinition,
        numerator,
        denominatorDefinition,
        denominator,
        scale,
        unit,
        direction,
        minDenominator,
        grain,
        opportunity,
        type);
  }
}
