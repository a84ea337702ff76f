package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;

/**
 * Reads the report's pages back in tests: sections, table rows as cell texts, and the bars of a
 * variation chart from its SVG. Also builds the one report over golden/community that the report
 * tests share.
 */
final class ReportPages {
  private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL);
  private static final Pattern SVG = Pattern.compile("<svg id='([^']+)'.*?</svg>", Pattern.DOTALL);
  private static final Pattern RECT =
      Pattern.compile(
          "<rect id='([^']+)-bar-([^']+)' x='([-0-9.]+)' y='([-0-9.]+)' width='([-0-9.]+)'"
              + " height='([-0-9.]+)' style='fill:\\s?rgb\\((\\d+),\\s?(\\d+),\\s?(\\d+)\\)");

  private static Path golden;
  private static Path systems;

  private ReportPages() {}

  /** One bar of a variation chart as drawn: position, size and colour. */
  record Bar(String org, double x, double y, double width, double height, int[] rgb) {}

  /** The report over golden/community (A01 to A03, June 2024), written once per test run. */
  static synchronized Path golden() {
    if (golden == null) {
      Path out = SharedSpark.newFolder("report-golden-").resolve("site");
      ReportData data =
          ReportData.load(
              GoldenRuns.community(),
              MetricCatalog.from(Settings.load(GoldenRuns.SETTINGS)),
              ServiceLines.bundled(),
              Period.parse("2024-06"));
      new ReportSite(data, out, line -> {}).write();
      golden = out;
    }
    return golden;
  }

  /**
   * The report over golden/systems for August 2024 (three trusts in two ICBs of region Y56 over
   * June to August, S02 moving from QX1 to QX2 in August), written once per test run.
   */
  static synchronized Path systems() {
    if (systems == null) {
      Path out = SharedSpark.newFolder("report-systems-").resolve("site");
      new ReportSite(systemsData(Period.parse("2024-08")), out, line -> {}).write();
      systems = out;
    }
    return systems;
  }

  /** The report's rows over golden/systems for {@code month}. */
  static ReportData systemsData(Period month) {
    return ReportData.load(
        GoldenRuns.systems(),
        MetricCatalog.from(Settings.load(GoldenRuns.SETTINGS)),
        ServiceLines.bundled(),
        month);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The element {@code <section id="id">} to its end. */
  static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(start >= 0, "no section " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }

  /** Every table row of {@code html} as the texts of its cells (tags dropped, entities read). */
  static List<List<String>> rows(String html) {
    List<List<String>> rows = new ArrayList<>();
    Matcher r = ROW.matcher(html);
    while (r.find()) {
      List<String> cells = new ArrayList<>();
      Matcher c = CELL.matcher(r.group(1));
      while (c.find()) {
        cells.add(text(c.group(1)));
      }
      rows.add(cells);
    }
    return rows;
  }

  /** The row whose first cell is {@code first}. */
  static List<String> row(String html, String first) {
    return rows(html).stream()
        .filter(r -> !r.isEmpty() && r.get(0).equals(first))
        .findFirst()
        .orElseGet(
            () -> {
              fail("no row starting '" + first + "' among " + rows(html));
              return List.of();
            });
  }

  /** Element text: tags dropped, the five escapes read back. */
  static String text(String html) {
    return html.replaceAll("<[^>]+>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim();
  }

  /** The SVG elements of {@code html} by id. */
  static Map<String, String> svgs(String html) {
    Map<String, String> svgs = new LinkedHashMap<>();
    Matcher m = SVG.matcher(html);
    while (m.find()) {
      svgs.put(m.group(1), m.group());
    }
    return svgs;
  }

  /**
   * The only chart in {@code html} whose id starts with {@code prefix} (v: variation, f: funnel).
   */
  static String onlySvg(String html, String prefix) {
    List<String> found =
        svgs(html).entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .map(Map.Entry::getValue)
            .toList();
    assertTrue(found.size() == 1, "expected one '" + prefix + "' chart, found " + found.size());
    return found.get(0);
  }

  /** A variation chart's bars, by organisation, in the order they appear. */
  static Map<String, Bar> bars(String svg) {
    Map<String, Bar> bars = new LinkedHashMap<>();
    Matcher m = RECT.matcher(svg);
    while (m.find()) {
      bars.put(
          m.group(2),
          new Bar(
              m.group(2),
              Double.parseDouble(m.group(3)),
              Double.parseDouble(m.group(4)),
              Double.parseDouble(m.group(5)),
              Double.parseDouble(m.group(6)),
              new int[] {
                Integer.parseInt(m.group(7)),
                Integer.parseInt(m.group(8)),
                Integer.parseInt(m.group(9))
              }));
    }
    return bars;
  }
}
