package org.mhcs.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.SchemaCatalog;

/**
 * Test support: one demo landing (scale 0.05, seed 42, May 2024) generated once per test run and
 * shared by the test classes, plus a small streaming reader for the generated files that knows
 * nothing about the generator: it finds a table's folder from the landing contract (month,
 * financial year or none), reads the file format the schema declares (delimiter, quote, encoding,
 * rows above the header) and gives columns by name, matching the file's headings to the schema's.
 */
final class LandingFixture {
  static final YearMonth PERIOD = YearMonth.of(2024, 5);
  static final double SCALE = 0.05;
  static final long SEED = 42;

  /** The financial year holding {@link #PERIOD}, as annual tables' folders spell it. */
  static final String FINANCIAL_YEAR = "2024-25";

  static final SchemaCatalog SCHEMAS = SchemaCatalog.bundled();

  /**
   * The declared tables the generator writes: all but ref/organisations_reshaped, a third party's
   * layout of old extracts that the generator has no reason to imitate.
   */
  static final List<LandingTableSpec> GENERATED =
      SCHEMAS.tables().stream()
          .filter(
              t ->
                  java.util.Arrays.stream(LandingTable.values())
                      .anyMatch(g -> g.key().equals(t.id())))
          .toList();

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

  /**
   * The folder of {@code source/table} for {@link #PERIOD}: {@code 2024-05} for monthly tables,
   * {@code 2024-25} for annual ones, none for reference tables.
   */
  static Path folder(Path landing, String source, String table) {
    Path folder = landing.resolve(source).resolve(table);
    return switch (SCHEMAS.table(source, table).period()) {
      case MONTHLY -> folder.resolve(PERIOD.toString());
      case FINANCIAL_YEAR -> folder.resolve(FINANCIAL_YEAR);
      case NONE -> folder;
    };
  }

