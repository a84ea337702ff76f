package org.mhcs.notebook;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result tables of a notebook page, read back as text (entities undone), so tests compare what
 * an analyst sees with values they work out themselves.
 */
final class HtmlTables {
  private static final Pattern TABLE = Pattern.compile("<table>\\n(.*?)</table>", Pattern.DOTALL);
  private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);

  private HtmlTables() {}

  /** One table: its columns and its rows by column name (SQL NULL shown as "null"). */
  record Table(List<String> columns, List<Map<String, String>> rows) {
    List<String> column(String name) {
      return rows.stream().map(r -> r.get(name)).toList();
    }

    Map<String, String> rowWhere(String column, String value) {
      return rows.stream()
          .filter(r -> value.equals(r.get(column)))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no row with " + column + " = " + value + ": " + rows));
    }
  }

  static List<Table> all(String html) {
    List<Table> tables = new ArrayList<>();
    Matcher t = TABLE.matcher(html);
    while (t.find()) {
      List<List<String>> cells = new ArrayList<>();
      Matcher r = ROW.matcher(t.group(1));
      while (r.find()) {
        List<String> row = new ArrayList<>();
        Matcher c = CELL.matcher(r.group(1));
        while (c.find()) {
          row.add(text(c.group(1)));
        }
        cells.add(row);
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> row : cells.subList(1, cells.size())) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
          named.put(cells.get(0).get(i), row.get(i));
        }
        rows.add(named);
      }
      tables.add(new Table(cells.get(0), rows));
    }
    return tables;
  }

  /** The first table whose columns start with {@code columns}. */
  static Table starting(String html, String... columns) {
    for (Table t : all(html)) {
      if (t.columns().size() >= columns.length
          && t.columns().subList(0, columns.length).equals(List.of(columns))) {
        return t;
      }
    }
    return fail("no table with columns " + List.of(columns) + " in the page");
  }

  private static String text(String cell) {
    return cell.replaceAll("<[^>]+>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
