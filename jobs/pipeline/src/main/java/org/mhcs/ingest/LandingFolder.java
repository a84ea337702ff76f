package org.mhcs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.mhcs.calendar.Period;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.storage.HadoopStorage;
import org.mhcs.storage.Location;

/**
 * A landing folder laid out as {@code <root>/<source>/<table>/<period>/<any-name>.csv} ({@code ref}
 * tables without the period folder; annual tables under the financial year, {@code 2024-25}), as
 * the landing contract describes.
 */
public final class LandingFolder {
  /** The local folder; null for a remote one. */
  private final Path root;

  private final Location location;

  /** The Hadoop configuration a remote folder is listed and read with; null for a local one. */
  private final Configuration hadoop;

  public LandingFolder(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "landing folder " + root + " does not exist or is not a folder: pass --landing DIR");
    }
    this.root = root.toAbsolutePath().normalize();
    this.location = Location.local(this.root);
    this.hadoop = null;
  }

  private LandingFolder(Location location, Configuration hadoop) {
    this.root = null;
    this.location = location;
    this.hadoop = hadoop;
  }

  /**
   * A local folder, or one in a Hadoop file system ({@code s3a://bucket/landing}) listed and read
   * with {@code storageOptions} ({@code --set fs.*}) over Hadoop's defaults and provider chain.
   *
   * @throws IllegalArgumentException when the folder is not there or cannot be reached (naming the
   *     bucket, never a credential)
   */
  public static LandingFolder at(Location location, Map<String, String> storageOptions) {
    if (location.isLocal()) {
      return new LandingFolder(location.localPath("landing"));
    }
    Configuration conf = HadoopStorage.configuration(storageOptions);
    HadoopStorage.requireReachable(location, conf, "--landing", true);
    return new LandingFolder(location, conf);
  }

  /**
   * The local folder.
   *
   * @throws IllegalStateException for a remote landing folder
   */
  public Path root() {
    return location.localPath("this command's landing folder");
  }

  public Location location() {
    return location;
  }

  /** Opens this folder's files, on the driver or in a task. */
  public LandingReader reader() {
    return hadoop == null ? LandingReader.LOCAL : LandingReader.withHadoop(hadoop);
  }

  /**
   * As {@link #csvFiles}, {@link #strayFiles} and {@link #hiddenCsvFiles} together, by location (a
   * local path or a URI), for a local or remote folder. Object storage has no links, pipes or
   * devices; a "folder" named {@code .csv} there is refused as a local one is.
   */
  public Listing listing(LandingTableSpec spec, ReportingWindow window) {
    if (hadoop == null) {
      return new Listing(
          Files.isDirectory(folder(spec, window)),
          csvFiles(spec, window).stream().map(Path::toString).toList(),
          strayFiles(spec, window).stream().map(Path::toString).toList(),
          hiddenCsvFiles(spec, window).stream().map(Path::toString).toList(),
          0);
    }
    String dir = remoteFolder(spec, window);
    FileStatus[] entries;
    try {
      entries =
          new org.apache.hadoop.fs.Path(dir)
              .getFileSystem(hadoop)
              .listStatus(new org.apache.hadoop.fs.Path(dir));
    } catch (java.io.FileNotFoundException e) {
      return new Listing(false, List.of(), List.of(), List.of(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          HadoopStorage.unreachable(location, "--landing", e).getMessage(), e);
    }
    List<String> csv = new ArrayList<>();
    List<String> stray = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    long bytes = 0;
    for (FileStatus entry : Arrays.stream(entries).sorted().toList()) {
      String name = entry.getPath().getName();
      String at = dir + "/" + name;
      boolean isCsv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
      if (isCsv && name.startsWith(".")) {
        hidden.add(at);
      } else if (isCsv && entry.isDirectory()) {
        throw new LandingFileException(
            at,
            "is a folder, not a file",
            "Move the .csv files it holds into "
                + dir
                + " itself (files in sub-folders are not"
                + " read), then remove the folder.");
      } else if (isCsv) {
        csv.add(at);
        bytes += entry.getLen();
      } else if (!name.startsWith(".") && entry.isFile()) {
        stray.add(at);
      }
    }
    return new Listing(true, csv, stray, hidden, bytes);
  }

  /**
   * What a table's folder for a period holds, by location.
   *
   * @param remoteCsvBytes the CSV files' bytes, as a remote listing gives them (0 when local)
   */
  public record Listing(
      boolean folderExists,
      List<String> csvFiles,
      List<String> strayFiles,
      List<String> hiddenCsvFiles,
      long remoteCsvBytes) {}

  private String remoteFolder(LandingTableSpec spec, ReportingWindow window) {
    Location table = location.resolve(spec.source()).resolve(spec.table());
    return (spec.period() == PeriodType.NONE ? table : table.resolve(window.label())).uri();
  }

  /** The folder that holds {@code spec}'s files for {@code period}. */
  public Path folder(LandingTableSpec spec, ReportingWindow window) {
    Path table = root.resolve(spec.source()).resolve(spec.table());
    return spec.period() == PeriodType.NONE ? table : table.resolve(window.label());
  }

  /**
   * The table's CSV files for the period, sorted by name; empty when the table was not landed. A
   * symbolic link is followed when its target is a file under the landing root (lineage keeps the
   * link's name, the file as landed); hidden files ({@link #hiddenCsvFiles}) are left out.
   *
   * @throws LandingFileException for a {@code .csv} entry that cannot be read as a landing file: a
   *     link out of the landing root or to nothing, a folder, or a pipe, socket or device (never
   *     opened: reading a pipe waits for a writer forever). Each stops the run rather than being
   *     skipped, since skipping it would lose its rows, or delete them if it was loaded before.
   */
  public List<Path> csvFiles(LandingTableSpec spec, ReportingWindow window) {
    List<Path> files = new ArrayList<>();
    for (Path entry : entries(spec, window)) {
      if (isCsv(entry) && !isHidden(entry)) {
        files.add(checkedFile(entry));
      }
    }
    return files;
  }

  /** Files in the table's folder that are not CSV: reported, never read. */
  public List<Path> strayFiles(LandingTableSpec spec, ReportingWindow window) {
    return entries(spec, window).stream()
        .filter(p -> !isCsv(p) && !isHidden(p) && Files.isRegularFile(p))
        .toList();
  }

  /**
   * Hidden {@code .csv} entries ({@code .name.csv}): reported, never read. By convention they are
   * not data: editors' lock and backup copies, uploads still in progress under a temporary name.
   */
  public List<Path> hiddenCsvFiles(LandingTableSpec spec, ReportingWindow window) {
    return entries(spec, window).stream().filter(p -> isCsv(p) && isHidden(p)).toList();
  }

  /** Everything in the table's folder for the period, sorted by name; nothing is opened. */
  private List<Path> entries(LandingTableSpec spec, ReportingWindow window) {
    Path dir = folder(spec, window);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isCsv(Path entry) {
    return entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  private static boolean isHidden(Path entry) {
    return entry.getFileName().toString().startsWith(".");
  }

  /** {@code entry} when it is, or links to, a regular file under the landing root. */
  private Path checkedFile(Path entry) {
    Path real;
    try {
      real = entry.toRealPath();
    } catch (NoSuchFileException e) {
      throw new LandingFileException(
          entry,
          "is a symbolic link to " + linkTarget(entry) + ", which does not exist",
          "Copy the file itself into " + entry.getParent() + ", or remove the link.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!real.startsWith(realRoot())) {
      throw new LandingFileException(
          entry,
          "leads through a symbolic link to "
              + real
              + ", outside the landing folder "
              + root
              + ", which is never read",
          "Copy the file into " + entry.getParent() + " in place of the link.");
    }
    if (Files.isDirectory(real)) {
      throw new LandingFileException(
          entry,
          "is a folder, not a file",
          "Move the .csv files it holds into "
              + entry.getParent()
              + " itself (files in sub-folders are not read), then remove the folder.");
    }
    if (!Files.isRegularFile(real)) {
      throw new LandingFileException(
          entry,
          "is not a regular file (a named pipe, socket or device), so it was not opened",
          "Land the data as an ordinary file under that name, or remove the entry.");
    }
    return entry;
  }

  private static Path linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException | UnsupportedOperationException e) {
      return link; // a parent folder is the broken link: the entry names it well enough
    }
  }

  /** The root with every link resolved, to compare real paths with. */
  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes of every table's CSV files for {@code period}: how much work a run has. A table whose
   * folder cannot be listed counts nothing here; loading it reports why.
   */
  public long bytes(List<LandingTableSpec> specs, Period period) {
    long bytes = 0;
    for (LandingTableSpec spec : specs) {
      if (!spec.period().readIn(period)) {
        continue;
      }
      try {
        if (hadoop != null) {
          bytes += listing(spec, spec.window(period)).remoteCsvBytes();
          continue;
        }
        for (Path file : csvFiles(spec, spec.window(period))) {
          bytes += Files.size(file);
        }
      } catch (LandingFileException | IOException | UncheckedIOException e) {
        // Counted as nothing: the ingest stage names the file and stops the run.
      }
    }
    return bytes;
  }

  /**
   * Throws, naming what was expected, when no table read for {@code period} (other than the
   * reference tables, which every period reads) has a CSV file for it: such a run would have
   * nothing to do. Lists folders only, without Spark, so a run can refuse before it takes the
   * warehouse's lock or writes its log. A table whose folder cannot be listed counts as landed
   * here; loading it reports why.
   *
   * @throws IllegalArgumentException saying where files were expected
   */
  public void requireLanded(List<LandingTableSpec> specs, Period period) {
    for (LandingTableSpec spec : specs) {
      if (spec.period() == PeriodType.NONE || !spec.period().readIn(period)) {
        continue;
      }
      try {
        if (!listing(spec, spec.window(period)).csvFiles().isEmpty()) {
          return;
        }
      } catch (LandingFileException | UncheckedIOException e) {
        return;
      }
    }
    throw nothingLanded(period);
  }

  /** The message of a run with nothing landed for its period. */
  IllegalArgumentException nothingLanded(Period period) {
    return new IllegalArgumentException(
        "nothing is landed for "
            + period
            + " under "
            + location
            + ": expected files such as "
            + location.resolve(
                (period.isFinancialYear() ? "eric/trust/" : "csds/CYP201CareContact/")
                    + period
                    + "/part-00000.csv")
            + " (layout <source>/<table>/<period>/*.csv); check --landing and --period");
  }

  /** The file's path relative to the landing root, as lineage records it. */
  public String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString();
  }

  /** As {@link #relative(Path)}, for a file named by its location (a local path or a URI). */
  public String relative(String file) {
    return hadoop == null ? relative(Path.of(file)) : file.substring(location.uri().length() + 1);
  }
}
