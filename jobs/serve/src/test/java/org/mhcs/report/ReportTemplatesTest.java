package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.Position;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;

/**
 * The report's pages from templates, over three hand-made organisations (no Spark): text from data
 * escaped, every table downloadable as the CSV of its suppressed cells, funnel points titled and
 * outliers labelled, tables in scrolling containers with codes and periods kept on one line.
 *
 * <p>DNA rates 12 of 40 (30%), 3 of 50 (6%), 0 of 45 (0%). Published, 12 rounds to 10, 3 is masked
 * to *, 0 stays 0; denominators 40, 50, 45 are already multiples of 5. B&amp;1 is flagged above the
 * 99.8% limit; the others are within.
 */
class ReportTemplatesTest {
  private static final String TRICKY = "B&1";
  private static final String NAME = "North <&\"> Trust";
  private static final Slice DNA = new Slice("dna_rate_pct", "2024-06", "community_nursing", "ALL");

  private static Path site;

  @BeforeAll
  static void writeSite() throws IOException {
    ReportData data =
        new ReportData(
            Period.parse("2024-06"),
            MetricCatalog.from(Settings.load(Map.of())),
            Map.of(TRICKY, NAME),
            ReportData.labels(ServiceLines.bundled()),
            List.of(
                new Value(DNA, TRICKY, 12.0, 40.0, 30.0, null),
                new Value(DNA, "B02", 3.0, 50.0, 6.0, null),
                new Value(DNA, "B03", 0.0, 45.0, 0.0, null)),
            List.of(new Distribution(DNA, 3, 1.2, 3, 6, 18, 25.2)),
            List.of(
                position(TRICKY, 100.0, 4, "high"),
                position("B02", 50.0, 2, null),
                position("B03", 0.0, 1, null)),
            List.of(),
            List.of(),
            List.of());
    site = Files.createTempDirectory("report-templates-").resolve("site");
    new ReportSite(data, site, line -> {}).write();
  }

  /** A position in the funnel with pooled target 15 / 135 = 11.1%. */
  private static Position position(String org, double rank, int quartile, String flag998) {
    return new Position(
        DNA,
        org,
        rank,
        quartile,
        6.0,
        "proportion",
        100 * 15.0 / 135,
        null,
        null,
        null,
        null,
        flag998,
        flag998,
        false,
        null,
        null,
        null,
        null);
  }

  @Test
  void aNameWithMarkupCharactersIsEscapedInTextAndTitle() {
    String org = ReportPages.read(site.resolve("org/" + Html.safeName(TRICKY) + ".html"));
    assertTrue(org.contains("<title>B&amp;1 · North &lt;&amp;\"&gt; Trust</title>"), org);
    assertTrue(org.contains("<h1>B&amp;1 · North &lt;&amp;\"&gt; Trust</h1>"), org);
    String metric = ReportPages.read(site.resolve("metric/dna_rate_pct.html"));
    assertTrue(metric.contains("<td>North &lt;&amp;\"&gt; Trust</td>"), metric);
    String index = ReportPages.read(site.resolve("index.html"));
    assertTrue(index.contains(" North &lt;&amp;\"&gt; Trust</li>"), index);
    assertTrue(
        index.contains(
            "<li><a href=\"metric/dna_rate_pct.html\">Did not attend rate %</a>"
                + " <code>dna_rate_pct</code>"
                + " <span class=\"note\">1 distribution, up to 3 organisations</span></li>"),
        index);
    for (String html : List.of(org, metric, index)) {
      assertFalse(html.contains(NAME), "the name reached a page unescaped");
      assertFalse(html.contains("B&1"), "an unescaped ampersand from data");
    }
  }

  @Test
  void aTablesCsvDownloadHoldsItsRowsWithCountsSuppressed() throws IOException {
    String metric = ReportPages.read(site.resolve("metric/dna_rate_pct.html"));
    String csvName = "dna_rate_pct-2024-06-community_nursing.csv";
    assertTrue(metric.contains("<a class=\"csv\" href=\"" + csvName + "\" download>"), metric);
    String csv = Files.readString(site.resolve("metric/" + csvName));
    // 12 → 10 and 3 → * as on the page: the download shows no count the page hides.
    assertEquals(
        "organisation,name,value,numerator,denominator,quartile,percentile rank,peer median,"
            + "funnel,note\n"
            + "B&1,\"North <&\"\"> Trust\",30.0%,10,40,4 (worst),100,–,above 99.8%,\n"
            + "B02,B02,6.0%,*,50,2,50,–,within limits,\n"
            + "B03,B03,0.0%,0,45,1 (best),0,–,within limits,\n",
        csv);
    // The same cells as the table on the page, row by row.
    String section = ReportPages.section(metric, "2024-06-community_nursing");
    assertEquals(ReportPages.rows(section), parse(csv));
    // Every CSV written is in the report's list of its files, so a rerun replaces it.
    String marker = Files.readString(site.resolve(ReportSite.MARKER));
    assertTrue(marker.contains("\nmetric/" + csvName + "\n"), marker);
    assertTrue(marker.contains("\nmetric/dna_rate_pct-distributions.csv\n"), marker);
  }

  @Test
  void funnelPointsHaveTitlesAndOnlyOutliersAVisibleLabel() {
    String metric = ReportPages.read(site.resolve("metric/dna_rate_pct.html"));
    String funnel = ReportPages.onlySvg(metric, "f");
    assertTrue(funnel.contains("<title>B&amp;1 · 30.0% · denominator 40</title>"), funnel);
    assertTrue(funnel.contains("<title>B02 · 6.0% · denominator 50</title>"), funnel);
    assertTrue(funnel.contains("<title>B03 · 0.0% · denominator 45</title>"), funnel);
    // Drawn text: the outlier's code, and no other organisation's.
    List<String> texts = texts(funnel);
    assertTrue(texts.contains("B&amp;1"), texts.toString());
    assertFalse(texts.contains("B02"), texts.toString());
    assertFalse(texts.contains("B03"), texts.toString());
  }

  @Test
  void tablesScrollAndCodesAndPeriodsDoNotWrap() {
    for (String page : List.of("metric/dna_rate_pct.html", "org/B02.html")) {
      String html = ReportPages.read(site.resolve(page));
      int tables = count(html, "<table>");
      assertTrue(tables > 0, page);
      assertEquals(tables, count(html, "<div class=\"scroll\"><table>"), page);
      assertTrue(html.contains("<td class=\"code\">2024-06</td>"), page);
      assertTrue(html.contains(".scroll{overflow-x:auto"), page);
      assertTrue(html.contains("td.code{white-space:nowrap}"), page);
    }
  }

  private static List<List<String>> parse(String csv) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setNullValue("");
    settings.setEmptyValue("");
    return new CsvParser(settings)
        .parseAll(new StringReader(csv)).stream().map(r -> Arrays.asList(r)).toList();
  }

  private static List<String> texts(String svg) {
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
    List<String> texts = new java.util.ArrayList<>();
    while (m.find()) {
      texts.add(m.group(1));
    }
    return texts;
  }

  private static int count(String html, String part) {
    int n = 0;
    for (int at = html.indexOf(part); at >= 0; at = html.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
