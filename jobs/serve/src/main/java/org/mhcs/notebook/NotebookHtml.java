package org.mhcs.notebook;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mhcs.notebook.Notebook.Kind;
import org.mhcs.notebook.NotebookRun.CellResult;
import org.mhcs.notebook.NotebookRun.ResultTable;
import org.mhcs.notebook.NotebookRun.Status;
import org.mhcs.notebook.NotebookView.CellView;
import org.mhcs.notebook.NotebookView.Page;
import org.mhcs.notebook.NotebookView.Parameter;
import org.mhcs.publish.Suppression;
import org.mhcs.publish.Templates;

/**
 * A notebook run as one self-contained HTML page (no scripts, no external files), from the template
 * {@code notebook/page.jte}: title, the parameters used, warehouse and run time, then each cell:
 * markdown rendered, SQL behind a collapsible toggle, its chart and its result table, or its error.
 * The template escapes every text from the notebook or the data.
 */
public final class NotebookHtml {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private NotebookHtml() {}

  /** The page for {@code run} of a notebook against {@code warehouse}. */
  public static String render(NotebookRun run, String warehouse) {
    return Templates.render("notebook/page.jte", page(run, warehouse));
  }

  static Page page(NotebookRun run, String warehouse) {
    // A notebook opening with its title heading keeps that cell at the top; otherwise the page
    // is titled with the notebook's name.
    List<CellResult> cells = run.cells();
    boolean titled =
        !cells.isEmpty()
            && cells.get(0).cell().kind() == Kind.MARKDOWN
            && cells.get(0).cell().text().strip().startsWith("#");
    String titleHtml = titled ? Markdown.toHtml(cells.get(0).cell().text()) : null;
    if (titled) {
      cells = cells.subList(1, cells.size());
    }
    List<Parameter> parameters = new ArrayList<>();
    for (Map.Entry<String, String> p : run.parameters().entrySet()) {
      parameters.add(
          new Parameter(
              p.getKey(),
              p.getValue(),
              run.given().contains(p.getKey()) ? "--param" : "widget default"));
    }
    String failure =
        run.failure()
            .map(
                f ->
                    "Cell "
                        + f.cell().number()
                        + " (line "
                        + f.cell().line()
                        + ") failed at line "
                        + f.errorLine()
                        + "; the cells after it were not run.")
            .orElse(null);
    return new Page(
        run.notebook().title(),
        titleHtml,
        run.notebook().name(),
        warehouse,
        WHEN.format(run.started()) + String.format(Locale.ROOT, " in %.1f s", run.seconds()),
        parameters,
        String.join(", ", run.suppressedColumns()),
        failure,
        cells.stream().map(NotebookHtml::cell).toList());
  }

  private static CellView cell(CellResult c) {
    int number = c.cell().number();
    if (c.cell().kind() == Kind.MARKDOWN) {
      return new CellView(
          number, Markdown.toHtml(c.cell().text()), null, null, null, 0, null, null, null, null);
    }
    String head =
        "Cell "
            + number
            + " · line "
            + c.cell().line()
            + (c.cell().title() == null ? "" : " · " + c.cell().title())
            + (c.status() == Status.OK ? String.format(Locale.ROOT, " · %.1f s", c.seconds()) : "");
    String status =
        switch (c.status()) {
          case OK -> "ok";
          case FAILED -> "failed";
          case NOT_RUN -> "not-run";
        };
    String chartNote =
        c.chartSvg() != null && c.table() != null && c.table().rows().size() > BarChart.MAX_BARS
            ? "The chart shows the first " + BarChart.MAX_BARS + " rows."
            : null;
    return new CellView(
        number,
        null,
        head,
        c.cell().text(),
        status,
        c.errorLine(),
        c.error(),
        // JFreeSVG escapes the text it draws; the element is inserted as it comes.
        c.status() == Status.OK ? c.chartSvg() : null,
        chartNote,
        c.status() == Status.OK && c.table() != null ? table(c.table()) : null);
  }

  private static NotebookView.ResultTable table(ResultTable t) {
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < t.columns().size(); i++) {
      classes.add(t.numeric().get(i) ? "num" : isCode(t.columns().get(i)) ? "code" : null);
    }
    StringBuilder note =
        new StringBuilder().append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows");
    if (t.truncated()) {
      note.append(" shown; the result has more (raise --rows, or filter the query)");
    }
    if (!t.suppressed().isEmpty()) {
      note.append(". ")
          .append(String.join(", ", t.suppressed()))
          .append(": 1 to ")
          .append(Suppression.LARGEST_MASKED)
          .append(" shown as ")
          .append(Suppression.MASK)
          .append(", others rounded to the nearest 5");
    }
    return new NotebookView.ResultTable(
        t.columns(), classes, t.rows(), note.append('.').toString());
  }

  /** Codes and periods (2024-06, RXT, dna_rate_pct) read wrongly when wrapped. */
  static boolean isCode(String column) {
    return column.equals("period") || column.endsWith("_code") || column.endsWith("_id");
  }
}
