package org.mhcs.metrics;

/** Which way is better for a metric; quartile 1 and opportunities follow it. */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  /** Neither way is better by itself: benchmarked for context, no opportunity. */
  CONTEXT
}
