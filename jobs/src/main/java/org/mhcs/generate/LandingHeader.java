package org.mhcs.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;

/**
 * A landing table's header as its schema declares it: the column names in order, where each named
 * column sits, and which columns must be filled. The generator finds a value's place here by the
 * column's name, so a schema that reorders its columns still gets every value under its own header.
 */
final class LandingHeader {
  private final String table;
  private final List<String> names;
  private final int[] required;

  /** Positions by the names the schema spells; immutable, so every writing thread shares it. */
  private final Map<String, Integer> positions;

  LandingHeader(LandingTableSpec spec) {
    this.table = spec.id();
    this.names = spec.columnNames();
    List<ColumnSpec> columns = spec.columns();
    this.required =
        IntStream.range(0, columns.size()).filter(i -> columns.get(i).required()).toArray();
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.putIfAbsent(names.get(i), i);
    }
    this.positions = Map.copyOf(byName);
  }

  /** {@code source/table}, for messages. */
  String table() {
    return table;
  }

  /** The column names, in the order the files' header row lists them. */
  List<String> names() {
    return names;
  }

  int size() {
    return names.size();
  }

  /** The positions of the columns the schema requires a value in, ascending. */
  int[] requiredPositions() {
    return required.clone();
  }

  /**
   * Where {@code column} sits in the header; names match case-insensitively, as the schema's
   * columns do for every other reader.
   *
   * @throws IllegalArgumentException if the schema declares no such column
   */
  int position(String column) {
    Integer position = positions.get(column);
    return position != null ? position : positionIgnoringCase(column);
  }

  private int positionIgnoringCase(String column) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "the generator writes a column "
            + column
            + " that the schema of "
            + table
            + " does not declare; it declares "
            + names);
  }
}
