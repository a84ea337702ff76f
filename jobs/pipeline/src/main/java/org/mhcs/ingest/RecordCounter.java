package org.mhcs.ingest;

/**
 * Counts a delimited file's records from its characters, independently of the CSV parser that loads
 * them, so that no parser default (comment lines, line-separator detection, quote handling) can
 * lose or merge a record unnoticed: the loader compares its row count with this one.
 *
 * <p>Written by hand on purpose: a second instance of the same library would share its defaults.
 * The rules are the landing contract's (RFC 4180 with the parser's whitespace trimming):
 *
 * <ul>
 *   <li>outside quotes a record ends at LF, CR LF, or a lone CR; a lone CR is counted as a record
 *       end here although the parser does not split there, so a file that uses one disagrees and is
 *       refused rather than having two records read as one;
 *   <li>a field is quoted when its first character after leading whitespace is the quote; inside it
 *       a doubled quote is a literal quote and a single one closes it; a quote elsewhere in an
 *       unquoted field is literal;
 *   <li>a record with nothing but whitespace (no delimiter, no quote) is an empty line and is not
 *       counted, as the parser skips it.
 * </ul>
 */
final class RecordCounter {
  private final char delimiter;
  private final char quote;

  private long records;
  private long line = 1;
  private boolean inQuotes;
  private boolean quoteInQuotes;
  private boolean fieldStart = true;
  private boolean recordHasContent;
  private boolean afterCr;
  private long quoteOpenedOnLine;
  private long firstLoneCrLine;

  RecordCounter(char delimiter, char quote) {
    this.delimiter = delimiter;
    this.quote = quote;
  }

  void accept(char c) {
    if (afterCr) {
      afterCr = false;
      if (c == '\n') {
        line++;
        return;
      }
      if (firstLoneCrLine == 0) {
        firstLoneCrLine = line;
      }
    }
    if (inQuotes) {
      if (quoteInQuotes) {
        quoteInQuotes = false;
        if (c == quote) {
          return; // a doubled quote: a literal one, still inside the field
        }
        inQuotes = false; // the quote closed the field; c is read as outside quotes
      } else {
        if (c == quote) {
          quoteInQuotes = true;
        } else if (c == '\n') {
          line++;
        }
        return;
      }
    }
    if (c == '\n') {
      endRecord();
      line++;
    } else if (c == '\r') {
      endRecord();
      afterCr = true;
    } else if (c == delimiter) {
      recordHasContent = true;
      fieldStart = true;
    } else if (c == quote && fieldStart) {
      inQuotes = true;
      quoteOpenedOnLine = line;
      recordHasContent = true;
      fieldStart = false;
    } else if (c > ' ') {
      recordHasContent = true;
      fieldStart = false;
    }
  }

  private void endRecord() {
    if (recordHasContent) {
      records++;
    }
    recordHasContent = false;
    fieldStart = true;
  }

  /** Ends the count at the end of the file. */
  void finish() {
    if (inQuotes && quoteInQuotes) {
      inQuotes = false; // the file's last character closed its last field
    }
    if (!inQuotes) {
      endRecord();
    }
  }

  /** Records counted, header rows included. */
  long records() {
    return records;
  }

  /** The line (counted by line feeds) of a quote still open at the end of the file, or 0. */
  long unclosedQuoteLine() {
    return inQuotes ? quoteOpenedOnLine : 0;
  }

  /** The first line (counted by line feeds) holding a CR not followed by LF, or 0. */
  long firstLoneCrLine() {
    return firstLoneCrLine;
  }
}
