package org.mhcs.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.LandingTableSpec;

/**
 * A landing table's header as its schema declares it: the column names in order (how the generator
 * addresses values), the headings the file shows for them (e.g. ERIC's {@code Gross internal floor
 * area (m²)}), where each named column sits, which columns must be filled, and the file format
 * (delimiter, encoding, rows above the header). The generator finds a value's place here by the
 * column's name, so a schema that reorders its columns still gets every value under its own header.
 */
final class LandingHeader {
  private final LandingTableSpec spec;
  private final List<String> names;
  private final List<String> headings;
  private final List<List<String>> preamble;
  private final int[] required;

  /** Per field of a written record, the column written there, or -1 for an empty field. */
  private final int[] columnAtField;

  /** Positions by the names the schema spells; immutable, so every writing thread shares it. */
  private final Map<String, Integer> positions;

  /**
   * @param groupHeadings group titles by the name of the column each group starts at, written in
   *     the row just above the header when the schema's {@code header_row} puts rows there
   */
  LandingHeader(LandingTableSpec spec, Map<String, String> groupHeadings) {
    this(spec, groupHeadings, 0);
  }

  /**
   * @param fields how many fields a record of a file without a header row has (the ODS extract's
   *     27), at least the highest declared position; ignored for files with a header
   */
  LandingHeader(LandingTableSpec spec, Map<String, String> groupHeadings, int fields) {
    this.spec = spec;
    this.names = spec.columnNames();
    List<ColumnSpec> columns = spec.columns();
    // A column from the file's name is not written: the file's name says it.
    this.required =
        IntStream.range(0, columns.size())
            .filter(i -> columns.get(i).required() && !columns.get(i).fromFileNameOnly())
            .toArray();
    if (spec.format().headerless()) {
      int width = fields;
      for (ColumnSpec c : columns) {
        width = Math.max(width, c.position());
      }
      this.columnAtField = new int[width];
      java.util.Arrays.fill(columnAtField, -1);
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).position() > 0) {
          columnAtField[columns.get(i).position() - 1] = i;
        }
      }
      this.headings = List.of();
    } else {
      this.columnAtField =
          IntStream.range(0, columns.size())
              .filter(i -> !columns.get(i).fromFileNameOnly())
              .toArray();
      this.headings =
          java.util.Arrays.stream(columnAtField).mapToObj(i -> columns.get(i).header()).toList();
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.putIfAbsent(names.get(i), i);
    }
    this.positions = Map.copyOf(byName);
    for (String column : groupHeadings.keySet()) {
      position(column); // a group over a column the schema lacks is a mistake worth failing on
    }
    this.preamble = preamble(spec.format().headerRow(), groupHeadings);
  }

  /**
   * The rows above the header: blank ones (delimiters only, so no reader skips them as empty
   * lines), the last of them carrying the group headings.
   */
  private List<List<String>> preamble(int headerRow, Map<String, String> groupHeadings) {
    List<List<String>> rows = new ArrayList<>();
    for (int row = 1; row < headerRow; row++) {
      List<String> cells = new ArrayList<>(Collections.nCopies(headings.size(), ""));
      if (row == headerRow - 1) {
        groupHeadings.forEach((column, title) -> cells.set(position(column), title));
      }
      rows.add(List.copyOf(cells));
    }
    return List.copyOf(rows);
  }

  LandingTableSpec spec() {
    return spec;
  }

  /** {@code source/table}, for messages. */
  String table() {
    return spec.id();
  }

  FileFormat format() {
    return spec.format();
  }

  /** The column names, in the order the files' columns are written. */
  List<String> names() {
    return names;
  }

  /** How many fields a record has. */
  int width() {
    return columnAtField.length;
  }

  /** The column written in field {@code field} (from 0), or -1 when the field is left empty. */
  int columnAtField(int field) {
    return columnAtField[field];
  }

  /**
   * The header row the files carry: each written column's heading, in field order; empty for a file
   * without a header row.
   */
  List<String> headings() {
    return headings;
  }

  /** Rows written above the header row (group headings), each as wide as the header. */
  List<List<String>> preamble() {
    return preamble;
  }

  int size() {
    return names.size();
  }

  ColumnSpec column(int position) {
    return spec.columns().get(position);
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
            + table()
            + " does not declare; it declares "
            + names);
  }
}
