package org.mhcs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.publish.CellText;
import org.mhcs.publish.Publication;
import org.mhcs.publish.SheetColumns;
import org.mhcs.publish.Suppression;
import org.mhcs.schema.Layer;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.schema.TableCatalog;
import org.mhcs.schema.TableCatalog.ColumnDoc;
import org.mhcs.schema.TableCatalog.TableDoc;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/** {@code ./mhcs export}: a gold or ops table as CSV or Excel, suppressed for publication. */
public final class ExportCommand implements Command {
  /** Excel's last row is 1,048,576; one is the header. */
  private static final int XLSX_MAX_ROWS = 1_048_575;

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "Export a gold or ops table to CSV or Excel for publication, counts suppressed."
        + "\nSmall-number suppression applies to the columns schemas/ marks as counts (1-7 shown"
        + "\nas *, others rounded to the nearest 5), and * marks figures computed from a masked"
        + "\ncount (suppress: derived)."
        + "\nExcel files get a second sheet describing each column. The file"
        + "\nappears whole or not at all.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.required("table", "LAYER.NAME", "table to export, e.g. gold.benchmark"),
        Option.optional("format", "csv|xlsx", null, "output format (default: from --out's suffix)"),
        Option.required("out", "FILE", "file to write"),
        Option.optional(
            "period",
            "YYYY-MM|YYYY-YY",
            null,
            "only this month and its financial year, or one financial year (default: every"
                + " period)"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    Path file = args.writableFile("out");
    String format = format(args.get("format"), file);
    Period period = args.get("period") == null ? null : args.runPeriod("period");
    TableCatalog catalog = TableCatalog.bundled(SchemaCatalog.bundled());
    TableDoc doc =
        catalog
            .table(args.get("table"))
            .orElseThrow(
                () ->
                    new UsageException(
                        "--table: no table "
                            + args.get("table")
                            + " is declared; ./mhcs tables lists them"));
    Table table = doc.table();
    if (table.layer() != Layer.GOLD && table.layer() != Layer.OPS) {
      throw new UsageException(
          "--table: only gold and ops tables are published; "
              + table.qualifiedName()
              + " holds row-level data");
    }
    if (period != null && doc.columns().stream().noneMatch(c -> c.name().equals(Columns.PERIOD))) {
      // The dimensions name codes across every period; there is nothing to select.
      throw new UsageException(
          "--period: "
              + table.qualifiedName()
              + " has no period column; leave out --period to export it whole");
    }
    Warehouse warehouse =
        Pipelines.warehouse(args.queryWarehouse(), Settings.load(args.settings()));
    if (!warehouse.exists(table)) {
      throw new UsageException(
          "the warehouse has no " + table.qualifiedName() + " yet: run ./mhcs run first");
    }
    Dataset<Row> rows = warehouse.read(table);
    if (period != null) {
      rows = rows.where(period.predicateWithYear(Columns.PERIOD));
    }
    Set<String> counts = catalog.suppressedColumns(table.qualifiedName());
    Set<String> derived = catalog.derivedColumns(table.qualifiedName());
    rows =
        Publication.of(
            rows, counts, derived, derived.isEmpty() ? null : warehouse.read(Table.METRIC_VALUE));
    Set<String> suppressed = new TreeSet<>(counts);
    suppressed.addAll(derived);
    long started = System.nanoTime();
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    long written;
    try {
      Files.createDirectories(file.getParent());
      written = format.equals("csv") ? csv(rows, partial) : xlsx(rows, doc, suppressed, partial);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // The partial file is only ever a leftover; the export itself has succeeded or failed.
      }
    }
    out.printf(
        "exported %,d rows of %s to %s (%s; suppressed: %s) in %.1f s%n",
        written,
        table.qualifiedName(),
        file,
        format,
        suppressed.isEmpty()
            ? "no count columns"
            : String.join(", ", suppressed.stream().sorted().toList()),
        (System.nanoTime() - started) / 1e9);
    return ExitCode.OK;
  }

  private static String format(String given, Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String format =
        given != null
            ? given.toLowerCase(Locale.ROOT)
            : name.endsWith(".xlsx") ? "xlsx" : name.endsWith(".csv") ? "csv" : "";
    if (!format.equals("csv") && !format.equals("xlsx")) {
      throw new UsageException("--format must be csv or xlsx (or give --out a .csv or .xlsx name)");
    }
    return format;
  }

  private static long csv(Dataset<Row> rows, Path file) throws IOException {
    try (OutputStream stream = Files.newOutputStream(file);
        PrintStream print = new PrintStream(stream, false, StandardCharsets.UTF_8)) {
      return SqlCommand.write(rows, print);
    }
  }

  /** Streams rows into the sheet (a window of rows in memory), numbers as numbers. */
  private static long xlsx(Dataset<Row> rows, TableDoc doc, Set<String> suppressed, Path file)
      throws IOException {
    String[] columns = rows.columns();
    try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      SXSSFSheet sheet = book.createSheet(doc.table().name());
      var header = sheet.createRow(0);
      for (int i = 0; i < columns.length; i++) {
        var cell = header.createCell(i);
        cell.setCellValue(columns[i]);
        cell.setCellStyle(bold);
      }
      SheetColumns widths = new SheetColumns(columns);
      long n = 0;
      for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        if (++n > XLSX_MAX_ROWS) {
          throw new IllegalArgumentException(
              doc.table().qualifiedName()
                  + " has more rows than an Excel sheet holds (1,048,575): export it as csv,"
                  + " or one --period");
        }
        var line = sheet.createRow((int) n);
        for (int i = 0; i < columns.length; i++) {
          if (row.isNullAt(i)) {
            continue;
          }
          Object value = row.get(i);
          if (value instanceof Number number) {
            line.createCell(i).setCellValue(number.doubleValue());
            widths.measure(i, number.doubleValue());
          } else if (suppressed.contains(columns[i]) && !Suppression.MASK.equals(value)) {
            // A published count or figure is text only so that it can say *; a number otherwise.
            line.createCell(i).setCellValue(Double.parseDouble((String) value));
            widths.measure(i, Double.parseDouble((String) value));
          } else {
            line.createCell(i).setCellValue(CellText.neutralised(String.valueOf(value)));
            widths.measure(i, CellText.neutralised(String.valueOf(value)));
          }
        }
      }
      // Autofilter on the header, columns sized to their text, header frozen.
      widths.apply(sheet, (int) n);
      about(book, bold, doc, suppressed);
      try (OutputStream stream = Files.newOutputStream(file)) {
        book.write(stream);
      }
      book.dispose();
      return n;
    }
  }

  /** A second sheet saying what the table and each column mean, and what was suppressed. */
  private static void about(
      SXSSFWorkbook book, CellStyle bold, TableDoc doc, Set<String> suppressed) {
    SXSSFSheet about = book.createSheet("about");
    int r = 0;
    about.createRow(r++).createCell(0).setCellValue(doc.table().qualifiedName());
    about.createRow(r++).createCell(0).setCellValue(doc.description());
    about
        .createRow(r++)
        .createCell(0)
        .setCellValue(
            "Small-number suppression: in columns marked 'suppressed', counts from 1 to "
                + Suppression.LARGEST_MASKED
                + " show as "
                + Suppression.MASK
                + " and others are rounded to the nearest 5; columns marked 'masked with its"
                + " counts' show "
                + Suppression.MASK
                + " wherever a count they are computed from is masked.");
    r++;
    var header = about.createRow(r++);
    String[] headings = {"column", "type", "description", "suppressed"};
    for (int i = 0; i < headings.length; i++) {
      header.createCell(i).setCellValue(headings[i]);
      header.getCell(i).setCellStyle(bold);
    }
    for (ColumnDoc c : doc.columns()) {
      var line = about.createRow(r++);
      line.createCell(0).setCellValue(c.name());
      line.createCell(1).setCellValue(c.type());
      line.createCell(2).setCellValue(c.description());
      line.createCell(3)
          .setCellValue(
              c.suppressed() ? "suppressed" : c.derived() ? "masked with its counts" : "");
    }
  }
}
