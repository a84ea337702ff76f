package org.mhcs.notebook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mhcs.notebook.Notebook.Cell;
import org.mhcs.notebook.Notebook.Kind;
import org.mhcs.notebook.Notebook.Query;
import org.mhcs.notebook.Notebook.Step;
import org.mhcs.notebook.NotebookRun.CellResult;
import org.mhcs.notebook.NotebookRun.ResultTable;
import org.mhcs.notebook.NotebookRun.Status;
import org.mhcs.publish.Suppression;

/**
 * Runs a notebook's cells in order in a fresh Spark session of its own (so its temporary views and
 * {@code SET}s leave no trace for the next), binding widget values to the {@code :name} markers as
 * typed string parameters, never by pasting text into the SQL. Each SQL cell shows its last
 * statement's result, at most {@code maxRows} rows (it collects {@code maxRows + 1} to know whether
 * there were more, never the whole result). A failing cell stops the run: the cells after it are
 * marked not run, since they usually build on it.
 */
public final class NotebookRunner {
  private final SparkSession spark;
  private final int maxRows;
  private final Set<String> suppressed;
  private final Consumer<String> progress;

  /**
   * @param suppressedColumns result columns shown with small-number suppression ({@link
   *     Suppression}), matched by name ignoring case
   */
  public NotebookRunner(
      SparkSession spark, int maxRows, Set<String> suppressedColumns, Consumer<String> progress) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("rows shown per cell must be at least 1, not " + maxRows);
    }
    this.spark = spark;
    this.maxRows = maxRows;
    this.suppressed =
        suppressedColumns.stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.progress = progress;
  }

  /**
   * Every widget's value: its default, or the value given for its name.
   *
   * @throws NotebookException naming a given parameter the notebook does not declare
   */
  public static Map<String, String> parameters(Notebook notebook, Map<String, String> given) {
    List<String> unknown =
        given.keySet().stream().filter(n -> !notebook.widgets().containsKey(n)).toList();
    if (!unknown.isEmpty()) {
      throw new NotebookException(
          notebook.name()
              + " has no parameter "
              + String.join(", ", unknown)
              + (notebook.widgets().isEmpty()
                  ? "; it declares none"
                  : "; it declares " + String.join(", ", notebook.widgets().keySet())));
    }
    Map<String, String> values = new LinkedHashMap<>();
    notebook
        .widgets()
        .forEach((name, w) -> values.put(name, given.getOrDefault(name, w.defaultValue())));
    return values;
  }

  /** Runs every cell; {@code given} overrides widget defaults (see {@link #parameters}). */
  public NotebookRun run(Notebook notebook, Map<String, String> given) {
    Map<String, String> values = parameters(notebook, given);
    SparkSession session = spark.newSession();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<CellResult> results = new ArrayList<>();
    boolean failed = false;
    int n = notebook.cells().size();
    for (Cell cell : notebook.cells()) {
      String where =
          notebook.name() + " cell " + cell.number() + "/" + n + " (line " + cell.line() + ")";
      if (failed) {
        results.add(new CellResult(cell, Status.NOT_RUN, null, null, null, 0, null, 0));
        continue;
      }
      if (cell.kind() == Kind.MARKDOWN) {
        results.add(new CellResult(cell, Status.OK, null, null, null, 0, null, 0));
        progress.accept(where + ": markdown");
        continue;
      }
      session
          .sparkContext()
          .setJobDescription("notebook " + notebook.name() + " cell " + cell.number());
      CellResult result = runCell(session, cell, values);
      results.add(result);
      failed = result.status() == Status.FAILED;
      progress.accept(
          where
              + ": "
              + (failed
                  ? "FAILED"
                  : result.table() == null || result.table().columns().isEmpty()
                      ? "done"
                      : result.table().rows().size()
                          + (result.table().truncated() ? "+" : "")
                          + (result.table().rows().size() == 1 ? " row" : " rows"))
              + String.format(Locale.ROOT, ", %.1f s", result.seconds()));
    }
    return new NotebookRun(
        notebook,
        values,
        given.keySet().stream().toList(),
        suppressed.stream().sorted().toList(),
        started,
        (System.nanoTime() - t0) / 1e9,
        results);
  }

  private CellResult runCell(SparkSession session, Cell cell, Map<String, String> values) {
    long t0 = System.nanoTime();
    Dataset<Row> last = null;
    Query current = null;
    try {
      for (Step step : cell.steps()) {
        if (step instanceof Query q) {
          current = q;
          Map<String, Object> args = new LinkedHashMap<>();
          q.parameters().forEach(p -> args.put(p, values.get(p)));
          last = args.isEmpty() ? session.sql(q.sql()) : session.sql(q.sql(), args);
        } else {
          last = null;
        }
      }
      ResultTable table = null;
      String svg = null;
      if (last != null) {
        List<Row> rows = last.limit(maxRows + 1).collectAsList();
        boolean truncated = rows.size() > maxRows;
        rows = truncated ? rows.subList(0, maxRows) : rows;
        table = table(last.schema(), rows, truncated);
        if (cell.chart().isPresent()) {
          ChartSpec chart = cell.chart().get();
          for (String y : chart.y()) {
            if (suppressed.contains(y.toLowerCase(Locale.ROOT))) {
              throw new IllegalArgumentException(
                  "the chart's y column " + y + " is suppressed in notebook output; chart another");
            }
          }
          svg = BarChart.svg(chart, last.schema(), rows, "c" + cell.number() + "-");
        }
      }
      return new CellResult(cell, Status.OK, table, svg, null, 0, null, seconds(t0));
    } catch (Exception e) {
      int line = current == null ? cell.line() : current.line();
      if (e instanceof AnalysisException a && a.line().isDefined() && current != null) {
        // Spark counts lines within the statement; the statement starts at its own file line.
        line = current.line() + (Integer) a.line().get() - 1;
      }
      return new CellResult(cell, Status.FAILED, null, null, message(e), line, e, seconds(t0));
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Spark's message without the query plan or a stack trace: for a failed job, the message of the
   * error that failed its task (a {@code raise_error}, a division by zero, a bad cast) rather than
   * the job's.
   */
  static String message(Throwable e) {
    String text;
    if (e instanceof AnalysisException a) {
      text = a.getSimpleMessage();
    } else {
      Throwable shown = e;
      for (Throwable c = e.getCause(); c != null && c != shown; c = c.getCause()) {
        if (c.getMessage() != null) {
          shown = c;
        }
      }
      text = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
    StringBuilder kept = new StringBuilder();
    for (String l : text.lines().toList()) {
      if (l.strip().startsWith("at ") && l.contains("(")) {
        break;
      }
      kept.append(kept.length() == 0 ? "" : "\n").append(l);
    }
    return kept.toString().strip();
  }

  private ResultTable table(StructType schema, List<Row> rows, boolean truncated) {
    StructField[] fields = schema.fields();
    List<String> columns = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    List<String> masked = new ArrayList<>();
    boolean[] mask = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns.add(fields[i].name());
      numeric.add(fields[i].dataType() instanceof NumericType);
      mask[i] =
          fields[i].dataType() instanceof NumericType
              && suppressed.contains(fields[i].name().toLowerCase(Locale.ROOT));
      if (mask[i]) {
        masked.add(fields[i].name());
      }
    }
    List<List<String>> shown = new ArrayList<>();
    for (Row row : rows) {
      List<String> values = new ArrayList<>(fields.length);
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          values.add(null);
        } else if (mask[i]) {
          values.add(Suppression.cell(((Number) row.get(i)).doubleValue()));
        } else {
          values.add(format(row.get(i)));
        }
      }
      shown.add(values);
    }
    return new ResultTable(columns, numeric, shown, truncated, masked);
  }

  /** A value as text: numbers in full without exponent, collections as their elements. */
  static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return String.valueOf(d);
      }
      return plain(BigDecimal.valueOf(d));
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<String> items = new ArrayList<>();
      seq.foreach(
          item -> {
            items.add(item == null ? "null" : format(item));
            return null;
          });
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof byte[] bytes) {
      return "(" + bytes.length + " bytes)";
    }
    return String.valueOf(value);
  }

  private static String plain(BigDecimal b) {
    String s = b.stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }
}
