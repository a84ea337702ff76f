package org.mhcs.testing;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mhcs.warehouse.Table;

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
   * One row per token of every cell: (source, column, token); one scan of the table. Cells and
   * tokens outside {@code shortest..longest} characters cannot be a value looked for.
   */
  public static Dataset<Row> tokens(Table table, Dataset<Row> rows, int shortest, int longest) {
    List<Column> cells = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      Column value = col("`" + f.name() + "`");
      boolean nested =
          f.dataType() instanceof StructType
              || f.dataType() instanceof MapType
              || f.dataType() instanceof ArrayType;
      Column text = nested ? to_json(value) : value.cast(DataTypes.StringType);
      cells.add(struct(lit(f.name()).as("column"), text.as("text")));
    }
    // Dropping short cells and tokens before the split and the join saves most of the work
    // (codes, counts, flags).
    return rows.select(explode(array(cells.toArray(Column[]::new))).as("cell"))
        .where(length(col("cell.text")).geq(shortest))
        .select(
            lit(table.toString()).as("source"),
            col("cell.column").as("column"),
            explode(split(col("cell.text"), TOKEN_BREAK.pattern())).as("token"))
        .where(length(col("token")).between(shortest, longest));
  }

  /**
   * (source, column, kind, count) of every token that is a value looked for, as text, sorted.
   *
   * @param forbidden each value looked for, with what it is
   */
  public static List<String> findings(Dataset<Row> tokens, Map<String, String> forbidden) {
    List<Row> rows = new ArrayList<>();
    forbidden.forEach((value, kind) -> rows.add(RowFactory.create(value, kind)));
    StructType schema =
        new StructType()
            .add("token", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false);
    Dataset<Row> values = tokens.sparkSession().createDataFrame(rows, schema);
    return tokens
        .join(broadcast(values), "token")
        .groupBy("source", "column", "kind")
        .count()
        .orderBy("source", "column", "kind")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
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
