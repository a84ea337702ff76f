package org.mhcs.metrics;

/**
 * A metric's opportunity rule, declared with it.
 *
 * @param rule how the gap becomes something released
 * @param basis the default target ({@code gold.opportunity} also holds the median and the better
 *     quartile for every metric with a rule)
 * @param overlaps the metric whose opportunity this one restates another way (so it is left out of
 *     the family total), or null when it counts in the family total
 */
public record Opportunity(OpportunityRule rule, TargetBasis basis, String overlaps) {
  public static final Opportunity NONE =
      new Opportunity(OpportunityRule.NONE, TargetBasis.MEDIAN, null);

  /** The rule against the median, counted in the family total. */
  public static Opportunity of(OpportunityRule rule) {
    return new Opportunity(rule, TargetBasis.MEDIAN, null);
  }

  public Opportunity against(TargetBasis target) {
    return new Opportunity(rule, target, overlaps);
  }

  /**
   * The same release as {@code metricId}'s, measured another way: not added to the family total.
   */
  public Opportunity overlapping(String metricId) {
    return new Opportunity(rule, basis, metricId);
  }

  public boolean exists() {
    return rule != OpportunityRule.NONE;
  }

  public boolean inFamilyTotal() {
    return exists() && overlaps == null;
  }

  /** The rule in words for the catalogue. */
  public String describe() {
    if (!exists()) {
      return "none";
    }
    return rule.formula()
        + "; target "
        + basis.description()
        + (overlaps == null ? "" : "; not added to the family total (restates `" + overlaps + "`)");
  }
}
