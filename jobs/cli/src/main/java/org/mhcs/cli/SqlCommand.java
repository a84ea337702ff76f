package org.mhcs.cli;

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
   * Streams rows to {@code out} as RFC 4180 CSV, text a spreadsheet would run as a formula
   * neutralised ({@link CellText}), since the file may well be opened in one; never collects the
   * whole result. Returns the number of rows written.
   */
  static long write(Dataset<Row> result, PrintStream out) {
    String[] columns = result.columns();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      line.append(i == 0 ? "" : ",").append(csv(columns[i]));
    }
    out.println(line);
    long n = 0;
    for (Iterator<Row> it = result.toLocalIterator(); it.hasNext(); n++) {
      Row row = it.next();
      line.setLength(0);
      for (int i = 0; i < columns.length; i++) {
        line.append(i == 0 ? "" : ",").append(row.isNullAt(i) ? "" : csv(cell(row.get(i))));
      }
      out.println(line);
    }
    return n;
  }

  /** A value as its cell's text: a number as written, text neutralised for spreadsheets. */
  private static String cell(Object value) {
    return value instanceof Number ? value.toString() : CellText.neutralised(value.toString());
  }

  private static String csv(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
