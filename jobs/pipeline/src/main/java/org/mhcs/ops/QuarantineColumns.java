package org.mhcs.ops;

/** Columns of {@code ops.quarantine}: one row per rejected landing row. */
public final class QuarantineColumns {
  public static final String PERIOD = "period";
  public static final String SOURCE_TABLE = "source_table";

  /** The organisation that submitted the row (trimmed), or null when the table has none. */
  public static final String SUBMITTER = "submitter";

  public static final String SOURCE_FILE = "source_file";
  public static final String LINE = "line";
  public static final String FIELD = "field";
  public static final String RULE = "rule";
  public static final String VALUE = "value";

  /** Every rule the row broke, comma-separated; {@code rule} is the first. */
  public static final String ALL_RULES = "all_rules";

  public static final String RUN_ID = "run_id";

  private QuarantineColumns() {}
}
