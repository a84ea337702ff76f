package org.mhcs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.warehouse.ReportingWindow;

/**
 * A landing folder laid out as {@code <root>/<source>/<table>/<period>/<any-name>.csv} ({@code ref}
 * tables without the period folder; annual tables under the financial year, {@code 2024-25}), as
 * the landing contract describes.
 */
public final class LandingFolder {
  private final Path root;

  public LandingFolder(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "landing folder " + root + " does not exist or is not a folder: pass --landing DIR");
    }
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The folder that holds {@code spec}'s files for {@code period}. */
  public Path folder(LandingTableSpec spec, ReportingWindow window) {
    Path table = root.resolve(spec.source()).resolve(spec.table());
    return spec.period() == PeriodType.NONE ? table : table.resolve(window.label());
  }

  /** The table's CSV files for the period, sorted by name; empty when the table was not landed. */
  public List<Path> csvFiles(LandingTableSpec spec, ReportingWindow window) {
    return files(spec, window, true);
  }

  /** Files in the table's folder that are not CSV: reported, never read. */
  public List<Path> strayFiles(LandingTableSpec spec, ReportingWindow window) {
    return files(spec, window, false);
  }

  private List<Path> files(LandingTableSpec spec, ReportingWindow window, boolean csv) {
    Path dir = folder(spec, window);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> found = new ArrayList<>();
      children
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") == csv)
          .sorted()
          .forEach(found::add);
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's path relative to the landing root, as lineage records it. */
  public String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString();
  }
}
