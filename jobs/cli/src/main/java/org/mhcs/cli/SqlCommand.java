package org.mhcs.cli;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.publish.CellText;
import org.mhcs.warehouse.Warehouse;

/** {@code ./mhcs sql}: one SQL statement over the warehouse, printed as CSV with a header. */
public final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "Query the warehouse; prints CSV (header row) to stdout. Tables are bronze.x, silver.x,"
        + "\ngold.x and ops.x; SHOW TABLES IN gold lists them. Queries only (SELECT, WITH, SHOW,"
        + "\nDESCRIBE, EXPLAIN): a statement that would write is refused before it runs, and so is"
        + "\none that reads a file by path (csv.`file`). --as-of"
        + "\nqueries the tables as they were (Delta time travel): copy a benchmark row's"
        + "\ninput_versions to re-issue it exactly.";
  }

  @Override
  public String positional() {
    return "\"SQL\"";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.optional(
            "as-of",
            "WHEN",
            null,
            "query the tables as they were: a timestamp ('2026-11-24 03:00:00'), or"
                + " table@version,... as gold.benchmark.input_versions records them"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    if (args.positional().size() != 1) {
      throw new UsageException(
          "give exactly one SQL statement, quoted, e.g. ./mhcs sql --warehouse W \"SELECT * FROM gold.benchmark\"");
    }
    Warehouse warehouse =
        Pipelines.warehouse(args.queryWarehouse(), Settings.load(args.settings()));
    if (args.get("as-of") == null) {
      warehouse.registerTables();
    } else {
      warehouse.registerTablesAsOf(args.get("as-of"));
    }
    String sql = args.positional().get(0);
    Dataset<Row> result;
    try {
      QueryOnly.check(warehouse.spark(), sql);
      result = warehouse.spark().sql(sql);
    } catch (Exception e) {
      // Spark reports bad SQL (syntax, unknown table or column) as AnalysisException.
      if (e instanceof ParseException) {
        throw new UsageException("the SQL does not parse: " + e.getMessage());
      }
      if (e instanceof AnalysisException analysis) {
        throw UnknownTables.usage(analysis);
      }
      throw e;
    }
    write(result, out);
    return ExitCode.OK;
  }

  /**
   * Streams rows to {@code out} as RFC 4180 CSV (univocity-parsers, the CSV library Spark uses),
   * text a spreadsheet would run as a formula neutralised ({@link CellText}), since the file may
   * well be opened in one; never collects the whole result. A value is quoted when it holds a
   * comma, a quote (doubled) or a line break, and written as it is otherwise, spaces included; null
   * is an empty cell. Returns the number of rows written.
   */
  static long write(Dataset<Row> result, PrintStream out) {
    CsvWriter csv = new CsvWriter(CSV);
    String[] columns = result.columns();
    out.println(csv.writeRowToString((Object[]) columns));
    long n = 0;
    String[] cells = new String[columns.length];
    for (Iterator<Row> it = result.toLocalIterator(); it.hasNext(); n++) {
      Row row = it.next();
      for (int i = 0; i < columns.length; i++) {
        cells[i] = row.isNullAt(i) ? null : cell(row.get(i));
      }
      out.println(csv.writeRowToString((Object[]) cells));
    }
    return n;
  }

  /** RFC 4180 as {@link #write} describes it. */
  private static final CsvWriterSettings CSV = csvSettings();

  private static CsvWriterSettings csvSettings() {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.getFormat().setLineSeparator("\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setQuotationTriggers('\r', '\n');
    settings.setQuoteEscapingEnabled(true); // a value with a quote is quoted, its quotes doubled
    settings.setNullValue("");
    settings.setEmptyValue("");
    return settings;
  }

  /** A value as its cell's text: a number as written, text neutralised for spreadsheets. */
  private static String cell(Object value) {
    return value instanceof Number ? value.toString() : CellText.neutralised(value.toString());
  }
}
