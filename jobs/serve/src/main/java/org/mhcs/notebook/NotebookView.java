package org.mhcs.notebook;

import java.util.List;

/**
 * What the notebook page's template ({@code src/main/jte/notebook/page.jte}) is given: texts as
 * they should read (the template escapes them); markdown already rendered by {@link Markdown},
 * which escapes raw HTML, and charts as SVG from JFreeSVG, both inserted as they are.
 */
public final class NotebookView {
  private NotebookView() {}

  /** A widget's value and where it came from ({@code --param} or the widget default). */
  public record Parameter(String name, String value, String from) {}

  /**
   * A result table: cells null for SQL NULL; {@code classes} per column ({@code num} right-aligned,
   * {@code code} for codes and periods, both kept on one line; else null); {@code note} says how
   * many rows and what is suppressed.
   */
  public record ResultTable(
      List<String> columns, List<String> classes, List<List<String>> rows, String note) {}

  /**
   * One cell. Markdown cells have only {@code markdownHtml}; SQL cells have their head line, their
   * SQL, and a status of {@code ok}, {@code failed} or {@code not-run} with what goes with it.
   */
  public record CellView(
      int number,
      String markdownHtml,
      String head,
      String sql,
      String status,
      int errorLine,
      String error,
      String chartSvg,
      String chartNote,
      ResultTable table) {}

  /** The page. {@code titleHtml} is the notebook's opening markdown heading cell, or null. */
  public record Page(
      String title,
      String titleHtml,
      String name,
      String warehouse,
      String ran,
      List<Parameter> parameters,
      String suppressedColumns,
      String failure,
      List<CellView> cells) {}
}
