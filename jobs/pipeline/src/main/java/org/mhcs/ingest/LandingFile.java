package org.mhcs.ingest;

import java.io.Serializable;

/**
 * One landing file ready to read: where it is, how lineage names it, its fingerprint, where each
 * declared column sits in its header (-1 when an optional column is absent), and the headings and
 * positions of columns the schema does not declare (kept in bronze's {@code _extra}), and how many
 * records follow the header as counted apart from the parser ({@link RecordCounter}), which the
 * reader checks its own count against (and the first line ending in a lone CR, the usual cause when
 * they differ; 0 for none). In a file without a header row (ODS extracts as published) the header
 * width is the first record's, and columns sit at their declared positions; {@code fileNameValues}
 * holds, per declared column, the value a {@code from_file_name} column takes from the file's name
 * (null for the other columns).
 */
public record LandingFile(
    String absolutePath,
    String relativePath,
    String fingerprint,
    int headerWidth,
    int[] columnPositions,
    String[] extraHeadings,
    int[] extraPositions,
    long records,
    long firstLoneCrLine,
    String[] fileNameValues)
    implements Serializable {
  /** A header-only file loads no rows and is reported. */
  public boolean hasRecords() {
    return records > 0;
  }
}
