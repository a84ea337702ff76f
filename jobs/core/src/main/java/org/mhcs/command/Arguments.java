package org.mhcs.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mhcs.calendar.Period;
import org.mhcs.storage.Location;

/**
 * A subcommand's arguments as picocli parsed them against its declared {@link Option}s ({@link
 * CommandSpecs#arguments}): each option's value or default, every value of a repeatable option, the
 * {@code --set key=value} settings and the positional words; then the typed, checked readings of
 * them (periods, folders, numbers) that every command shares, each failing with a {@link
 * UsageException} that names the option and its bad value.
 */
public final class Arguments {
  private final String command;
  private final Map<String, String> values;
  private final Map<String, List<String>> repeated;
  private final Map<String, String> settings;
  private final List<String> positional;
  private final Environment environment;

  Arguments(
      String command,
      Map<String, String> values,
      Map<String, List<String>> repeated,
      Map<String, String> settings,
      List<String> positional,
      Environment environment) {
    this.command = command;
    this.values = new LinkedHashMap<>(values);
    this.repeated = new LinkedHashMap<>(repeated);
    this.settings = new LinkedHashMap<>(settings);
    this.positional = new ArrayList<>(positional);
    this.environment = environment;
  }

  public String get(String name) {
    return values.get(name);
  }

  /** Every value given for a repeatable option, in order; empty when it was not given. */
  public List<String> all(String name) {
    return List.copyOf(repeated.getOrDefault(name, List.of()));
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  public Map<String, String> settings() {
    return settings;
  }

  public List<String> positional() {
    return positional;
  }

  /**
   * A month option, {@code YYYY-MM}: the one place a period enters from the command line, so a
   * value that is not a month never reaches a Delta predicate.
   */
  public Period period(String name) {
    try {
      return Period.parse(get(name));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + ": " + e.getMessage());
    }
  }

  /** What a run may be for: a month, or a financial year ({@code YYYY-YY}) of annual returns. */
  public Period runPeriod(String name) {
    try {
      return Period.parseRun(get(name));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + ": " + e.getMessage());
    }
  }

  /** A folder that must already exist and be readable (absolute, normalised). */
  public Path existingFolder(String name) {
    Path path = resolved(name);
    if (!Files.isDirectory(path)) {
      throw new UsageException(
          "--" + name + " " + path + ": no such folder" + (Files.exists(path) ? " (a file)" : ""));
    }
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(path)) {
      listing.iterator().hasNext();
    } catch (IOException | DirectoryIteratorException e) {
      throw new UsageException("--" + name + " " + path + ": cannot read it (" + reason(e) + ")");
    }
    return path;
  }

  /**
   * As {@link #existingFolder}, or a file system URI ({@code s3a://bucket/prefix}): a URI is only
   * parsed here, since reaching it needs Hadoop; the run checks it can be listed before Spark
   * starts.
   */
  public Location existingLocation(String name) {
    String value = get(name);
    return Location.isUri(value)
        ? remote("--" + name, value)
        : Location.local(existingFolder(name));
  }

  /** As {@link #writableFolder}, or a file system URI, parsed as {@link #existingLocation}. */
  public Location writableLocation(String name) {
    String value = get(name);
    return Location.isUri(value)
        ? remote("--" + name, value)
        : Location.local(writableFolder(name));
  }

  private static Location remote(String label, String value) {
    try {
      return Location.remote(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(label + " " + e.getMessage());
    }
  }

  /**
   * A folder to write into: it exists, or can be created (its nearest existing parent is a folder),
   * and a file can really be created there and deleted. The probe matters because root ignores
   * permission bits, so {@link Files#isWritable} says yes on a read-only mount. Creates nothing
   * that stays.
   */
  public Path writableFolder(String name) {
    Path path = resolved(name);
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new UsageException("--" + name + " " + path + " is a file, not a folder");
    }
    probe(name, path);
    return path;
  }

  /**
   * A file to write (absolute, normalised): not a folder, and its folder writable as {@link
   * #writableFolder} checks it.
   */
  public Path writableFile(String name) {
    Path path = resolved(name);
    if (Files.isDirectory(path)) {
      throw new UsageException("--" + name + " " + path + " is a folder; give a file name");
    }
    probe(name, path.getParent());
    return path;
  }

  /**
   * The warehouse a query command reads: {@code --warehouse}, else {@value
   * Option#WAREHOUSE_VARIABLE}, else {@code ./warehouse}, where {@code ./mhcs demo} writes. A
   * folder that is not there is a usage error saying where it was looked for and how to get one.
   */
  public Location queryWarehouse() {
    String given = get("warehouse");
    String variable = environment.variable(Option.WAREHOUSE_VARIABLE);
    String named = given != null ? given : variable;
    if (Location.isUri(named)) {
      return remote(given != null ? "--warehouse" : "$" + Option.WAREHOUSE_VARIABLE, named);
    }
    String source;
    Path path;
    if (given != null) {
      path = resolved("warehouse");
      source = "given by --warehouse";
    } else if (variable != null) {
      path = resolved(variable, "$" + Option.WAREHOUSE_VARIABLE);
      source = "from $" + Option.WAREHOUSE_VARIABLE;
    } else {
      path = resolved(Option.DEFAULT_WAREHOUSE, "./" + Option.DEFAULT_WAREHOUSE);
      source = "the default; neither --warehouse nor $" + Option.WAREHOUSE_VARIABLE + " is given";
    }
    if (!Files.isDirectory(path)) {
      throw new UsageException(
          "no warehouse at "
              + path
              + " ("
              + source
              + (Files.exists(path) ? ", and it is a file" : "")
              + "): ./mhcs "
              + command
              + " reads a warehouse that ./mhcs demo or ./mhcs run has built; run ./mhcs demo,"
              + " or pass --warehouse DIR (or set "
              + Option.WAREHOUSE_VARIABLE
              + ")");
    }
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(path)) {
      listing.iterator().hasNext();
    } catch (IOException | DirectoryIteratorException e) {
      throw new UsageException(
          "warehouse " + path + " (" + source + "): cannot read it (" + reason(e) + ")");
    }
    return Location.local(path);
  }

  private Path resolved(String name) {
    return resolved(get(name), "--" + name);
  }

  /** {@code value} as an absolute, normalised path; relative to the working directory. */
  private Path resolved(String value, String from) {
    try {
      return environment.workingDirectory().resolve(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new UsageException(from + " '" + value + "' is not a path: " + e.getReason());
    }
  }

  /** Creates and deletes a file in {@code folder}, or in its nearest existing parent. */
  private static void probe(String name, Path folder) {
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new UsageException(
          "--"
              + name
              + " "
              + folder
              + ": cannot be created, "
              + existing
              + " is a file: choose a folder elsewhere");
    }
    try {
      Files.delete(Files.createTempFile(existing, ".mhcs-write-probe-", ".tmp"));
    } catch (IOException e) {
      throw new UsageException(
          "--"
              + name
              + " "
              + folder
              + ": cannot write there ("
              + reason(e)
              + "): choose a writable folder");
    }
  }

  /** What the file system said, e.g. "Read-only file system" (not just the file's name). */
  private static String reason(Exception e) {
    Throwable cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
    if (cause instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (cause instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return cause.getMessage();
  }

  public double number(String name) {
    try {
      return Double.parseDouble(get(name));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, not '" + get(name) + "'");
    }
  }

  public long whole(String name) {
    try {
      return Long.parseLong(get(name));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not '" + get(name) + "'");
    }
  }
}
