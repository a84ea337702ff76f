package org.mhcs.schema;

import java.io.Serializable;
import java.util.List;

/**
 * How a landing table's files are written, as its schema declares under {@code format:}. The
 * defaults are the landing contract's: comma-delimited UTF-8 with the header on the first row.
 *
 * @param headerRow the row (from 1) that holds the column headings; rows above it, such as ERIC's
 *     group headings, are skipped; 0 for a file without headings (the ODS extracts as published),
 *     whose columns are then bound by {@code position:}
 * @param nullTokens values that mean "no value", such as {@code Not Applicable}
 * @param thousandsSeparator the grouping character numbers may carry ({@code 1,234}), or null
 */
public record FileFormat(
    char delimiter,
    String encoding,
    int headerRow,
    char quote,
    List<String> nullTokens,
    String thousandsSeparator)
    implements Serializable {
  public static final FileFormat DEFAULT = new FileFormat(',', "UTF-8", 1, '"', List.of(), null);

  /** Whether the file has no header row, so its columns are bound by position. */
  public boolean headerless() {
    return headerRow == 0;
  }
}
