package org.mhcs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mhcs.schema.FileFormat;

/**
 * Writes one CSV file in the format its schema declares: the delimiter, quote and encoding of the
 * table's {@code format} (by default comma, double quote, UTF-8), {@code \n} line endings, a field
 * quoted only when it holds the delimiter, the quote or a line break, and an empty field for null.
 *
 * <p>Fields are encoded straight into a byte buffer (numbers and identifiers without building a
 * {@code String}) because the generator writes tens of millions of rows; the file is streamed,
 * never held in memory. Codes, dates and numbers are plain ASCII, so the declared encoding must
 * write ASCII as ASCII (UTF-8 and windows-1252 do). Not thread-safe: one writer per file per
 * thread.
 */
final class CsvWriter implements Closeable {
  private static final int BUFFER_BYTES = 1 << 17;

  private final OutputStream out;
  private final byte delimiter;
  private final byte quote;
  private final Charset charset;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private boolean firstField = true;
  private long rows;

  CsvWriter(Path file, FileFormat format) {
    this.delimiter = ascii(format.delimiter(), "delimiter");
    this.quote = ascii(format.quote(), "quote");
    this.charset = Charset.forName(format.encoding());
    byte[] probe = "a,$\"\n".getBytes(charset);
    if (!Arrays.equals(probe, "a,$\"\n".getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(
          "the generator writes ASCII codes and numbers byte for byte, which encoding "
              + format.encoding()
              + " does not keep; declare UTF-8 or windows-1252");
    }
    try {
      this.out = Files.newOutputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  private static byte ascii(char c, String what) {
    if (c >= 0x80 || c == '\n' || c == '\r') {
      throw new IllegalArgumentException("the " + what + " must be a printable ASCII character");
    }
    return (byte) c;
  }

  /**
   * Writes a row of headings (the header, or a group row above it): not counted in {@link #rows()}.
   */
  void headingRow(List<String> headings) {
    for (String heading : headings) {
      text(heading);
    }
    endLine();
  }

  /** A text field, quoted only if it must be. */
  CsvWriter text(String value) {
    separate();
    if (value == null || value.isEmpty()) {
      return this;
    }
    boolean ascii = true;
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        ascii = false;
      } else if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        quoted = true;
      }
    }
    if (quoted) {
      String q = String.valueOf((char) quote);
      put(quote);
      put(value.replace(q, q + q).getBytes(charset));
      put(quote);
    } else if (ascii) {
      ensure(value.length());
      for (int i = 0; i < value.length(); i++) {
        buffer[position++] = (byte) value.charAt(i);
      }
    } else {
      put(value.getBytes(charset));
    }
    return this;
  }

  /** A field already encoded as plain ASCII that needs no quoting (codes, dates, times). */
  CsvWriter ascii(byte[] value) {
    separate();
    put(value);
    return this;
  }

  CsvWriter empty() {
    separate();
    return this;
  }

  CsvWriter number(long value) {
    separate();
    digits(value);
    return this;
  }

  /** A decimal with two places, from a whole number of hundredths (e.g. 80 → {@code 0.80}). */
  CsvWriter hundredths(long value) {
    separate();
    if (value < 0) {
      put((byte) '-');
      value = -value;
    }
    digits(value / 100);
    ensure(3);
    long cents = value % 100;
    buffer[position++] = '.';
    buffer[position++] = (byte) ('0' + cents / 10);
    buffer[position++] = (byte) ('0' + cents % 10);
    return this;
  }

  /** An identifier: an ASCII prefix then {@code sequence} zero-padded to {@code width} digits. */
  CsvWriter id(byte[] prefix, long sequence, int width) {
    separate();
    put(prefix);
    ensure(20);
    int length = 1;
    for (long v = sequence / 10; v > 0; v /= 10) {
      length++;
    }
    for (int i = length; i < width; i++) {
      buffer[position++] = '0';
    }
    digits(sequence);
    return this;
  }

  void endRow() {
    endLine();
    rows++;
  }

  long rows() {
    return rows;
  }

  private void endLine() {
    ensure(1);
    buffer[position++] = '\n';
    firstField = true;
  }

  private void separate() {
    if (firstField) {
      firstField = false;
    } else {
      ensure(1);
      buffer[position++] = delimiter;
    }
  }

  private void digits(long value) {
    ensure(20);
    if (value == 0) {
      buffer[position++] = '0';
      return;
    }
    if (value < 0) {
      buffer[position++] = '-';
      value = -value;
    }
    int end = position + 19;
    int i = end;
    while (value > 0) {
      buffer[--i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    int length = end - i;
    System.arraycopy(buffer, i, buffer, position, length);
    position += length;
  }

  private void put(byte b) {
    ensure(1);
    buffer[position++] = b;
  }

  private void put(byte[] bytes) {
    if (bytes.length > buffer.length) {
      flush();
      write(bytes, bytes.length);
      return;
    }
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  private void ensure(int bytes) {
    if (position + bytes > buffer.length) {
      flush();
    }
  }

  private void flush() {
    write(buffer, position);
    position = 0;
  }

  private void write(byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (out) {
      flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
