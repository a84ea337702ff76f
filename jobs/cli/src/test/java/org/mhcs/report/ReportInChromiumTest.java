package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;

/**
 * The report as a browser shows it: headless Chromium (Debian's {@code chromium} package; {@code
 * .ci/run} installs it) loads an organisation's page from disk, and the test reads back the DOM it
 * built and a screenshot; likewise a metric page with its funnel plot and CSV links, an ICB and a
 * region page and an organisation's trend chart over golden/systems' three months, and a notebook
 * page. Fails, rather than skips, when Chromium is missing.
 *
 * <p>With {@code MHCS_SCREENSHOTS=DIR} in the environment, the screenshots are also copied there:
 * that is how {@code docs/images/} is re-taken ({@code MHCS_SCREENSHOTS=$PWD/docs/images mvn …
 * -Dtest=ReportInChromiumTest}).
 */
class ReportInChromiumTest {
  private static final long TIMEOUT_SECONDS = 90;

  /** The selected organisation's colour ({@link ChartSvg#SELECTED}), used nowhere else. */
  private static final int SELECTED_RGB = 0x003087;

  /** The funnel limits' colour ({@link ChartSvg#LIMIT}). */
  private static final int LIMIT_RGB = 0x425563;

  @Test
  void anOrganisationsPageRendersWithItsChartAndValues() throws Exception {
    Path page = ReportPages.golden().resolve("org/A01.html");
    String dom = chromium("--dump-dom", page.toUri().toString());
    // The DOM Chromium built holds the inline charts and the value worked by hand in
    // ReportSiteTest (A01's direct care 190 / 6,750 = 2.8%), in the row of its service line.
    assertTrue(dom.contains("<svg id=\"v1\""), "no variation chart in the DOM");
    assertTrue(dom.contains("id=\"v1-bar-A01\""), "no bar for A01 in the DOM");
    List<String> row =
        ReportPages.row(ReportPages.section(dom, "metric-direct_care_pct"), "Community nursing");
    assertEquals("2.8%", row.get(2), row.toString());

    Path png = SharedSpark.newFolder("report-screenshot-").resolve("A01.png");
    chromium(
        "--screenshot=" + png,
        "--window-size=1280,2000",
        "--hide-scrollbars",
        page.toUri().toString());
    // For docs/: 1200 pixels wide, from a little above the first highlighted bar (headless
    // Chromium draws a blank page when asked to scroll to an anchor, so the whole page is taken
    // and cut).
    Path tall = screenshot(page.toUri().toString(), 1200, 4000);
    BufferedImage whole = ImageIO.read(tall.toFile());
    int first = 0;
    for (int y = 0; y < whole.getHeight() && first == 0; y++) {
      for (int x = 0; x < whole.getWidth(); x++) {
        if ((whole.getRGB(x, y) & 0xffffff) == SELECTED_RGB) {
          first = y;
          break;
        }
      }
    }
    keep(crop(whole, Math.max(0, first - 450), 1000), "report-org-page.png");
    assertTrue(Files.size(png) > 10_000, "screenshot too small: " + Files.size(png));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    Set<Integer> colours = new HashSet<>();
    int selected = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb == SELECTED_RGB) {
          selected++;
        }
      }
    }
    // Not blank: text, tables and charts give many colours; A01's bar (and its point in the
    // funnel plot) fill hundreds of pixels with the highlight, which nothing else uses.
    assertTrue(colours.size() > 50, "only " + colours.size() + " colours: a blank page?");
    assertTrue(selected > 500, "only " + selected + " pixels in the highlight colour");
  }

  @Test
  void aMetricPageShowsItsFunnelWithTitledPointsAndDownloadableTables() throws Exception {
    Path page = ReportPages.golden().resolve("metric/contacts_per_clinician_day.html");
    String dom = chromium("--dump-dom", page.toUri().toString());
    // Contacts per clinician day (ReportSiteTest): A01 3 / 15 days = 0.20, A02 2 / 10 = 0.20,
    // A03 3 / 20 = 0.15; each point titled with its code, value and plotted denominator.
    // Chromium writes the SVG's attributes with double quotes.
    java.util.regex.Matcher svg =
        java.util.regex.Pattern.compile(
                "<svg id=\"f\\d+\".*?</svg>", java.util.regex.Pattern.DOTALL)
            .matcher(dom);
    assertTrue(svg.find(), "no funnel plot in the DOM");
    String funnel = svg.group();
    assertTrue(funnel.contains("<title>A01 · 0.20 · denominator 15</title>"), funnel);
    assertTrue(funnel.contains("<title>A02 · 0.20 · denominator 10</title>"), funnel);
    assertTrue(funnel.contains("<title>A03 · 0.15 · denominator 20</title>"), funnel);
    // Every table's CSV link names a file beside the page holding the same cells as the table.
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile(
                "<div class=\"scroll\">(<table>.*?</table>)</div>\\s*<a class=\"csv\""
                    + " href=\"([^\"]+)\"",
                java.util.regex.Pattern.DOTALL)
            .matcher(dom);
    int links = 0;
    while (link.find()) {
      links++;
      Path csv = page.resolveSibling(link.group(2));
      assertTrue(Files.isRegularFile(csv), "no " + csv);
      com.univocity.parsers.csv.CsvParserSettings settings =
          new com.univocity.parsers.csv.CsvParserSettings();
      settings.setNullValue("");
      List<List<String>> rows =
          new com.univocity.parsers.csv.CsvParser(settings)
              .parseAll(csv.toFile(), StandardCharsets.UTF_8).stream()
                  .map(r -> java.util.Arrays.asList(r))
                  .toList();
      assertEquals(ReportPages.rows(link.group(1)), rows, csv.toString());
    }
    // The distributions table and one table of values per charted distribution.
    assertEquals(1 + count(dom, "<section id="), links, "tables with a CSV link");
    // For docs/: the funnel plot and what is above it, up to its legend (the last pixels drawn in
    // the limits' colour), 1200 pixels wide.
    BufferedImage whole = ImageIO.read(screenshot(page.toUri().toString(), 1200, 3000).toFile());
    int last = 0;
    for (int y = 0; y < whole.getHeight(); y++) {
      for (int x = 0; x < whole.getWidth(); x++) {
        if ((whole.getRGB(x, y) & 0xffffff) == LIMIT_RGB) {
          last = y;
          break;
        }
      }
    }
    keep(crop(whole, Math.max(0, last + 40 - 1100), 1100), "report-metric-page.png");
  }

  @Test
  void anIcbAndARegionPageShowTheirFiguresMembersAndRanks() throws Exception {
    // golden/systems in August (ReportSystemsTest works the figures): QX2 = 155 / 2500 = 6.2%,
    // S03 first of its two members; region Y56 = 205 / 3500 = 5.9% over three members.
    Path icb = ReportPages.systems().resolve("icb/QX2.html");
    String dom = chromium("--dump-dom", icb.toUri().toString());
    assertTrue(dom.contains("<h1>ICB QX2</h1>"), "no heading in the DOM");
    String sickness = ReportPages.section(dom, "metric-sickness_rate_pct");
    assertEquals(
        List.of("all", "2024-08", "6.2%", "155", "2500", "2"),
        ReportPages.row(sickness, "all").subList(0, 6));
    assertEquals(
        List.of("S03", "Golden Systems Three NHS Trust", "5.7%", "−0.5 points", "1 of 2"),
        ReportPages.row(sickness.substring(sickness.indexOf("<h4>")), "S03").subList(0, 5));
    keep(
        crop(ImageIO.read(screenshot(icb.toUri().toString(), 1200, 1300).toFile()), 0, 1300),
        "report-icb-page.png");

    Path region = ReportPages.systems().resolve("region/Y56.html");
    String regionDom = chromium("--dump-dom", region.toUri().toString());
    assertTrue(regionDom.contains("<h1>Region Y56 · London</h1>"), "no heading in the DOM");
    assertEquals(
        List.of("all", "2024-08", "5.9%", "205", "3500", "3"),
        ReportPages.row(ReportPages.section(regionDom, "metric-sickness_rate_pct"), "all")
            .subList(0, 6));
    screenshot(region.toUri().toString(), 1200, 1000);
  }

  @Test
  void anOrganisationsTrendChartShowsItsValueInEveryPeriod() throws Exception {
    // S02's sickness rate: 6.0% in June, 7.5% in July, 7.0% in August (ReportSystemsTest).
    Path page = ReportPages.systems().resolve("org/S02.html");
    String dom = chromium("--dump-dom", page.toUri().toString());
    java.util.regex.Matcher svg =
        java.util.regex.Pattern.compile(
                "<svg id=\"t\\d+\".*?</svg>", java.util.regex.Pattern.DOTALL)
            .matcher(dom);
    assertTrue(svg.find(), "no trend chart in the DOM");
    for (String point : List.of("2024-06 · 6.0%", "2024-07 · 7.5%", "2024-08 · 7.0%")) {
      assertTrue(svg.group().contains("<title>S02 · " + point + "</title>"), svg.group());
    }
    assertTrue(dom.contains("In 2024-08: ICB <a href=\"../icb/QX2.html\">QX2</a>"), dom);
    // The trend chart is the last drawn in the highlight colour (its legend the last row): for
    // docs/, the chart from its title to its caption, 1200 pixels wide.
    BufferedImage whole = ImageIO.read(screenshot(page.toUri().toString(), 1200, 3000).toFile());
    int last = 0;
    for (int y = 0; y < whole.getHeight(); y++) {
      for (int x = 0; x < whole.getWidth(); x++) {
        if ((whole.getRGB(x, y) & 0xffffff) == SELECTED_RGB) {
          last = y;
          break;
        }
      }
    }
    assertTrue(last > 0, "nothing drawn in the highlight colour");
    keep(crop(whole, Math.max(0, last - 440), 560), "report-org-trend.png");
  }

  @Test
  // The notebook points the session's table names at its warehouse (see Scheduling).
  @ResourceLock(Scheduling.SESSION_CATALOG)
  void aNotebookPageRendersItsMarkdownTableAndChart() throws Exception {
    Path out = SharedSpark.newFolder("notebook-chromium-").resolve("national_variation.html");
    org.mhcs.testing.CommandLine.Outcome run =
        org.mhcs.testing.CommandLine.run(
            "notebook",
            "run",
            org.mhcs.testing.Repository.ROOT.resolve("notebooks/national_variation.sql").toString(),
            "--warehouse",
            org.mhcs.testing.GoldenRuns.community().root().toString(),
            "--out",
            out.toString());
    assertEquals(0, run.code(), run.err());
    String dom = chromium("--dump-dom", out.toUri().toString());
    assertTrue(dom.contains("<div class=\"markdown\">"), "no markdown cell in the DOM");
    assertTrue(dom.contains("<div class=\"chart\"><svg"), "no chart in the DOM");
    assertTrue(dom.contains("<div class=\"scroll\"><table>"), "no result table in the DOM");
    keep(screenshot(out.toUri().toString(), 1200, 1000), "notebook-page.png");
  }

  @Test
  // The notebook points the session's table names at its warehouse (see Scheduling).
  @ResourceLock(Scheduling.SESSION_CATALOG)
  void theTrendAndSystemNotebooksRenderOverThreeMonths() throws Exception {
    // golden/systems, sickness: S01 (the first organisation) 4.0% in June, 5.5% in July
    // (55/1000 against 40/1000: two proportions, p = 0.1148); July's national median 5.5, p25
    // 5.417, p75 6.5 (ReportSystemsTest). QX1, the first ICB, is S01 alone in August: 5.0%.
    ReportPages.systems();
    Path out = SharedSpark.newFolder("notebook-systems-");
    org.mhcs.testing.CommandLine.Outcome run =
        org.mhcs.testing.CommandLine.run(
            "notebook",
            "run",
            org.mhcs.testing.Repository.ROOT.resolve("notebooks/trends.sql").toString(),
            org.mhcs.testing.Repository.ROOT.resolve("notebooks/system_view.sql").toString(),
            "--warehouse",
            org.mhcs.testing.GoldenRuns.systems().root().toString(),
            "--param",
            "metric_id=sickness_rate_pct",
            "--out",
            out + "/");
    assertEquals(0, run.code(), run.err());
    String trends = chromium("--dump-dom", out.resolve("trends.html").toUri().toString());
    List<String> july = ReportPages.row(trends, "2024-07");
    assertEquals(List.of("2024-07", "5.5", "5.417", "5.5", "6.5"), july.subList(0, 5));
    assertEquals(List.of("1.5", "0.1148", "false"), july.subList(6, 9));
    assertTrue(trends.contains("<div class=\"chart\"><svg"), "no chart in the DOM");
    String system = chromium("--dump-dom", out.resolve("system_view.html").toUri().toString());
    List<String> header = ReportPages.row(system, "icb");
    assertEquals(List.of("icb", "QX1"), header.subList(0, 2));
    assertEquals(
        List.of("sickness_rate_pct", "ALL", "2024-08", "5"),
        ReportPages.row(system, "sickness_rate_pct").subList(0, 4));
  }

  /** A {@code width} × {@code height} screenshot of {@code url}, not blank. */
  private static Path screenshot(String url, int width, int height) throws Exception {
    Path png = SharedSpark.newFolder("screenshot-").resolve("page.png");
    chromium(
        "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars", url);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertTrue(colours.size() > 50, "only " + colours.size() + " colours: a blank page? " + url);
    return png;
  }

  /** {@code height} pixels of {@code image} from {@code top}, as a PNG file. */
  private static Path crop(BufferedImage image, int top, int height) throws IOException {
    int h = Math.min(height, image.getHeight() - top);
    Path png = SharedSpark.newFolder("screenshot-").resolve("cut.png");
    ImageIO.write(image.getSubimage(0, top, image.getWidth(), h), "png", png.toFile());
    return png;
  }

  /** Copies a screenshot to {@code $MHCS_SCREENSHOTS/name} when that is set (docs/images). */
  private static void keep(Path png, String name) throws IOException {
    String dir = System.getenv("MHCS_SCREENSHOTS");
    if (dir != null && !dir.isBlank()) {
      Files.copy(png, Path.of(dir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  /**
   * Runs headless Chromium on {@code args}; returns its standard output. Chromium needs a writable
   * home and profile folder, and no sandbox when run as root in a container.
   */
  static String chromium(String... args) throws IOException, InterruptedException {
    String binary = binary();
    Path home = SharedSpark.newFolder("chromium-");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--user-data-dir=" + home.resolve("profile")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    File stdout = home.resolve("stdout.txt").toFile();
    File stderr = home.resolve("stderr.txt").toFile();
    builder.redirectOutput(stdout).redirectError(stderr);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
    }
    String out = Files.readString(stdout.toPath(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      fail(
          "chromium exited with "
              + process.exitValue()
              + ": "
              + command
              + "\n"
              + Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The Chromium on this machine, or a failure saying how to install it. */
  private static String binary() {
    for (String candidate : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir :
          System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        Path p = Path.of(dir, candidate);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    fail(
        "headless Chromium is needed to check the report as a browser renders it, and none was"
            + " found on PATH (chromium, chromium-browser, google-chrome). .ci/run installs it;"
            + " by hand: apt-get install -y chromium");
    return null;
  }
}
