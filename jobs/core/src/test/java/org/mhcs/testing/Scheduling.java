package org.mhcs.testing;

/**
 * How {@code mvn test} schedules test classes, two at a time in one JVM (see the Surefire
 * configuration in {@code jobs/pom.xml}).
 *
 * <p>Order ({@code @Order}; classes without one come after these): one worker takes classes from
 * the front of the queue and the other from the back, so the demo month's run starts first, slow
 * classes that need nothing shared keep the other worker busy meanwhile, and the classes that read
 * the demo month sit in the middle, reached once it exists.
 *
 * <p>Locks ({@code @ResourceLock}): what classes share besides the Spark session and cannot share
 * at the same time.
 */
public final class Scheduling {
  /** The class whose set-up runs the demo month ({@code GeneratedMonthRun}, ~3 minutes). */
  public static final int DEMO_MONTH = 1;

  /** Slow classes that build their own warehouses. */
  public static final int SLOW_ON_ITS_OWN = 2;

  /** Classes that read the demo month. */
  public static final int READS_DEMO_MONTH = 100;

  /**
   * Table names in the session's catalog ({@code gold.benchmark}, …): {@code ./mhcs sql}, notebooks
   * and as-of queries point them at their own warehouse, so two classes doing so at once could read
   * each other's tables.
   */
  public static final String SESSION_CATALOG = "mhcs.session-catalog";

  private Scheduling() {}
}
