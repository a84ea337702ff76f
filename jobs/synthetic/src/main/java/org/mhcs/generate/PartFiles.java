package org.mhcs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One table's output from one chunk of organisations: a file opened on the first row and rolled
 * over to a new one every {@code maxRowsPerFile} rows, so no part file is too big for Spark to
 * split the read.
 *
 * <p>Files are written under hidden working names ({@code .gen-<chunk>-<roll>.tmp}, which the
 * landing reader skips) and only given their final {@code part-NNNNN.csv} names by {@link #publish}
 * once every chunk is done, numbered in (chunk, roll) order: the names then depend on the data
 * alone, not on which thread finished first. Each file starts with the rows the schema puts above
 * the header (ERIC's group headings), then the header of file headings.
 */
final class PartFiles implements Closeable {
  private static final Pattern WORKING_NAME = Pattern.compile("\\.gen-\\d{5}-\\d{4}\\.tmp");
  private static final Pattern PART_NAME = Pattern.compile("part-\\d{5}\\.csv");

  private final LandingTable table;
  private final Path folder;
  private final int chunk;
  private final long maxRowsPerFile;
  private final LandingRow row;
  private CsvWriter current;
  private int rolls;
  private long closedRows;

  PartFiles(LandingTable table, Path folder, int chunk, long maxRowsPerFile, FaultInjector faults) {
    this.table = table;
    this.folder = folder;
    this.chunk = chunk;
    this.maxRowsPerFile = maxRowsPerFile;
    this.row = new LandingRow(table, faults);
  }

  /**
   * The next row, empty; call {@link LandingRow#end()} when it is filled in. A duplicate the fault
   * injector adds goes into the same file as its original, which may then hold one row more than
   * {@code maxRowsPerFile}.
   *
   * @param breakable see {@link LandingRow#begin}
   */
  LandingRow row(boolean breakable) {
    if (current == null || current.rows() >= maxRowsPerFile) {
      roll();
    }
    return row.begin(current, breakable);
  }

  /** Data rows written so far, duplicates included. */
  long rows() {
    return closedRows + (current == null ? 0 : current.rows());
  }

  private void roll() {
    close();
    String name = String.format(Locale.ROOT, ".gen-%05d-%04d.tmp", chunk, rolls++);
    current = startFile(table, folder.resolve(name));
  }

  /** A new file of {@code table} with the rows above the header and the header written. */
  private static CsvWriter startFile(LandingTable table, Path file) {
    LandingHeader header = table.header();
    CsvWriter writer = new CsvWriter(file, header.format());
    header.preamble().forEach(writer::headingRow);
    if (!header.format().headerless()) {
      writer.headingRow(header.headings());
    }
    return writer;
  }

  @Override
  public void close() {
    if (current != null) {
      closedRows += current.rows();
      current.close();
      current = null;
    }
  }

  /**
   * Removes what an earlier run left in the table's period folder (its {@code part-NNNNN.csv} files
   * and any working files), so a rerun replaces the period rather than adding to it. Other files
   * are left alone.
   */
  static void clear(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    for (Path file : list(folder)) {
      String name = file.getFileName().toString();
      if (WORKING_NAME.matcher(name).matches() || PART_NAME.matcher(name).matches()) {
        delete(file);
      }
    }
  }

  /**
   * Renames the working files to {@code part-00000.csv}, {@code part-00001.csv} … in name order
   * (chunk, then roll), replacing any file of that name (a reference table's single file). A table
   * no organisation wrote a row to still gets a header-only file, so every table is present.
   *
   * @return the number of part files
   */
  static int publish(LandingTable table, Path folder, YearMonth month) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
    List<Path> working = new ArrayList<>();
    for (Path file : list(folder)) {
      if (WORKING_NAME.matcher(file.getFileName().toString()).matches()) {
        working.add(file);
      }
    }
    working.sort(null);
    if (working.isEmpty()) {
      startFile(table, folder.resolve(table.fileName(0, month))).close();
      return 1;
    }
    for (int i = 0; i < working.size(); i++) {
      try {
        Files.move(
            working.get(i),
            folder.resolve(table.fileName(i, month)),
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot rename " + working.get(i), e);
      }
    }
    return working.size();
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
