package org.mhcs.publish;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The layout of an exported sheet that streams its rows (SXSSF keeps only a window of them, so
 * widths are measured as cells are written, not read back): each column as wide as its longest text
 * (header included, capped at {@value #MAX_CHARS} characters), an autofilter over the header and
 * every row, and the header frozen so it stays in view.
 */
public final class SheetColumns {
  /** Wider text wraps out of view rather than making a column wider than a screen. */
  static final int MAX_CHARS = 60;

  /** Room for the autofilter's drop-down button beside the text, in characters. */
  static final int PADDING_CHARS = 3;

  /** Excel's General format shows at most about this many characters of a number. */
  private static final int NUMBER_CHARS = 12;

  private final int[] chars;

  /** Starts with the header's widths. */
  public SheetColumns(String... headers) {
    chars = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      measure(i, headers[i]);
    }
  }

  /** Notes a text cell of column {@code column}. */
  public void measure(int column, String text) {
    chars[column] = Math.max(chars[column], text.length());
  }

  /** Notes a number cell of column {@code column}, as wide as General format shows it. */
  public void measure(int column, double number) {
    String shown =
        number == Math.rint(number) && Math.abs(number) < 1e15
            ? Long.toString((long) number)
            : Double.toString(number);
    chars[column] = Math.max(chars[column], Math.min(shown.length(), NUMBER_CHARS));
  }

  /** The width of {@code column} in POI's units (1/256 of a character). */
  public int width(int column) {
    return Math.min(chars[column] + PADDING_CHARS, MAX_CHARS) * 256;
  }

  /**
   * Sizes the columns of {@code sheet}, puts an autofilter on the header (row 0) over rows up to
   * {@code lastRow}, and freezes the header.
   */
  public void apply(Sheet sheet, int lastRow) {
    for (int i = 0; i < chars.length; i++) {
      sheet.setColumnWidth(i, width(i));
    }
    if (chars.length > 0) {
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(lastRow, 0), 0, chars.length - 1));
    }
    sheet.createFreezePane(0, 1);
  }
}
