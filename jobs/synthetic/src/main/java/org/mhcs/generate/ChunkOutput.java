package org.mhcs.generate;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.mhcs.schema.Rule;

/**
 * Every table's part files for one chunk of organisations, opened lazily so that a chunk without,
 * say, any MHSDS submitter leaves no empty MHSDS files behind; and the chunk's fault injector,
 * which must be told whose rows follow ({@link #beginOrganisation}).
 */
final class ChunkOutput implements Closeable {
  private final Path landingDir;
  private final ReportingMonth month;
  private final int chunk;
  private final long maxRowsPerFile;
  private final FaultInjector faults;
  private final Map<LandingTable, PartFiles> files = new EnumMap<>(LandingTable.class);

  ChunkOutput(
      Path landingDir, ReportingMonth month, int chunk, long maxRowsPerFile, FaultInjector faults) {
    this.landingDir = landingDir;
    this.month = month;
    this.chunk = chunk;
    this.maxRowsPerFile = maxRowsPerFile;
    this.faults = faults;
  }

  /** The rows written next are {@code organisation}'s (their faults draw from its own stream). */
  void beginOrganisation(Organisation organisation) {
    faults.beginOrganisation(organisation);
  }

  /**
   * The next row of {@code table}, empty, for a row other rows may point at: the fault injector can
   * only duplicate it. Call {@link LandingRow#end()} when it is filled in.
   */
  LandingRow row(LandingTable table) {
    return files(table).row(false);
  }

  /**
   * The next row of {@code table}, empty, for a row the fault injector may break any way. If {@link
   * LandingRow#broken()} says so after {@link LandingRow#end()}, the caller must not write the rows
   * that would point at it.
   */
  LandingRow breakableRow(LandingTable table) {
    return files(table).row(true);
  }

  private PartFiles files(LandingTable table) {
    return files.computeIfAbsent(
        table,
        t -> new PartFiles(t, t.folder(landingDir, month.period()), chunk, maxRowsPerFile, faults));
  }

  /** Rows written to each table so far. */
  Map<LandingTable, Long> rows() {
    Map<LandingTable, Long> rows = new EnumMap<>(LandingTable.class);
    files.forEach((table, part) -> rows.put(table, part.rows()));
    return rows;
  }

  /** Rows broken so far, per table and rule. */
  Map<LandingTable, Map<Rule, Long>> faults() {
    return faults.injected();
  }

  @Override
  public void close() {
    for (PartFiles part : files.values()) {
      part.close();
    }
  }
}
