package org.mhcs.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Many output rows per input row in one pass: each row carries an array of structs and is exploded,
 * instead of a union of one select per kind of output row (which makes Spark recompute the input
 * once per branch).
 */
public final class Structs {
  private static final String ELEMENT = "_element";

  private Structs() {}

  /**
   * One row per struct of {@code array} on each of {@code rows} (none for a null array), with
   * {@code columns} in that order, each taken from {@code rows} or else from the struct's field of
   * that name.
   *
   * @throws IllegalArgumentException if a column is named both by {@code rows} and by the structs
   */
  public static Dataset<Row> explode(Dataset<Row> rows, Column array, List<String> columns) {
    Set<String> own = Set.of(rows.columns());
    StructType struct =
        (StructType) ((ArrayType) rows.select(array).schema().fields()[0].dataType()).elementType();
    Set<String> fields = Set.of(struct.fieldNames());
    List<Column> kept = new ArrayList<>();
    for (String c : columns) {
      if (own.contains(c)) {
        if (fields.contains(c)) {
          throw new IllegalArgumentException(c + " is both a column and a struct field");
        }
        kept.add(col(c));
      }
    }
    kept.add(functions.explode(array).as(ELEMENT));
    Column element = col(ELEMENT);
    return rows.select(kept.toArray(Column[]::new))
        .select(
            columns.stream()
                .map(c -> own.contains(c) ? col(c) : element.getField(c).as(c))
                .toArray(Column[]::new));
  }
}
