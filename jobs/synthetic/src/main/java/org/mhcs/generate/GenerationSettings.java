package org.mhcs.generate;

/**
 * How the work is split, which never changes what is written: threads, planned contacts per chunk
 * of trusts (each chunk writes its own part files), and the most rows one part file holds.
 */
record GenerationSettings(int threads, long contactsPerChunk, long maxRowsPerFile) {
  GenerationSettings {
    if (threads < 1 || contactsPerChunk < 1 || maxRowsPerFile < 1) {
      throw new IllegalArgumentException(
          "threads, contactsPerChunk and maxRowsPerFile must be positive, got "
              + threads
              + ", "
              + contactsPerChunk
              + ", "
              + maxRowsPerFile);
    }
  }

  /**
   * Up to four threads; about 800,000 contacts per chunk and at most a million rows per file, so
   * scale 1.0 gives a dozen or so part files per big table for Spark to read in parallel.
   */
  static GenerationSettings defaults() {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    return new GenerationSettings(threads, 800_000, 1_000_000);
  }
}
