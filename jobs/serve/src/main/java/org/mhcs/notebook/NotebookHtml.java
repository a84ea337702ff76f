package org.mhcs.notebook;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mhcs.notebook.Notebook.Kind;
import org.mhcs.notebook.NotebookRun.CellResult;
import org.mhcs.notebook.NotebookRun.ResultTable;
import org.mhcs.notebook.NotebookRun.Status;
import org.mhcs.publish.HtmlText;
import org.mhcs.publish.Suppression;

/**
 * A notebook run as one self-contained HTML page (no scripts, no external files): title, the
 * parameters used, warehouse and run time, then each cell: markdown rendered, SQL behind a
 * collapsible toggle, its chart and its result table, or its error. Every text from the notebook or
 * the data is escaped.
 */
public final class NotebookHtml {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #212b32;
             max-width: 1200px; margin: 1.5em auto; padding: 0 1em; line-height: 1.45; }
      h1 { font-size: 1.7em; margin-bottom: 0.2em; }
      .meta { color: #4c6272; font-size: 0.9em; }
      .notice { background: #fff9c4; padding: 0.4em 0.7em; font-size: 0.85em; }
      .failed-summary { background: #fde8e8; color: #8a1f11; padding: 0.5em 0.7em; font-weight: bold; }
      section.cell { border-top: 1px solid #d8dde0; padding: 0.6em 0; }
      .cell-head { color: #4c6272; font-size: 0.8em; }
      details summary { cursor: pointer; color: #005eb8; font-size: 0.85em; }
      pre { background: #f0f4f5; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
      pre.error { background: #fde8e8; color: #8a1f11; white-space: pre-wrap; }
      table { border-collapse: collapse; font-size: 0.85em; margin: 0.4em 0; }
      th, td { border: 1px solid #d8dde0; padding: 0.15em 0.5em; }
      th { background: #f0f4f5; text-align: left; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .null { color: #aeb7bd; }
      .note { color: #4c6272; font-size: 0.8em; }
      .not-run { color: #aeb7bd; }
      .chart svg { max-width: 100%; height: auto; }
      """;

  private NotebookHtml() {}

  /** The page for {@code run} of a notebook against {@code warehouse}. */
  public static String render(NotebookRun run, String warehouse) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String title = run.notebook().title();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(HtmlText.escape(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<header>\n");
    // A notebook opening with its title heading keeps that cell at the top; otherwise the page
    // is titled with the notebook's name.
    List<CellResult> cells = run.cells();
    boolean titled =
        !cells.isEmpty()
            && cells.get(0).cell().kind() == Kind.MARKDOWN
            && cells.get(0).cell().text().strip().startsWith("#");
    if (titled) {
      h.append(Markdown.toHtml(cells.get(0).cell().text()));
      cells = cells.subList(1, cells.size());
    } else {
      h.append("<h1>").append(HtmlText.escape(title)).append("</h1>\n");
    }
    h.append("<p class=\"meta\">Notebook <code>")
        .append(HtmlText.escape(run.notebook().name()))
        .append("</code> · warehouse <code>")
        .append(HtmlText.escape(warehouse))
        .append("</code> · run ")
        .append(WHEN.format(run.started()))
        .append(String.format(Locale.ROOT, " in %.1f s", run.seconds()))
        .append("</p>\n");
    parameters(h, run);
    h.append(
            "<p class=\"notice\">For analysts inside the secure environment: this page is not a"
                + " publication. Only columns named like a declared count (")
        .append(HtmlText.escape(String.join(", ", run.suppressedColumns())))
        .append(") are shown with small-number suppression.</p>\n");
    run.failure()
        .ifPresent(
            f ->
                h.append("<p class=\"failed-summary\">Cell ")
                    .append(f.cell().number())
                    .append(" (line ")
                    .append(f.cell().line())
                    .append(") failed at line ")
                    .append(f.errorLine())
                    .append("; the cells after it were not run.</p>\n"));
    h.append("</header>\n<main>\n");
    for (CellResult c : cells) {
      cell(h, c);
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void parameters(StringBuilder h, NotebookRun run) {
    if (run.parameters().isEmpty()) {
      h.append("<p class=\"meta\">No parameters.</p>\n");
      return;
    }
    h.append("<table class=\"params\">\n<tr><th>parameter</th><th>value</th><th>from</th></tr>\n");
    for (Map.Entry<String, String> p : run.parameters().entrySet()) {
      h.append("<tr><td><code>")
          .append(HtmlText.escape(p.getKey()))
          .append("</code></td><td>")
          .append(
              p.getValue().isEmpty()
                  ? "<span class=\"null\">(empty)</span>"
                  : "<code>" + HtmlText.escape(p.getValue()) + "</code>")
          .append("</td><td>")
          .append(run.given().contains(p.getKey()) ? "--param" : "widget default")
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void cell(StringBuilder h, CellResult c) {
    h.append("<section class=\"cell\" id=\"cell-").append(c.cell().number()).append("\">\n");
    if (c.cell().kind() == Kind.MARKDOWN) {
      h.append(Markdown.toHtml(c.cell().text())).append("</section>\n");
      return;
    }
    h.append("<div class=\"cell-head\">Cell ")
        .append(c.cell().number())
        .append(" · line ")
        .append(c.cell().line());
    if (c.cell().title() != null) {
      h.append(" · ").append(HtmlText.escape(c.cell().title()));
    }
    if (c.status() == Status.OK) {
      h.append(String.format(Locale.ROOT, " · %.1f s", c.seconds()));
    }
    h.append("</div>\n<details")
        .append(c.status() == Status.FAILED ? " open" : "")
        .append("><summary>SQL</summary><pre>")
        .append(HtmlText.escape(c.cell().text()))
        .append("</pre></details>\n");
    switch (c.status()) {
      case NOT_RUN -> h.append("<p class=\"not-run\">Not run: an earlier cell failed.</p>\n");
      case FAILED ->
          h.append("<p><strong>Failed at line ")
              .append(c.errorLine())
              .append(":</strong></p>\n<pre class=\"error\">")
              .append(HtmlText.escape(c.error()))
              .append("</pre>\n");
      case OK -> {
        if (c.chartSvg() != null) {
          // JFreeSVG escapes the text it draws; the element is inserted as it comes.
          h.append("<div class=\"chart\">").append(c.chartSvg()).append("</div>\n");
          if (c.table() != null && c.table().rows().size() > BarChart.MAX_BARS) {
            h.append("<p class=\"note\">The chart shows the first ")
                .append(BarChart.MAX_BARS)
                .append(" rows.</p>\n");
          }
        }
        if (c.table() != null) {
          table(h, c.table());
        }
      }
    }
    h.append("</section>\n");
  }

  private static void table(StringBuilder h, ResultTable t) {
    if (t.columns().isEmpty()) {
      h.append("<p class=\"note\">OK</p>\n");
      return;
    }
    h.append("<table>\n<tr>");
    for (String c : t.columns()) {
      h.append("<th>").append(HtmlText.escape(c)).append("</th>");
    }
    h.append("</tr>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        h.append(t.numeric().get(i) ? "<td class=\"num\">" : "<td>")
            .append(v == null ? "<span class=\"null\">null</span>" : HtmlText.escape(v))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<p class=\"note\">")
        .append(t.rows().size())
        .append(t.rows().size() == 1 ? " row" : " rows");
    if (t.truncated()) {
      h.append(" shown; the result has more (raise --rows, or filter the query)");
    }
    if (!t.suppressed().isEmpty()) {
      h.append(". ")
          .append(HtmlText.escape(String.join(", ", t.suppressed())))
          .append(": 1 to ")
          .append(Suppression.LARGEST_MASKED)
          .append(" shown as ")
          .append(Suppression.MASK)
          .append(", others rounded to the nearest 5");
    }
    h.append(".</p>\n");
  }
}
