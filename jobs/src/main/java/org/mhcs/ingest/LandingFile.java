package org.mhcs.ingest;

import java.io.Serializable;

/**
 * One landing file ready to read: where it is, how lineage names it, and where each declared column
 * sits in its header (-1 when an optional column is absent).
 */
public record LandingFile(String absolutePath, String relativePath, int[] columnPositions)
    implements Serializable {}
