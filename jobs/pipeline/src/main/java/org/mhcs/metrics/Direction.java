package org.mhcs.metrics;

/** Which way is better for a metric; quartile 1 and opportunities follow it. */
public enum Direction {
  HIGHER_IS_BETTER("higher"),
  LOWER_IS_BETTER("lower"),
  /** Neither way is better by itself: benchmarked for context, no opportunity. */
  CONTEXT("context");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** How the catalogue says it: higher, lower or context. */
  public String label() {
    return label;
  }
}
