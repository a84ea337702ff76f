package org.mhcs.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.notebook.Notebook.Cell;
import org.mhcs.notebook.Notebook.Kind;
import org.mhcs.notebook.Notebook.Query;
import org.mhcs.notebook.Notebook.Widget;
import org.mhcs.notebook.SqlStatements.Statement;
import org.mhcs.testing.Scheduling;

/** Reading Databricks SQL source notebooks, without Spark. */
@ResourceLock(Scheduling.SESSION_CATALOG)
class NotebookTest {
  /**
   * A notebook as Databricks exports one (File > Export > Source file): header line, cells between
   * blank lines around each separator, {@code -- MAGIC} lines (a bare one is a blank line of
   * markdown), a {@code DBTITLE} line, two statements in one cell.
   */
  private static final String EXPORTED =
      """
      -- Databricks notebook source
      -- MAGIC %md
      -- MAGIC # Sickness by trust
      -- MAGIC
      -- MAGIC One **row** per `org_code`.

      -- COMMAND ----------

      CREATE WIDGET TEXT metric_id DEFAULT 'sickness_rate_pct';
      CREATE WIDGET TEXT label DEFAULT "it's \\"quoted\\"";

      -- COMMAND ----------

      -- DBTITLE 1,Values, sorted
      -- chart: bar x=org_code y=value title="Sickness, %"
      SELECT org_code, value
      FROM gold.metric_value
      WHERE metric_id = :metric_id AND note <> ':not_a_marker' -- nor :this
      ORDER BY value;

      -- COMMAND ----------

      USE gold;
      SELECT :label AS label, struct(1 AS a)::string AS s
      """;

  @Test
  void cellsKnowTheirKindLineStatementsAndParameters() {
    Notebook nb = Notebook.parse("sample.sql", EXPORTED);
    List<Cell> cells = nb.cells();
    assertEquals(4, cells.size());

    // Line 1 is the header, markdown on lines 2-5, a separator on line 7 between blank lines 6
    // and 8, widgets on 9-10, the titled cell on 14-19 (separator 12), the last on 23-24.
    assertEquals(List.of(2, 9, 14, 23), cells.stream().map(Cell::line).toList());
    assertEquals(
        List.of(Kind.MARKDOWN, Kind.SQL, Kind.SQL, Kind.SQL),
        cells.stream().map(Cell::kind).toList());
    assertEquals("# Sickness by trust\n\nOne **row** per `org_code`.", cells.get(0).text());
    assertEquals("Sickness by trust", nb.title());

    // Widgets: defaults unquoted as Spark reads string literals.
    assertEquals(
        Map.of(
            "metric_id",
            new Widget("metric_id", "sickness_rate_pct", 9),
            "label",
            new Widget("label", "it's \"quoted\"", 10)),
        nb.widgets());
    assertEquals(List.of("metric_id", "label"), List.copyOf(nb.widgets().keySet()));

    Cell query = cells.get(2);
    assertEquals("Values, sorted", query.title());
    assertEquals(
        Optional.of(new ChartSpec("bar", "org_code", List.of("value"), "Sickness, %")),
        query.chart());
    // The statement starts at its first token (line 16), after the DBTITLE and comment lines;
    // markers inside strings and comments are not parameters.
    Query select = (Query) query.steps().get(0);
    assertEquals(16, select.line());
    assertEquals(Set.of("metric_id"), select.parameters());
    assertTrue(select.sql().startsWith("SELECT org_code, value\n"), select.sql());

    // Two statements in the last cell, lines 23 and 24; "::string" is a cast, not a marker.
    List<Integer> lines = cells.get(3).steps().stream().map(s -> s.line()).toList();
    assertEquals(List.of(23, 24), lines);
    assertEquals(Set.of(), ((Query) cells.get(3).steps().get(0)).parameters());
    assertEquals(Set.of("label"), ((Query) cells.get(3).steps().get(1)).parameters());
  }

