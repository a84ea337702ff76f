package org.mhcs.pipeline;

/**
 * Told as each stage of a {@link MonthlyRun} starts and ends, in the run's thread: how {@code
 * ./mhcs bench} measures a stage's wall time, heap and files without the run knowing.
 */
public interface StageListener {
  StageListener NONE = new StageListener() {};

  default void started(String stage) {}

  default void finished(String stage) {}
}
