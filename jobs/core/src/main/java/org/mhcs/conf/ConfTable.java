package org.mhcs.conf;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small CSV file from {@code conf/}, read whole: one map per row, keyed by header. */
public final class ConfTable {
  private final String file;
  private final List<Map<String, String>> rows;
  private final List<Long> lines;

  private ConfTable(String file, List<Map<String, String>> rows, List<Long> lines) {
    this.file = file;
    this.rows = rows;
    this.lines = lines;
  }

  /** Reads {@code conf/<name>} from the build; every header in {@code required} must be present. */
  public static ConfTable read(String name, String... required) {
    return read(ConfFiles.bundled(), name, required);
  }

  /**
   * Reads {@code conf/<name>} from {@code conf}; every header in {@code required} must be present.
   */
  public static ConfTable read(ConfFiles conf, String name, String... required) {
    String file = "conf/" + name;
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setNullValue("");
    settings.getFormat().setLineSeparator("\n");
    CsvParser parser = new CsvParser(settings);
    List<Map<String, String>> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (InputStream in = conf.open(name)) {
      parser.beginParsing(new InputStreamReader(in, StandardCharsets.UTF_8));
      String[] headers = parser.getContext().headers();
      List<String> missing = new ArrayList<>();
      for (String r : required) {
        if (!List.of(headers).contains(r)) {
          missing.add(file + ": missing column '" + r + "' (found " + List.of(headers) + ")");
        }
      }
      if (!missing.isEmpty()) {
        throw new ConfigException(missing);
      }
      for (String[] values = parser.parseNext(); values != null; values = parser.parseNext()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i++) {
          row.put(headers[i], i < values.length && values[i] != null ? values[i].trim() : "");
        }
        rows.add(row);
        lines.add(parser.getContext().currentLine());
      }
    } catch (IOException e) {
      throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
    }
    return new ConfTable(file, rows, lines);
  }

  public String file() {
    return file;
  }

  public List<Map<String, String>> rows() {
    return rows;
  }

  /** The line of the file (from 1, the header) that row {@code index} was read from. */
  public long line(int index) {
    return lines.get(index);
  }
}
