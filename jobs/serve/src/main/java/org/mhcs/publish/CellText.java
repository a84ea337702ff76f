package org.mhcs.publish;

import java.util.regex.Pattern;

/**
 * Text as it may go into a spreadsheet cell (a CSV or xlsx export, {@code ./mhcs sql}'s CSV): a
 * value that a spreadsheet would take for a formula ({@code =HYPERLINK(…)}, {@code +cmd|…},
 * {@code @SUM(…)}) is prefixed with a single quote, as OWASP's CSV-injection guidance says, so it
 * shows as the text it is. Landing text reaches exports through {@code ops.quarantine.value}, so
 * any value may be hostile. A number written as text ({@code -5}, {@code +1.5}, {@code -2E-3}) is
 * left alone: a spreadsheet reads it as that number, and a negative figure must stay one.
 */
public final class CellText {
  /** The first characters that make a spreadsheet evaluate a cell (tab and CR hide one of them). */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private CellText() {}

  /** {@code text}, prefixed with {@code '} when a spreadsheet would read it as a formula. */
  public static String neutralised(String text) {
    if (text.isEmpty()
        || FORMULA_STARTS.indexOf(text.charAt(0)) < 0
        || NUMBER.matcher(text).matches()) {
      return text;
    }
    return "'" + text;
  }
}
