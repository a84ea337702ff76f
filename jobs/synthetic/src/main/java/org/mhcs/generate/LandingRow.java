package org.mhcs.generate;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.Rule;

/**
 * One row of a landing table, filled in by column name and written in the order the table's header
 * lists its columns. The generator therefore never depends on that order: it sets each value under
 * its column's name (in whatever order its random draws come), and a column it does not set is
 * written empty.
 *
 * <p>Values are kept as given (strings, pre-encoded bytes, numbers) and encoded only when the row
 * is written, so reordering costs no extra copy of the row's bytes. When the chunk's {@link
 * FaultInjector} picked this row to fail a rule, {@link #end()} breaks it just before writing (or
 * writes it twice, for a duplicate key); {@link #broken()} then tells the caller not to write rows
 * that would point at it. One instance is reused for every row of a table in a chunk; not
 * thread-safe.
 */
final class LandingRow {
  private static final byte UNSET = 0;
  private static final byte TEXT = 1;
  private static final byte ASCII = 2;
  private static final byte NUMBER = 3;
  private static final byte HUNDREDTHS = 4;
  private static final byte ID = 5;

  private final LandingTable table;
  private final LandingHeader header;
  private final FaultInjector faults;
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
  private Rule fault;
  private boolean strayField;

  LandingRow(LandingTable table, FaultInjector faults) {
    this.table = table;
    this.header = table.header();
    this.faults = faults;
    this.required = header.requiredPositions();
    this.setInRow = new long[header.size()];
    this.kinds = new byte[header.size()];
    this.objects = new Object[header.size()];
    this.numbers = new long[header.size()];
    this.widths = new int[header.size()];
    this.lastNames = new String[header.size()];
    this.lastPositions = new int[header.size()];
  }

  /**
   * Starts a new, empty row that {@link #end()} will write to {@code out}.
   *
   * @param breakable whether the row may be broken any way (the caller then leaves out the rows
   *     that would point at it, see {@link #broken()}) or only duplicated
   */
  LandingRow begin(CsvWriter out, boolean breakable) {
    this.out = out;
    this.sets = 0;
    this.strayField = false;
    this.fault = faults.draw(table, breakable);
    row++;
    return this;
  }

  /**
   * Whether this row is written failing a rule (anything but an exact duplicate, whose first copy
   * stays valid): rows that would refer to it must not be written. Valid until the next row begins.
   */
  boolean broken() {
    return fault != null && fault != Rule.DUPLICATE_KEY;
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

  /**
   * A whole number, written with the format's thousands separator ({@code 12,345}) when {@code
   * grouped}, as spreadsheet exports of published returns are.
   *
   * @throws IllegalStateException if grouped and the table's format declares no separator
   */
  LandingRow amount(String column, long value, boolean grouped) {
    if (!grouped) {
      return number(column, value);
    }
    String separator = header.format().thousandsSeparator();
    if (separator == null) {
      throw new IllegalStateException(header.table() + " declares no thousands separator");
    }
    return text(column, String.format(Locale.ROOT, "%,d", value).replace(",", separator));
  }

  /**
   * The format's first null token ({@code Not Applicable}) in place of a value.
   *
   * @throws IllegalStateException if the table's format declares none
   */
  LandingRow notApplicable(String column) {
    FileFormat format = header.format();
    if (format.nullTokens().isEmpty()) {
      throw new IllegalStateException(header.table() + " declares no null token");
    }
    return text(column, format.nullTokens().get(0));
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
   * Writes the row, its fields in header order, broken first if it was picked to be.
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
    if (fault != null) {
      faults.breakRow(table, fault, this);
    }
    write();
    if (fault == Rule.DUPLICATE_KEY) {
      write(); // right after the original, so it is the later one by file and line
    }
  }

  /** The value at {@code position} as the file shows it (before quoting); null when empty. */
  String text(int position) {
    if (setInRow[position] != row) {
      return null;
    }
    Object value = objects[position];
    return switch (kinds[position]) {
      case TEXT -> (String) value;
      case ASCII -> value == null ? null : new String((byte[]) value, StandardCharsets.US_ASCII);
      case NUMBER -> Long.toString(numbers[position]);
      case HUNDREDTHS ->
          String.format(
              Locale.ROOT,
              "%s%d.%02d",
              numbers[position] < 0 ? "-" : "",
              Math.abs(numbers[position]) / 100,
              Math.abs(numbers[position]) % 100);
      case ID ->
          new String((byte[]) value, StandardCharsets.US_ASCII)
              + String.format(Locale.ROOT, "%0" + widths[position] + "d", numbers[position]);
      default -> null;
    };
  }

  /** Puts {@code value} (null for empty) at {@code position}, whatever was set there. */
  void replace(int position, String value) {
    setInRow[position] = row;
    kinds[position] = TEXT;
    objects[position] = value;
  }

  /** Makes the record one field wider than the header, as a trailing delimiter does. */
  void appendStrayField() {
    strayField = true;
  }

  private void write() {
    for (int field = 0; field < header.width(); field++) {
      int i = header.columnAtField(field);
      if (i < 0) {
        out.empty();
        continue;
      }
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
    if (strayField) {
      out.empty();
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
