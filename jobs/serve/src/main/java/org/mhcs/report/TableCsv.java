package org.mhcs.report;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mhcs.publish.CellText;
import org.mhcs.report.ReportView.Column;
import org.mhcs.report.ReportView.Table;

/**
 * A report table as the CSV file its page links to: the header, then each row's cells exactly as
 * the page shows them. Counts in a report table are already suppressed ({@link ValueFormat#count}),
 * so the download holds the same {@code *} and rounded counts as the page and reveals nothing the
 * page hides; text a spreadsheet would run as a formula is neutralised ({@link CellText}).
 */
final class TableCsv {
  private TableCsv() {}

  /** Writes {@code table} to {@code file} (UTF-8, comma-separated, quoted where needed). */
  static void write(Table table, Path file) throws IOException {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    // A value holding a quote is quoted, its quotes doubled (RFC 4180).
    settings.setQuoteEscapingEnabled(true);
    settings.setHeaders(table.columns().stream().map(Column::name).toArray(String[]::new));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      CsvWriter csv = new CsvWriter(out, settings);
      csv.writeHeaders();
      for (var row : table.texts()) {
        csv.writeRow(row.stream().map(CellText::neutralised).toArray());
      }
      csv.close();
    }
  }
}
