package org.mhcs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mhcs.calendar.Period;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Repository;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * The whole pipeline over the shared demo landing ({@link LandingFixture}: scale 0.05, every
 * source, default thresholds), run once for the test classes that read its tables, and the pages of
 * every notebook run on it, written once for the classes that read those.
 */
public final class GeneratedMonthRun {
  private static Warehouse warehouse;
  private static MonthlyRun.Result result;
  private static Path notebookPages;

  /** The tests run in {@code jobs/}; the notebooks are at the repository root. */
  public static final Path NOTEBOOKS = Repository.ROOT.resolve("notebooks");

  private GeneratedMonthRun() {}

  public static synchronized Warehouse warehouse() {
    if (warehouse == null) {
      Warehouse w = GoldenRuns.newWarehouse();
      result =
          GoldenRuns.pipeline(w, Map.of())
              .execute(
                  new LandingFolder(LandingFixture.demo().landingDir()),
                  Period.of(LandingFixture.PERIOD));
      warehouse = w;
    }
    return warehouse;
  }

  public static synchronized MonthlyRun.Result result() {
    warehouse();
    return result;
  }

  /**
   * The folder of pages from every notebook in {@code notebooks/} run on {@link #warehouse} in one
   * {@code ./mhcs notebook run} call, as CI runs them (about 20 s, paid once per test run).
   *
   * @throws IllegalStateException with the command's stderr if it fails
   */
  public static synchronized Path notebookPages() {
    if (notebookPages == null) {
      List<String> args = new ArrayList<>(List.of("notebook", "run"));
      try (Stream<Path> files = Files.list(NOTEBOOKS)) {
        files
            .filter(p -> p.toString().endsWith(".sql"))
            .sorted()
            .forEach(p -> args.add(p.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path out = SharedSpark.newFolder("notebook-pages-");
      args.addAll(List.of("--warehouse", warehouse().root().toString(), "--out", out.toString()));
      CommandLine.Outcome o = CommandLine.run(args.toArray(String[]::new));
      if (o.code() != 0) {
        throw new IllegalStateException(String.join(" ", args) + " failed:\n" + o.err());
      }
      notebookPages = out;
    }
    return notebookPages;
  }
}
