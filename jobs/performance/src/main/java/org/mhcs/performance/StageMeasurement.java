package org.mhcs.performance;

/**
 * One stage of one benchmarked run. {@code rows} is what the stage worked through: landing rows
 * loaded (ingest), rows validated (silver), rows written (later stages). Heap is the most in use at
 * any 20 ms sample, garbage not yet collected included; files and bytes are the Parquet data files
 * the stage added to the warehouse.
 */
public record StageMeasurement(
    String period,
    String stage,
    double seconds,
    long rows,
    int cores,
    long peakHeapBytes,
    long gcMillis,
    long deltaFilesWritten,
    long deltaBytesWritten,
    long spilledBytes,
    int failedTasks) {

  public double rowsPerSecondPerCore() {
    return seconds <= 0 ? 0 : rows / seconds / cores;
  }
}
