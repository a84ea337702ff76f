package org.mhcs.generate;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every table's part files for one chunk of organisations, opened lazily so that a chunk without,
 * say, any MHSDS submitter leaves no empty MHSDS files behind.
 */
final class ChunkOutput implements Closeable {
  private final Path landingDir;
  private final YearMonth period;
  private final int chunk;
  private final long maxRowsPerFile;
  private final Map<LandingTable, PartFiles> files = new EnumMap<>(LandingTable.class);

  ChunkOutput(Path landingDir, YearMonth period, int chunk, long maxRowsPerFile) {
    this.landingDir = landingDir;
    this.period = period;
    this.chunk = chunk;
    this.maxRowsPerFile = maxRowsPerFile;
  }

  /** The next row of {@code table}, empty; call {@link LandingRow#end()} when it is filled in. */
  LandingRow row(LandingTable table) {
    return files
        .computeIfAbsent(
            table, t -> new PartFiles(t, t.folder(landingDir, period), chunk, maxRowsPerFile))
        .row();
  }

  /** Rows written to each table so far. */
  Map<LandingTable, Long> rows() {
    Map<LandingTable, Long> rows = new EnumMap<>(LandingTable.class);
    files.forEach((table, part) -> rows.put(table, part.rows()));
    return rows;
  }

  @Override
  public void close() {
    for (PartFiles part : files.values()) {
      part.close();
    }
  }
}
