package org.mhcs.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Test support: one demo landing (scale 0.05, seed 42, May 2024) generated once per test run and
 * shared by the test classes, plus a small streaming reader for the generated CSV files that knows
 * nothing about the generator (it reads columns by header name).
 */
final class LandingFixture {
  static final YearMonth PERIOD = YearMonth.of(2024, 5);
  static final double SCALE = 0.05;
  static final long SEED = 42;

  private static GeneratedLanding demo;

  private LandingFixture() {}

  /** The shared demo landing, generated on first use and deleted when the JVM exits. */
  static synchronized GeneratedLanding demo() {
    if (demo == null) {
      Path dir = temporaryFolder("mhcs-demo-landing-");
      demo = SyntheticLanding.write(dir, PERIOD, SCALE, SEED);
    }
    return demo;
  }

  /** A new temporary folder, deleted (with everything in it) when the JVM exits. */
  static Path temporaryFolder(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSV files of {@code source/table} for the period, sorted by name. */
  static List<Path> parts(Path landing, String source, String table) {
    Path folder = landing.resolve(source).resolve(table).resolve(PERIOD.toString());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A data row, read by column name. */
  record CsvRow(Map<String, Integer> positions, List<String> values) {
    String get(String column) {
      Integer i = positions.get(column);
      if (i == null) {
        throw new IllegalArgumentException("no column " + column + " in " + positions.keySet());
      }
      return values.get(i);
    }

    int integer(String column) {
      return Integer.parseInt(get(column));
    }

    double decimal(String column) {
      return Double.parseDouble(get(column));
    }
  }

  /** Streams every data row of {@code source/table} for the period. */
  static void forEachRow(Path landing, String source, String table, Consumer<CsvRow> action) {
    for (Path file : parts(landing, source, table)) {
      forEachRow(file, action);
    }
  }

  static void forEachRow(Path file, Consumer<CsvRow> action) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> header = parseLine(reader.readLine());
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        positions.put(header.get(i), i);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        action.accept(new CsvRow(positions, parseLine(line)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> header(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parseLine(reader.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CSV record on one line: commas separate, double quotes enclose, "" is a quote. */
  static List<String> parseLine(String line) {
    if (line.indexOf('"') < 0) {
      return Arrays.asList(line.split(",", -1));
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
