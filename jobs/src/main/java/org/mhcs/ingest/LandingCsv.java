package org.mhcs.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Sensitivity;

/**
 * Reads landing CSV files as text rows in the declared column order, streaming one record at a time
 * (a file is never held in memory), with each row's file and line for lineage. Sensitive columns
 * are pseudonymised here, as the row is read, so no clear identifier is ever written.
 */
public final class LandingCsv implements Serializable {
  private final List<String> columns;
  private final boolean[] sensitive;
  private final Pseudonymiser pseudonymiser;

  public LandingCsv(LandingTableSpec spec, Pseudonymiser pseudonymiser) {
    this.columns = spec.columnNames();
    this.sensitive = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      sensitive[i] = spec.columns().get(i).sensitivity() == Sensitivity.PSEUDONYMISE;
    }
    this.pseudonymiser = pseudonymiser;
  }

  /**
   * Checks the file's header against the schema (names matched case-insensitively, order free) and
   * returns where each declared column is. Runs on the driver before anything is written, so a bad
   * file stops the load before it half-happens.
   *
   * @throws LandingFileException naming the file and the fix when it is empty or lacks a required
   *     column
   */
  public static LandingFile open(Path file, String relativePath, LandingTableSpec spec) {
    String[] header;
    try (InputStream in = Files.newInputStream(file)) {
      CsvParser parser = new CsvParser(settings());
      parser.beginParsing(in, "UTF-8");
      header = parser.parseNext();
      parser.stopParsing();
    } catch (IOException e) {
      throw new LandingFileException(
          file, "cannot be read (" + e.getMessage() + ")", "Check the file's permissions.");
    }
    if (header == null) {
      throw new LandingFileException(
          file,
          "is empty (no header row)",
          "Re-export the file with a header row of the field names in schemas/landing/"
              + spec.source()
              + "/"
              + spec.table()
              + ".yaml.");
    }
    int[] positions = new int[spec.columns().size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      ColumnSpec column = spec.columns().get(i);
      positions[i] = indexOf(header, column.name());
      if (positions[i] < 0 && column.required()) {
        missing.add(column.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new LandingFileException(
          file,
          "lacks required column(s) " + missing,
          "Add them to the header (names match case-insensitively, in any order) or correct their"
              + " spelling; the table is declared in schemas/landing/"
              + spec.source()
              + "/"
              + spec.table()
              + ".yaml.");
    }
    return new LandingFile(file.toString(), relativePath, positions);
  }

  private static int indexOf(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i] != null
          && header[i].trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  private static CsvParserSettings settings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(false);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setNullValue(null);
    settings.setEmptyValue(null);
    settings.setMaxCharsPerColumn(1 << 16);
    settings.setMaxColumns(1024);
    settings.setIgnoreLeadingWhitespaces(true);
    settings.setIgnoreTrailingWhitespaces(true);
    return settings;
  }

  /**
   * The file's data rows: the declared columns as text, then {@code _source_file} and {@code _line}
   * (the line the record ends on; the header is line 1).
   */
  public Iterator<Row> rows(LandingFile file) {
    CsvParser parser = new CsvParser(settings());
    InputStream in;
    try {
      in = Files.newInputStream(Path.of(file.absolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parser.beginParsing(in, "UTF-8");
    parser.parseNext(); // header, checked by open()
    int[] positions = file.columnPositions();
    return new Iterator<>() {
      private String[] next = parser.parseNext();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Object[] values = new Object[positions.length + 2];
        for (int i = 0; i < positions.length; i++) {
          String value =
              positions[i] >= 0 && positions[i] < next.length ? next[positions[i]] : null;
          values[i] = sensitive[i] ? pseudonymiser.pseudonymise(value) : value;
        }
        values[positions.length] = file.relativePath();
        values[positions.length + 1] = parser.getContext().currentLine();
        next = parser.parseNext();
        if (next == null) {
          parser.stopParsing();
        }
        return RowFactory.create(values);
      }
    };
  }

  public List<String> columns() {
    return columns;
  }
}
