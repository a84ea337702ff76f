package org.mhcs.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.testing.CsvRecords;

/**
 * One case of {@code src/test/resources/bad-input/}: its landing files, and what it must produce as
 * declared in its {@code case.properties} (see the corpus's README table in docs/reliability.md).
 */
record BadInputCase(String name, Path folder, Properties expected) {
  static List<BadInputCase> all(Path corpus) {
    try (Stream<Path> dirs = Files.list(corpus)) {
      return dirs.filter(Files::isDirectory).sorted().map(BadInputCase::of).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BadInputCase of(Path folder) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve("case.properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BadInputCase(folder.getFileName().toString(), folder, p);
  }

  String kind() {
    return expected.getProperty("kind", "rows");
  }

  String get(String key) {
    return expected.getProperty(key);
  }

  /** The numbered values {@code key.1}, {@code key.2}, … split on " | ". */
  List<List<String>> numbered(String key) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; expected.containsKey(key + "." + i); i++) {
      rows.add(Arrays.asList(expected.getProperty(key + "." + i).split(" \\| ", -1)));
    }
    return rows;
  }

  /** Copies the case's landing files (and generates any recipe file) under {@code landing}. */
  void landOn(Path landing) {
    Path from = folder.resolve("landing");
    if (Files.isDirectory(from)) {
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path to = landing.resolve(from.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (get("generate.file") != null) {
      generate(landing.resolve(get("generate.file")));
    }
    numbered("make").forEach(entry -> make(landing, entry));
  }

  /**
   * Makes one run-time entry of the case ({@code make.N = kind | path | argument}, path under the
   * landing): what git cannot carry reliably. {@code link | path | target} a symbolic link ({@code
   * {case}} in the target is this case's folder, {@code {landing}} the landing); {@code fifo |
   * path} a named pipe; {@code folder | path} a folder; {@code file | path | text} a file, hidden
   * ones included.
   */
  void make(Path landing, List<String> entry) {
    Path path = landing.resolve(entry.get(1));
    try {
      Files.createDirectories(path.getParent());
      switch (entry.get(0)) {
        case "link" -> Files.createSymbolicLink(path, Path.of(placed(entry.get(2), landing)));
        case "folder" -> Files.createDirectories(path);
        case "file" -> Files.writeString(path, entry.get(2), StandardCharsets.UTF_8);
        case "fifo" -> {
          Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
          if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
          }
        }
        default -> throw new IllegalArgumentException(name + ": unknown entry kind " + entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code text} with {@code {landing}} replaced by the landing folder and {@code {case}} by this
   * case's folder with every link resolved (as the product names a link's target).
   */
  String placed(String text, Path landing) {
    try {
      return text.replace("{case}", folder.toRealPath().toString())
          .replace("{landing}", landing.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the recipe: the head once, then the line {@code generate.lines} times, then the tail
   * ({@code generate.tail}) if there is one.
   */
  private void generate(Path file) {
    byte[] line = get("generate.line").getBytes(StandardCharsets.UTF_8);
    long lines = Long.parseLong(get("generate.lines"));
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        out.write(get("generate.head").getBytes(StandardCharsets.UTF_8));
        for (long i = 0; i < lines; i++) {
          out.write(line);
        }
        if (get("generate.tail") != null) {
          out.write(get("generate.tail").getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Records after the header, counted without the product's parser ({@link CsvRecords}); a file of
   * a table declared without a header row (ref/organisations, the ODS layout) has none to skip.
   */
  static long records(Path file) {
    return CsvRecords.count(file, headerless(file) ? 0 : 1);
  }

  /** Whether the file sits in the folder of a bundled table declared without a header row. */
  private static boolean headerless(Path file) {
    for (Path folder = file.getParent();
        folder != null && folder.getParent() != null;
        folder = folder.getParent()) {
      String id = folder.getParent().getFileName() + "/" + folder.getFileName();
      if (SCHEMAS.tables().stream().anyMatch(t -> t.id().equals(id))) {
        return SCHEMAS.table(id).format().headerless();
      }
    }
    return false;
  }

  private static final SchemaCatalog SCHEMAS = SchemaCatalog.bundled();
}
