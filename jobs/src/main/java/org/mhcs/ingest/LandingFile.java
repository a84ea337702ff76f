package org.mhcs.ingest;

import java.io.Serializable;

/**
 * One landing file ready to read: where it is, how lineage names it, its fingerprint, where each
 * declared column sits in its header (-1 when an optional column is absent), and the headings and
 * positions of columns the schema does not declare (kept in bronze's {@code _extra}), and whether
 * any record follows the header (a header-only file loads no rows and is reported).
 */
public record LandingFile(
    String absolutePath,
    String relativePath,
    String fingerprint,
    int headerWidth,
    int[] columnPositions,
    String[] extraHeadings,
    int[] extraPositions,
    boolean hasRecords)
    implements Serializable {}
