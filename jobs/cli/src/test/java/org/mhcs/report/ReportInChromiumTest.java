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
import org.mhcs.testing.SharedSpark;

/**
 * The report as a browser shows it: headless Chromium (Debian's {@code chromium} package; {@code
 * .ci/run} installs it) loads an organisation's page from disk, and the test reads back the DOM it
 * built and a screenshot. Fails, rather than skips, when Chromium is missing.
 */
class ReportInChromiumTest {
  private static final long TIMEOUT_SECONDS = 90;

  /** The selected organisation's colour ({@link ChartSvg#SELECTED}), used nowhere else. */
  private static final int SELECTED_RGB = 0x003087;

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