  /** The CSV files of {@code source/table} for the period, sorted by name. */
  static List<Path> parts(Path landing, String source, String table) {
    Path folder = folder(landing, source, table);
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A data record, read by column name: its fields as the file holds them (quotes removed, not
   * trimmed), the physical line it is on (line 1 is the file's first line) and how many fields the
   * file's header has.
   */
  record CsvRow(
      Map<String, Integer> positions,
      List<String> values,
      int line,
      int headerWidth,
      Map<String, String> fromFileName) {
    CsvRow(Map<String, Integer> positions, List<String> values, int line, int headerWidth) {
      this(positions, values, line, headerWidth, Map.of());
    }

    String get(String column) {
      if (fromFileName.containsKey(column)) {
        return fromFileName.get(column);
      }
      Integer i = positions.get(column);
      if (i == null) {
        throw new IllegalArgumentException("no column " + column + " in " + positions.keySet());
      }
      return i < values.size() ? values.get(i) : "";
    }

    int integer(String column) {
      return Integer.parseInt(get(column));
    }

    double decimal(String column) {
      return Double.parseDouble(get(column));
    }

    /** A number that may carry thousands separators ({@code 12,345}). */
    double grouped(String column) {
      return Double.parseDouble(get(column).replace(",", ""));
    }
  }

  /** Streams every data row of {@code source/table} for the period, in file then line order. */
  static void forEachRow(Path landing, String source, String table, Consumer<CsvRow> action) {
    LandingTableSpec spec = SCHEMAS.table(source, table);
    for (Path file : parts(landing, source, table)) {
      forEachRow(file, spec, action);
    }
  }

  /** Streams the data rows of one file of {@code spec}'s table, columns by the schema's names. */
  static void forEachRow(Path file, LandingTableSpec spec, Consumer<CsvRow> action) {
    FileFormat format = spec.format();
    try (BufferedReader reader =
        Files.newBufferedReader(file, Charset.forName(format.encoding()))) {
      int line = 0;
      String text = null;
      for (int row = 1; row <= format.headerRow(); row++) {
        text = reader.readLine();
        line++;
      }
      Map<String, Integer> positions = new HashMap<>();
      int width = -1; // a file without a header row: its first record's width
      if (!format.headerless()) {
        List<String> headings = parseLine(text, format.delimiter(), format.quote());
        width = headings.size();
        for (ColumnSpec column : spec.columns()) {
          for (int i = 0; i < headings.size(); i++) {
            if (headings.get(i).trim().equalsIgnoreCase(column.header())) {
              positions.put(column.name(), i);
            }
          }
        }
      } else {
        for (ColumnSpec column : spec.columns()) {
          if (column.position() > 0) {
            positions.put(column.name(), column.position() - 1);
          }
        }
      }
      // A column from the file's name: the name's month, as its first day.
      Map<String, String> fromName = new HashMap<>();
      String name = file.getFileName().toString();
      for (ColumnSpec column : spec.columns()) {
        if (column.fromFileNameOnly()) {
          String prefix = column.fromFileName().replace(ColumnSpec.FILE_NAME_MONTH, "");
          fromName.put(
              column.name(),
              name.startsWith(prefix) && name.length() >= prefix.length() + 7
                  ? name.substring(prefix.length(), prefix.length() + 7) + "-01"
                  : "");
        }
      }
      for (text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        List<String> values = parseLine(text, format.delimiter(), format.quote());
        if (width < 0) {
          width = values.size();
        }
        action.accept(new CsvRow(positions, values, line, width, fromName));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams the data rows of a plain CSV file (comma, header on line 1), columns by heading. */
  static void forEachRow(Path file, Consumer<CsvRow> action) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      forEachRow(reader, action);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams the rows of {@code conf/<file>} from the classpath (comma, header on line 1). */
  static void forEachConfRow(String file, Consumer<CsvRow> action) {
    try (InputStream in = LandingFixture.class.getResourceAsStream("/mhcs/conf/" + file)) {
      if (in == null) {
        throw new IllegalStateException("conf/" + file + " is not on the classpath");
      }
      forEachRow(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), action);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void forEachRow(BufferedReader reader, Consumer<CsvRow> action)
      throws IOException {
    List<String> header = parseLine(reader.readLine());
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      positions.put(header.get(i), i);
    }
    int line = 1;
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      line++;
      if (!text.isBlank()) {
        action.accept(new CsvRow(positions, parseLine(text), line, header.size()));
      }
    }
  }

  /** The first line of a plain CSV file. */
  static List<String> header(Path file) {
    return parseLine(rawLines(file, 1, StandardCharsets.UTF_8).get(0));
  }

  /**
   * The first {@code n} lines of a file of {@code spec}'s table, split by its delimiter (rows above
   * the header included).
   */
  static List<List<String>> firstLines(Path file, LandingTableSpec spec, int n) {
    FileFormat format = spec.format();
    List<List<String>> rows = new ArrayList<>();
    for (String text : rawLines(file, n, Charset.forName(format.encoding()))) {
      rows.add(parseLine(text, format.delimiter(), format.quote()));
    }
    return rows;
  }

  private static List<String> rawLines(Path file, int n, Charset charset) {
    try (BufferedReader reader = Files.newBufferedReader(file, charset)) {
      List<String> lines = new ArrayList<>();
      for (String text = reader.readLine(); text != null && lines.size() < n; ) {
        lines.add(text);
        text = reader.readLine();
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CSV record on one line: commas separate, double quotes enclose, "" is a quote. */
  static List<String> parseLine(String line) {
    return parseLine(line, ',', '"');
  }

  /** One record on one line with the given delimiter and quote (doubled inside quotes). */
  static List<String> parseLine(String line, char delimiter, char quote) {
    if (line.indexOf(quote) < 0) {
      List<String> fields = new ArrayList<>();
      int start = 0;
      for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, start)) {
        fields.add(line.substring(start, i));
        start = i + 1;
      }
      fields.add(line.substring(start));
      return fields;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
          field.append(quote);
          i++;
        } else if (c == quote) {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == quote) {
        quoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** {@code text} lower-cased, for comparing headings and tokens as the contract does. */
  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