  @Test
  void anExportedNotebookRoundTrips() {
    Notebook nb = Notebook.parse("sample.sql", EXPORTED);
    assertEquals(EXPORTED, nb.toSource());
    // Databricks writes "-- MAGIC %md text" on one line too; the text is the cell's first line.
    Notebook oneLine =
        Notebook.parse(
            "one.sql",
            "-- Databricks notebook source\n-- MAGIC %md ## Heading\n\n-- COMMAND ----------\n\n"
                + "SELECT 1\n");
    assertEquals("## Heading", oneLine.cells().get(0).text());
    assertEquals("Heading", oneLine.title());
    assertEquals(
        "-- Databricks notebook source\n-- MAGIC %md ## Heading\n\n-- COMMAND ----------\n\n"
            + "SELECT 1\n",
        oneLine.toSource());
  }

  @Test
  void everyProblemIsReportedWithItsLine() {
    String text =
        """
        -- Databricks notebook source
        CREATE WIDGET TEXT org DEFAULT 'X01'

        -- COMMAND ----------

        SELECT * FROM gold.peer WHERE org_code = :org AND period = :period

        -- COMMAND ----------

        -- MAGIC %python
        -- MAGIC print(1)

        -- COMMAND ----------

        -- chart: pie x=a y=b
        DELETE FROM gold.metric_value WHERE org_code = :org;
        WITH x AS (SELECT 1) INSERT INTO gold.peer SELECT * FROM x
        """;
    NotebookException e =
        assertThrows(NotebookException.class, () -> Notebook.parse("bad.sql", text));
    assertEquals(
        List.of(
            "bad.sql line 6: :period is not a parameter of this notebook; declare it first, e.g."
                + " CREATE WIDGET TEXT period DEFAULT '...' (declared: org)",
            "bad.sql line 10: cell 3 is a %python cell; ./mhcs notebook runs SQL and %md cells"
                + " only",
            "bad.sql line 15: chart type 'pie' is not supported; write -- chart: bar x=COLUMN"
                + " y=COLUMN",
            "bad.sql line 16: DELETE would change the warehouse; notebooks only read it (SELECT,"
                + " WITH, SHOW, DESCRIBE, EXPLAIN, USE, SET, CACHE, CREATE TEMPORARY VIEW, DROP"
                + " VIEW)",
            "bad.sql line 17: INSERT would change the warehouse; notebooks only read it (SELECT,"
                + " WITH, SHOW, DESCRIBE, EXPLAIN, USE, SET, CACHE, CREATE TEMPORARY VIEW, DROP"
                + " VIEW)"),
        e.problems());

    NotebookException header =
        assertThrows(NotebookException.class, () -> Notebook.parse("x.sql", "SELECT 1\n"));
    assertTrue(header.getMessage().startsWith("x.sql line 1: not a Databricks notebook"));
  }

  @Test
  void parametersGivenMustBeDeclared() {
    Notebook nb = Notebook.parse("sample.sql", EXPORTED);
    assertEquals(
        Map.of("metric_id", "dna_rate_pct", "label", "it's \"quoted\""),
        NotebookRunner.parameters(nb, Map.of("metric_id", "dna_rate_pct")));
    NotebookException e =
        assertThrows(
            NotebookException.class, () -> NotebookRunner.parameters(nb, Map.of("metrc_id", "x")));
    assertEquals(
        "sample.sql has no parameter metrc_id; it declares metric_id, label", e.getMessage());
  }

  @Test
  void statementsSplitAtSemicolonsInCodeOnly() {
    String sql = "SELECT ';' AS a; -- one; two\n/* x; /* nested; */ y; */ SELECT `b;c`\n;\n;";
    assertEquals(
        List.of(new Statement("SELECT ';' AS a", 1), new Statement("SELECT `b;c`", 2)),
        SqlStatements.split(sql, 1));
    assertEquals(
        Set.of("a", "b_2"),
        SqlStatements.parameters("SELECT :a, x::int, cast(y AS struct<f:int>), ':c', :b_2, :a"));
  }

  @Test
  void chartLinesAreCheckedWhereTheyAreRead() {
    assertEquals(
        new ChartSpec("bar", "family", List.of("gbp", "wte"), null),
        ChartSpec.parse("-- chart: BAR x=family y=gbp,wte"));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> ChartSpec.parse("-- chart: bar x=a"));
    assertTrue(missing.getMessage().startsWith("a bar chart needs x=COLUMN and y=COLUMN"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> ChartSpec.parse("-- chart: bar x=a y=b z=c"));
    assertEquals("chart setting 'z' is not one of x, y, title", unknown.getMessage());
  }

