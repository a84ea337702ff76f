package org.mhcs.ingest;

/** Lineage columns that bronze adds to every landed row and silver carries through. */
public final class Lineage {
  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE = "_line";
  public static final String RUN_ID = "_run_id";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String PERIOD = "_period";

  /** Identifies the exact landed input (file names and contents, hash key) a row came from. */
  public static final String FINGERPRINT = "_fingerprint";

  /** Every lineage column, in the order bronze and silver store them after the data. */
  public static final java.util.List<String> ALL =
      java.util.List.of(SOURCE_FILE, LINE, RUN_ID, INGESTED_AT, PERIOD, FINGERPRINT);

  /** The {@code _period} value of reference tables, which have no period. */
  public static final String NO_PERIOD = "none";

  private Lineage() {}
}
