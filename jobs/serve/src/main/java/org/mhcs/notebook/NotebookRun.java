package org.mhcs.notebook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhcs.notebook.Notebook.Cell;

/**
 * What running a notebook gave: the parameters used, and each cell's result or error in order.
 *
 * @param parameters every widget's value, in declaration order
 * @param given the names whose value came from the command line rather than the widget default
 * @param suppressedColumns result column names shown with small-number suppression
 */
public record NotebookRun(
    Notebook notebook,
    Map<String, String> parameters,
    List<String> given,
    List<String> suppressedColumns,
    Instant started,
    double seconds,
    List<CellResult> cells) {

  /** How a cell ended. */
  public enum Status {
    OK,
    FAILED,
    /** After a failed cell: cells build on earlier ones, so the rest are not run. */
    NOT_RUN
  }

  /**
   * One cell's outcome.
   *
   * @param table the last statement's result (SQL cells that ran), else null
   * @param chartSvg the chart the cell asked for, as an {@code <svg>} element, else null
   * @param error Spark's message (no stack trace) when the cell failed, else null
   * @param errorLine the file line of the failing statement (or of Spark's position in it)
   * @param cause the exception, for {@code MHCS_DEBUG=1}
   */
  public record CellResult(
      Cell cell,
      Status status,
      ResultTable table,
      String chartSvg,
      String error,
      int errorLine,
      Throwable cause,
      double seconds) {}

  /**
   * A result as shown: values already formatted (null for SQL NULL), at most the runner's row
   * limit.
   *
   * @param truncated whether the result had more rows than shown
   * @param suppressed the columns small-number suppression was applied to
   */
  public record ResultTable(
      List<String> columns,
      List<Boolean> numeric,
      List<List<String>> rows,
      boolean truncated,
      List<String> suppressed) {}

  /** The first failed cell, if any. */
  public Optional<CellResult> failure() {
    return cells.stream().filter(c -> c.status() == Status.FAILED).findFirst();
  }
}
