package org.mhcs.metrics;

/** What an organisation's opportunity is measured against. */
public enum TargetBasis {
  /** The national median (the default). */
  MEDIAN("median", "national median"),
  /** The better quartile boundary: p75 where higher is better, p25 where lower is better. */
  UPPER_QUARTILE("upper_quartile", "better quartile (p75 if higher is better, p25 if lower)"),
  /** The lowest value any organisation has (procurement: the lowest unit price paid). */
  NATIONAL_MIN("national_min", "national minimum");

  private final String id;
  private final String description;

  TargetBasis(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** As {@code gold.opportunity.target_basis} spells it. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static TargetBasis parse(String id) {
    for (TargetBasis b : values()) {
      if (b.id.equals(id)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "target basis '" + id + "' is not one of median, upper_quartile, national_min");
  }
}
