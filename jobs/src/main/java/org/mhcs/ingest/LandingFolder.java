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
import org.mhcs.warehouse.Period;

/**
 * A landing folder laid out as {@code <root>/<source>/<table>/<period>/<any-name>.csv} ({@code ref}
 * tables without the period folder), as the landing contract describes.
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
  public Path folder(LandingTableSpec spec, Period period) {
    Path table = root.resolve(spec.source()).resolve(spec.table());
    return spec.period() == PeriodType.NONE ? table : table.resolve(period.toString());
  }

  /** The table's CSV files for the period, sorted by name; empty when the table was not landed. */
  public List<Path> csvFiles(LandingTableSpec spec, Period period) {
    return files(spec, period, true);
  }

  /** Files in the table's folder that are not CSV: reported, never read. */
  public List<Path> strayFiles(LandingTableSpec spec, Period period) {
    return files(spec, period, false);
  }

  private List<Path> files(LandingTableSpec spec, Period period, boolean csv) {
    Path dir = folder(spec, period);
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
