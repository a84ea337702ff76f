package org.mhcs.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mhcs.schema.Table;

/**
 * Scanners for values that must not appear (clear identifiers, birth dates, the key): in tables,
 * every cell cast to text (maps, arrays and structs as JSON), and in files or text. Everything is
 * cut into tokens at characters other than letters, digits and {@code -}, so a value inside longer
 * text (a message, a JSON map, a path) is found too; a value looked for must hold no such break.
 */
public final class IdentifierScan {
  public static final Pattern TOKEN_BREAK = Pattern.compile("[^A-Za-z0-9-]+");

  private IdentifierScan() {}

  /**
   * (source, column, kind, count) of every token of every cell of {@code tables} that is a value
   * looked for, as text, sorted; one scan of each table. Each cell is cut into tokens on the
   * executors and each token looked up in a broadcast copy of {@code forbidden}, so only the tokens
   * found leave a task (the scan once exploded every cell into token rows and joined them with the
   * values: 140 s for the demo warehouse).
   *
   * @param forbidden each value looked for, with what it is
   */
  public static List<String> findings(
      Map<Table, Dataset<Row>> tables, Map<String, String> forbidden) {
    if (tables.isEmpty()) {
      return List.of();
    }
    SparkSession spark = tables.values().iterator().next().sparkSession();
    Broadcast<HashMap<String, String>> lookup =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new HashMap<>(forbidden));
    int shortest = forbidden.keySet().stream().mapToInt(String::length).min().orElse(1);
    int longest = forbidden.keySet().stream().mapToInt(String::length).max().orElse(0);
    Dataset<Row> hits = null;
    for (Map.Entry<Table, Dataset<Row>> t : tables.entrySet()) {
      Dataset<Row> text = asText(t.getValue());
      Dataset<Row> found =
          text.flatMap(
              new Hits(t.getKey().toString(), text.columns(), lookup, shortest, longest),
              Encoders.row(HIT));
      hits = hits == null ? found : hits.union(found);
    }
    try {
      return hits
          .groupBy("source", "column", "kind")
          .count()
          .orderBy("source", "column", "kind")
          .collectAsList()
          .stream()
          .map(Row::toString)
          .toList();
    } finally {
      lookup.destroy();
    }
  }

  private static final StructType HIT =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false);

  /** Every cell as text: maps, arrays and structs as JSON, the rest cast. */
  private static Dataset<Row> asText(Dataset<Row> rows) {
    List<Column> cells = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      Column value = col("`" + f.name() + "`");
      boolean nested =
          f.dataType() instanceof StructType
              || f.dataType() instanceof MapType
              || f.dataType() instanceof ArrayType;
      cells.add((nested ? to_json(value) : value.cast(DataTypes.StringType)).as(f.name()));
    }
    return rows.select(cells.toArray(Column[]::new));
  }

  /** One row's hits: (source, column, kind) per token looked for. */
  private record Hits(
      String source,
      String[] columns,
      Broadcast<HashMap<String, String>> lookup,
      int shortest,
      int longest)
      implements FlatMapFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Row row) {
      List<Row> hits = List.of();
      Map<String, String> forbidden = lookup.value();
      for (int i = 0; i < columns.length; i++) {
        String text = row.getString(i);
        if (text == null || text.length() < shortest) {
          continue;
        }
        int n = text.length();
        int from = 0;
        while (from < n) {
          while (from < n && isBreak(text.charAt(from))) {
            from++;
          }
          int to = from;
          while (to < n && !isBreak(text.charAt(to))) {
            to++;
          }
          int length = to - from;
          if (length >= shortest && length <= longest) {
            String kind = forbidden.get(text.substring(from, to));
            if (kind != null) {
              if (hits.isEmpty()) {
                hits = new ArrayList<>();
              }
              hits.add(RowFactory.create(source, columns[i], kind));
            }
          }
          from = to;
        }
      }
      return hits.iterator();
    }
  }

  /** Whether {@code c} cuts tokens: {@link #TOKEN_BREAK}'s class, without a regex per cell. */
  private static boolean isBreak(char c) {
    return !((c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-');
  }

  /** Adds {@code name: kind} to {@code found} for every token of {@code content} looked for. */
  public static void scan(
      String name, byte[] content, Map<String, String> forbidden, List<String> found) {
    for (String token : TOKEN_BREAK.split(new String(content, StandardCharsets.UTF_8))) {
      String kind = forbidden.get(token);
      if (kind != null) {
        found.add(name + ": " + kind);
      }
    }
  }

  /** The unkeyed SHA-256 of a value, in hex: reversed by hashing every candidate. */
  public static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
