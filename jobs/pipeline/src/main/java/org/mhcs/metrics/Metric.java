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

  /**
   * Starts the declaration of metric {@code id}; each part is then named where it is given ({@code
   * minDenominator(…)}, not a bare number in a long argument list). Scale is 1 unless set; a metric
   * has no opportunity and no funnel limits unless given.
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * The metric's definition in words, as the catalogue states it: {@code value = scale × numerator
   * ÷ denominator}, the scale left out when it is 1.
   */
  public String definition() {
    return (scale == 1 ? "" : MetricCatalogPage.number(scale) + " × ")
        + "("
        + numeratorDefinition
        + ") ÷ ("
        + denominatorDefinition
        + ")";
  }

  /** A metric's parts, named; {@link #build} checks that every required one was given. */
  public static final class Builder {
    private final String id;
    private String name;
    private String family;
    private String numeratorDefinition;
    private Column numerator;
    private String denominatorDefinition;
    private Column denominator;
    private double scale = 1;
    private String unit;
    private Direction direction;
    private Double minDenominator;
    private String grain;
    private Opportunity opportunity = Opportunity.NONE;
    private FunnelType funnel = FunnelType.NONE;

    private Builder(String id) {
      this.id = id;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder family(String family) {
      this.family = family;
      return this;
    }

    /** The numerator in words (for the catalogue) and over the family's aggregate table. */
    public Builder numerator(String definition, Column value) {
      this.numeratorDefinition = definition;
      this.numerator = value;
      return this;
    }

    /** The denominator in words (for the catalogue) and over the family's aggregate table. */
    public Builder denominator(String definition, Column value) {
      this.denominatorDefinition = definition;
      this.denominator = value;
      return this;
    }

    /** value = scale × numerator ÷ denominator (100 for percentages). */
    public Builder scale(double scale) {
      this.scale = scale;
      return this;
    }

    public Builder unit(String unit) {
      this.unit = unit;
      return this;
    }

    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    /** Organisations whose denominator is below it are reported but not benchmarked. */
    public Builder minDenominator(double minDenominator) {
      this.minDenominator = minDenominator;
      return this;
    }

    public Builder grain(String grain) {
      this.grain = grain;
      return this;
    }

    public Builder opportunity(Opportunity opportunity) {
      this.opportunity = opportunity;
      return this;
    }

    /** Gives the metric funnel-plot limits of {@code type} in {@code gold.org_position}. */
    public Builder funnel(FunnelType type) {
      this.funnel = type;
      return this;
    }

    public Metric build() {
      java.util.List<String> missing = new java.util.ArrayList<>();
      if (name == null) missing.add("name");
      if (family == null) missing.add("family");
      if (numerator == null) missing.add("numerator");
      if (denominator == null) missing.add("denominator");
      if (unit == null) missing.add("unit");
      if (direction == null) missing.add("direction");
      if (minDenominator == null) missing.add("minDenominator");
      if (grain == null) missing.add("grain");
      if (!missing.isEmpty()) {
        throw new IllegalStateException("metric " + id + " declares no " + missing);
      }
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
          funnel);
    }
  }
}
