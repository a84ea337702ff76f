package org.mhcs.metrics;

/** Whether a metric gets funnel-plot limits in {@code gold.org_position}, and which kind. */
public enum FunnelType {
  NONE("none"),
  /** A count of a subset over the count it is taken from (DNAs of booked contacts, days sick). */
  PROPORTION("proportion (arcsine square-root; FunnelPlotR PR)"),
  /**
   * Events over exposure (contacts per clinical day): observed over expected at the pooled rate.
   */
  RATE("rate (observed ÷ expected at the pooled rate; FunnelPlotR SR, SHMI method)");

  private final String description;

  FunnelType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
