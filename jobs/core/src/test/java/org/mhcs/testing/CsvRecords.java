package org.mhcs.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records of a comma-delimited, double-quoted CSV file read byte by byte without the product's
 * parser, to count and check what the product reads. A record ends at a line end outside quotes: a
 * line feed, a carriage return and line feed, or a carriage return alone (as old spreadsheet
 * exports write); an empty line is not a record. A quote opens a quoted field only at the start of
 * a field; inside one, a doubled quote is a quote; elsewhere a quote is an ordinary character.
 */
public final class CsvRecords {
  private CsvRecords() {}

  /** One record: its fields as written (quotes removed) and the physical line it ends on. */
  public record Record(long line, List<String> fields) {}

  /** Records after the one header line; streams, so a file of any size can be counted. */
  public static long count(Path file) {
    return count(file, 1);
  }

  /** Records after {@code headerRows} lines of headings (0 for a file without a header row). */
  public static long count(Path file, int headerRows) {
    Scanner scanner = new Scanner(false);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        scanner.accept(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    scanner.end();
    return Math.max(0, scanner.records - headerRows);
  }

  /**
   * Every record, the header first, fields decoded as UTF-8 (a leading byte-order mark dropped).
   */
  public static List<Record> read(byte[] bytes) {
    Scanner scanner = new Scanner(true);
    int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB ? 3 : 0;
    for (int i = from; i < bytes.length; i++) {
      scanner.accept(bytes[i] & 0xFF);
    }
    scanner.end();
    return scanner.read;
  }

  /** The state machine both methods share. */
  private static final class Scanner {
    private final boolean keepFields;
    private final List<Record> read = new ArrayList<>();
    private long records;
    private long line = 1;
    private boolean content; // the record so far holds something (an empty line is no record)
    private boolean fieldStart = true;
    private boolean quoted;
    private boolean quoteJustClosed; // a second quote right after reopens: a doubled quote
    private boolean carriageReturn; // a CR was the last byte: a LF right after it is the same end
    private final ByteArrayOutputStream field = new ByteArrayOutputStream();
    private List<String> fields = new ArrayList<>();

    Scanner(boolean keepFields) {
      this.keepFields = keepFields;
    }

    void accept(int b) {
      boolean lfAfterCr = carriageReturn && b == '\n';
      carriageReturn = b == '\r';
      if (quoted) {
        if (b == '"') {
          quoted = false;
          quoteJustClosed = true;
          return;
        }
        if (b == '\r' || (b == '\n' && !lfAfterCr)) {
          line++;
        }
        keep(b);
        return;
      }
      if (b == '"' && (fieldStart || quoteJustClosed)) {
        if (quoteJustClosed) {
          keep('"');
        }
        quoted = true;
        quoteJustClosed = false;
        fieldStart = false;
        content = true;
        return;
      }
      quoteJustClosed = false;
      if (b == ',') {
        endField();
        content = true;
      } else if (b == '\r' || b == '\n') {
        if (lfAfterCr) {
          return; // the LF of a CRLF: the CR ended the record and counted the line
        }
        endRecord();
        line++;
      } else {
        keep(b);
        fieldStart = false;
        content = true;
      }
    }

    private void keep(int b) {
      if (keepFields) {
        field.write(b);
      }
    }

    private void endField() {
      if (keepFields) {
        fields.add(field.toString(StandardCharsets.UTF_8));
        field.reset();
      }
      fieldStart = true;
    }

    private void endRecord() {
      if (content) {
        endField();
        records++;
        if (keepFields) {
          read.add(new Record(line, List.copyOf(fields)));
        }
      }
      fields = new ArrayList<>();
      field.reset();
      fieldStart = true;
      content = false;
    }

    void end() {
      endRecord();
    }
  }
}
