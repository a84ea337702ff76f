package org.mhcs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mhcs.metrics.Metric;
import org.mhcs.systems.SystemMembership;

/**
 * Writes the static report site from {@link ReportData}: {@code index.html}, {@code
 * metric/<id>.html} per metric, {@code org/<code>.html} per organisation and {@code
 * icb/<code>.html} and {@code region/<code>.html} per ICB and region with figures, every chart
 * inline as SVG so each page renders offline on its own.
 *
 * <p>The output folder must be new, empty, or a report this class wrote before: it leaves a list of
 * the files it wrote in {@value #MARKER}, and a rerun deletes exactly those before writing, so it
 * never deletes anything it did not write. Pure Java after the data is loaded: no Spark.
 */
public final class ReportSite {
  /** The list of files a report wrote, at the top of its folder. */
  public static final String MARKER = ".mhcs-report";

  private static final String MARKER_HEADER =
      "# Written by ./mhcs report: the files below are replaced by the next report into this"
          + " folder.\n";

  private final ReportData data;
  private final Path out;
  private final Consumer<String> progress;

  /**
   * A page's HTML, how many charts it holds, and its tables, each written as a CSV file next to the
   * page.
   */
  record Page(String html, int charts, List<ReportView.Table> tables) {}

  /**
   * What was written.
   *
   * @param seconds wall time of writing (after the data was loaded)
   */
  public record Result(
      Path out, int metricPages, int orgPages, int systemPages, int charts, double seconds) {}

  public ReportSite(ReportData data, Path out, Consumer<String> progress) {
    this.data = data;
    this.out = out.toAbsolutePath().normalize();
    this.progress = progress;
  }

  /**
   * Why {@code out} cannot take a report, or empty when it can: it must not exist, be an empty
   * folder, or hold a previous report's {@value #MARKER}.
   */
  public static Optional<String> refusal(Path out) {
    if (!Files.exists(out)) {
      return Optional.empty();
    }
    if (!Files.isDirectory(out)) {
      return Optional.of(out + " is a file, not a folder");
    }
    if (Files.isRegularFile(out.resolve(MARKER))) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(out)) {
      if (children.findAny().isPresent()) {
        return Optional.of(
            out
                + " is not empty and holds no earlier report ("
                + MARKER
                + " is missing), so writing there could overwrite files that are not the"
                + " report's: give a new or empty folder");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.empty();
  }

  /** Writes every page; replaces the files of an earlier report in the same folder. */
  public Result write() {
    refusal(out)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
    long start = System.nanoTime();
    List<String> written = new ArrayList<>();
    try {
      Files.createDirectories(out);
      deletePrevious();
      // Mark the folder as ours before the first page, so that a failed run can be rerun into it.
      Files.writeString(out.resolve(MARKER), MARKER_HEADER, StandardCharsets.UTF_8);
      Files.createDirectories(out.resolve("metric"));
      Files.createDirectories(out.resolve("org"));

      write("", "index.html", IndexPage.render(data), written);
      int charts = 0;
      int metricPages = 0;
      for (Metric m : data.catalog().all()) {
        ReportSite.Page page = MetricPage.render(data, m);
        write("metric/", Html.safeName(m.id()) + ".html", page, written);
        charts += page.charts();
        metricPages++;
      }
      progress.accept(
          String.format(
              Locale.ROOT,
              "report: %d metric pages, %d charts (%.1fs)",
              metricPages,
              charts,
              seconds(start)));
      int orgPages = 0;
      List<String> orgs = data.organisations();
      for (String org : orgs) {
        ReportSite.Page page = OrgPage.render(data, org);
        write("org/", Html.safeName(org) + ".html", page, written);
        charts += page.charts();
        orgPages++;
        if (orgPages % 25 == 0 || orgPages == orgs.size()) {
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "report: %d of %d organisation pages (%.1fs)",
                  orgPages,
                  orgs.size(),
                  seconds(start)));
        }
      }
      int systemPages = 0;
      for (String level : List.of(SystemMembership.ICB, SystemMembership.REGION)) {
        Files.createDirectories(out.resolve(level));
        for (String code : data.systems().systems(level)) {
          write(
              level + "/",
              Html.safeName(code) + ".html",
              SystemPage.render(data, level, code),
              written);
          systemPages++;
        }
      }
      progress.accept(
          String.format(
              Locale.ROOT, "report: %d ICB and region pages (%.1fs)", systemPages, seconds(start)));
      Files.writeString(
          out.resolve(MARKER),
          MARKER_HEADER + String.join("\n", written) + "\n",
          StandardCharsets.UTF_8);
      return new Result(out, metricPages, orgPages, systemPages, charts, seconds(start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page {@code name} in {@code folder} ("" or "metric/"), and its tables' CSV files. */
  private void write(String folder, String name, Page page, List<String> written)
      throws IOException {
    Files.writeString(out.resolve(folder + name), page.html(), StandardCharsets.UTF_8);
    written.add(folder + name);
    for (ReportView.Table table : page.tables()) {
      TableCsv.write(table, out.resolve(folder + table.csv()));
      written.add(folder + table.csv());
    }
  }

  /** Deletes the files the previous report listed, and only those (never outside the folder). */
  private void deletePrevious() throws IOException {
    Path marker = out.resolve(MARKER);
    if (!Files.isRegularFile(marker)) {
      return;
    }
    for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Path file = out.resolve(line).normalize();
      if (file.startsWith(out) && Files.isRegularFile(file)) {
        Files.delete(file);
      }
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