  @Test
  void markdownIsCommonMarkWithRawHtmlEscaped() {
    // CommonMark: the soft break inside the first item stays a line break, a numbered line after
    // a bullet list starts its own list, and raw HTML (inline or a block) is shown as text.
    assertEquals(
        "<h2>Peers &amp; &lt;b&gt;</h2>\n"
            + "<p>A <strong>bold</strong> <code>&lt;script&gt;</code> word\nand more</p>\n"
            + "<ul>\n<li>one <code>x</code>\ncontinued here</li>\n<li>two</li>\n</ul>\n"
            + "<ol>\n<li>first</li>\n</ol>\n"
            + "<p>&lt;script&gt;alert(1)&lt;/script&gt; stays text</p>\n",
        Markdown.toHtml(
            "## Peers & <b>\nA **bold** `<script>` word\nand more\n\n- one `x`\n  continued here\n"
                + "- two\n1. first\n\n<script>alert(1)</script> stays text"));
  }

  @Test
  void markdownTablesListsAndLinksRenderAndUnsafeLinksAreDropped() {
    assertEquals(
        "<table>\n<thead>\n<tr>\n<th>org</th>\n<th align=\"right\">value</th>\n</tr>\n</thead>\n"
            + "<tbody>\n<tr>\n<td>A01</td>\n<td align=\"right\">2.8%</td>\n</tr>\n</tbody>\n"
            + "</table>\n"
            + "<ul>\n<li><a rel=\"nofollow\" href=\"https://example.org/a?b=1&amp;c=2\">docs</a></li>\n"
            + "<li><a rel=\"nofollow\" href=\"\">bad</a></li>\n</ul>\n",
        Markdown.toHtml(
            "| org | value |\n|---|--:|\n| A01 | 2.8% |\n\n"
                + "- [docs](https://example.org/a?b=1&c=2)\n- [bad](javascript:alert(1))\n"));
  }

  @Test
  void theNotebookPageEscapesTextAndKeepsCodesOnOneLine() {
    Notebook nb = Notebook.parse("sample.sql", EXPORTED);
    List<Cell> cells = nb.cells();
    NotebookRun.ResultTable result =
        new NotebookRun.ResultTable(
            List.of("org_code", "period", "name", "value"),
            List.of(false, false, false, true),
            Arrays.asList(
                List.of("A01", "2024-06", "North <&\"> Trust", "2.8"),
                Arrays.asList("A02", "2024-06", null, "3.1")),
            false,
            List.of());
    NotebookRun run =
        new NotebookRun(
            nb,
            new java.util.LinkedHashMap<>(Map.of("metric_id", "a<b")),
            List.of("metric_id"),
            List.of("numerator"),
            java.time.Instant.parse("2024-07-01T09:30:00Z"),
            1.25,
            List.of(
                new NotebookRun.CellResult(
                    cells.get(0), NotebookRun.Status.OK, null, null, null, 0, null, 0),
                new NotebookRun.CellResult(
                    cells.get(2), NotebookRun.Status.OK, result, null, null, 0, null, 0.5)));
    String html = NotebookHtml.render(run, "/w<h>");
    // The opening markdown cell is the page's heading; its text goes through commonmark.
    assertTrue(
        html.contains(
            "<h1>Sickness by trust</h1>\n<p>One <strong>row</strong> per <code>org_code</code>.</p>"),
        html);
    assertTrue(html.contains("<code>/w&lt;h&gt;</code>"), html);
    assertTrue(html.contains("<td><code>metric_id</code></td><td><code>a&lt;b</code></td>"), html);
    assertTrue(
        html.contains(
            "<tr><td class=\"code\">A01</td><td class=\"code\">2024-06</td>"
                + "<td>North &lt;&amp;\"&gt; Trust</td><td class=\"num\">2.8</td></tr>"),
        html);
    assertTrue(
        html.contains(
            "<td class=\"code\">A02</td><td class=\"code\">2024-06</td>"
                + "<td><span class=\"null\">null</span></td>"),
        html);
    assertTrue(html.contains("<div class=\"scroll\"><table>\n<tr><th>org_code</th>"), html);
    assertTrue(html.contains("<p class=\"note\">2 rows.</p>"), html);
    assertTrue(html.contains("· Values, sorted · 0.5 s</div>"), html);
  }
}
