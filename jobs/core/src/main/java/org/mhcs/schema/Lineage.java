package org.mhcs.schema;

import java.util.List;

/** Lineage columns that bronze adds to every landed row and silver carries through. */
public final class Lineage {
  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE = "_line";
  public static final String RUN_ID = "_run_id";
  public static final String INGESTED_AT = "_ingested_at";

  /** The period label: {@code 2024-06}, a financial year {@code 2024-25}, or {@code none}. */
  public static final String PERIOD = "_period";

  /** Identifies the exact landed file (name, contents, declaration, hash key) a row came from. */
  public static final String FINGERPRINT = "_fingerprint";

  /** Every lineage column, in the order bronze and silver store them after the data. */
  public static final List<String> ALL =
      List.of(SOURCE_FILE, LINE, FINGERPRINT, RUN_ID, INGESTED_AT, PERIOD);

  /**
   * Silver only, in tables judged by field: the fields nulled because they broke their rule
   * (comma-separated, null when none), so a figure built from one can be left out rather than taken
   * as not returned. {@code ops.quarantined_fields} says why.
   */
  public static final String NULLED_FIELDS = "_nulled_fields";

  /** Bronze only: columns the file had but the schema does not declare, by heading. */
  public static final String EXTRA = "_extra";

  /** Bronze only: why a record's shape is wrong (field count), or null. */
  public static final String MALFORMED = "_malformed";

  private Lineage() {}

  /**
   * The columns a landing table's bronze and silver rows are selected by, besides the period they
   * are partitioned by: the file (a reload replaces a file's rows) and the submitter (a reload
   * revalidates a submitter's rows). Delta keeps file statistics on these alone.
   */
  public static List<String> statsColumns(LandingTableSpec spec) {
    return spec.submitter() == null ? List.of(SOURCE_FILE) : List.of(spec.submitter(), SOURCE_FILE);
  }
}
