package org.mhcs.generate;

/**
 * One row of a landing table, filled in by column name and written in the order the table's header
 * lists its columns. The generator therefore never depends on that order: it sets each value under
 * its column's name (in whatever order its random draws come), and a column it does not set is
 * written empty.
 *
 * <p>Values are kept as given (strings, pre-encoded bytes, numbers) and encoded only when the row
 * is written, so reordering costs no extra copy of the row's bytes. One instance is reused for
 * every row of a table in a chunk; not thread-safe.
 */
final class LandingRow {
  private static final byte UNSET = 0;
  private static final byte TEXT = 1;
  private static final byte ASCII = 2;
  private static final byte NUMBER = 3;
  private static final byte HUNDREDTHS = 4;
  private static final byte ID = 5;

  private final LandingHeader header;
  private final int[] required;

  // Per header position: the last row that set it (so starting a row clears nothing), what kind
  // of value that row set, and the value itself.
  private final long[] setInRow;
  private final byte[] kinds;
  private final Object[] objects;
  private final long[] numbers;
  private final int[] widths;

  // The generator sets a table's columns in the same order row after row, so the n-th name set is
  // usually the very String the previous row set n-th: comparing references skips the lookup.
  private final String[] lastNames;
  private final int[] lastPositions;
  private int sets;

  private CsvWriter out;
  private long row;

  LandingRow(LandingTable table) {
    this.header = table.header();
    this.required = header.requiredPositions();
    this.setInRow = new long[header.size()];
    this.kinds = new byte[header.size()];
    this.objects = new Object[header.size()];
    this.numbers = new long[header.size()];
    this.widths = new int[header.size()];
    this.lastNames = new String[header.size()];
    this.lastPositions = new int[header.size()];
  }

  /** Starts a new, empty row that {@link #end()} will write to {@code out}. */
  LandingRow begin(CsvWriter out) {
    this.out = out;
    this.sets = 0;
    row++;
    return this;
  }

  /** A text value, quoted only if it must be; null for an empty field. */
  LandingRow text(String column, String value) {
    objects[set(column, TEXT)] = value;
    return this;
  }

  /**
   * A value already encoded as plain ASCII that needs no quoting (codes, dates, times); null for an
   * empty field.
   */
  LandingRow ascii(String column, byte[] value) {
    objects[set(column, ASCII)] = value;
    return this;
  }

  LandingRow number(String column, long value) {
    numbers[set(column, NUMBER)] = value;
    return this;
  }

  /** A decimal with two places, from a whole number of hundredths (e.g. 80 → {@code 0.80}). */
  LandingRow hundredths(String column, long value) {
    numbers[set(column, HUNDREDTHS)] = value;
    return this;
  }

  /** An identifier: an ASCII prefix then {@code sequence} zero-padded to {@code width} digits. */
  LandingRow id(String column, byte[] prefix, long sequence, int width) {
    int position = set(column, ID);
    objects[position] = prefix;
    numbers[position] = sequence;
    widths[position] = width;
    return this;
  }

  /**
   * Writes the row, its fields in header order.
   *
   * @throws IllegalStateException if a column the schema requires was not set, so a schema that
   *     gains a required column fails the generator instead of landing rows the pipeline rejects
   */
  void end() {
    for (int position : required) {
      if (setInRow[position] != row) {
        throw new IllegalStateException(
            header.table()
                + ": the generator writes no value for "
                + header.names().get(position)
                + ", which the schema requires");
      }
    }
    for (int i = 0; i < kinds.length; i++) {
      switch (setInRow[i] == row ? kinds[i] : UNSET) {
        case TEXT -> out.text((String) objects[i]);
        case ASCII -> {
          if (objects[i] == null) {
            out.empty();
          } else {
            out.ascii((byte[]) objects[i]);
          }
        }
        case NUMBER -> out.number(numbers[i]);
        case HUNDREDTHS -> out.hundredths(numbers[i]);
        case ID -> out.id((byte[]) objects[i], numbers[i], widths[i]);
        default -> out.empty();
      }
    }
    out.endRow();
  }

  /** Marks {@code column} set; a second value for one column is a bug, not a last-one-wins. */
  private int set(String column, byte kind) {
    int position = position(column);
    if (setInRow[position] == row) {
      throw new IllegalStateException(
          header.table() + ": the generator sets " + column + " twice in one row");
    }
    setInRow[position] = row;
    kinds[position] = kind;
    return position;
  }

  private int position(String column) {
    int n = sets++;
    if (n >= lastNames.length) {
      return header.position(column); // a second set of a column; set() will refuse it
    }
    if (lastNames[n] != column) {
      lastPositions[n] = header.position(column);
      lastNames[n] = column;
    }
    return lastPositions[n];
  }
}
