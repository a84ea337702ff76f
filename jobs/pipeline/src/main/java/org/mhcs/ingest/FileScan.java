package org.mhcs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mhcs.schema.LandingTableSpec;

/**
 * One streaming pass over a landing file before anything is loaded: it must decode in the declared
 * encoding (else the file is refused, naming the line); its fingerprint, a SHA-256 over the file's
 * name and bytes, the table's declaration and the hash key's id, tells a reload whether the file
 * changed since it was loaded; and its records are counted by {@link RecordCounter}, apart from the
 * parser, for the loader to check its own count against.
 */
final class FileScan {
  private FileScan() {}

  /**
   * What the pass found.
   *
   * @param records records counted, header rows included
   */
  record Result(String fingerprint, long records, long firstLoneCrLine) {}

  /**
   * Reads the file once.
   *
   * @throws LandingFileException when the file cannot be read, is not in the declared encoding, or
   *     ends inside a quoted field
   */
  static Result scan(
      String file, LandingReader reader, String relativePath, LandingTableSpec spec, String keyId) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String part : new String[] {keyId, spec.toString(), relativePath}) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    Charset charset = Charset.forName(spec.format().encoding());
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    Utf8Sniffer utf8 =
        charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
            ? null
            : new Utf8Sniffer();
    RecordCounter counter = new RecordCounter(spec.format().delimiter(), spec.format().quote());
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    long line = 1;
    try (InputStream in = reader.open(file)) {
      boolean end = false;
      while (!end) {
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        end = n < 0;
        if (n > 0) {
          digest.update(bytes.array(), bytes.position(), n);
          if (utf8 != null) {
            utf8.scan(bytes.array(), bytes.position(), n);
          }
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        CoderResult result = decoder.decode(bytes, chars, end);
        if (result.isError()) {
          throw notInEncoding(file, spec, line + newlines(chars));
        }
        line += newlines(chars);
        for (int i = 0; i < chars.position(); i++) {
          counter.accept(chars.get(i));
        }
        chars.clear();
        bytes.compact();
      }
      if (decoder.flush(chars).isError()) {
        throw notInEncoding(file, spec, line);
      }
      for (int i = 0; i < chars.position(); i++) {
        counter.accept(chars.get(i));
      }
      if (utf8 != null && utf8.isUtf8()) {
        throw new LandingFileException(
            file,
            "is declared "
                + spec.format().encoding()
                + " but is UTF-8 (line "
                + utf8.firstLine()
                + " holds a UTF-8 character, e.g. £ as the bytes C2 A3, which "
                + spec.format().encoding()
                + " would read as Â£)",
            "Re-save it as "
                + spec.format().encoding()
                + ", or if the supplier now sends UTF-8, declare format: {encoding: UTF-8} in "
                + spec.declaredIn()
                + ".");
      }
    } catch (IOException e) {
      throw new LandingFileException(
          file, "cannot be read (" + e.getMessage() + ")", "Check the file's permissions.");
    }
    counter.finish();
    if (counter.unclosedQuoteLine() > 0) {
      throw new LandingFileException(
          file,
          "has a quote opened on line "
              + counter.unclosedQuoteLine()
              + " that is never closed, so every line after it would be read as one field",
          "Close the quote (a quote inside a quoted field is written twice, \"\") or remove it,"
              + " then land the file again.");
    }
    return new Result(
        HexFormat.of().formatHex(digest.digest()), counter.records(), counter.firstLoneCrLine());
  }

  /**
   * Watches the raw bytes of a file declared in a single-byte encoding for text that is in fact
   * UTF-8: every byte above 0x7F sits in a well-formed UTF-8 sequence, and there is at least one.
   * Real windows-1252 text almost never looks like that (it would need pairs such as "Â£"), while
   * UTF-8 read as windows-1252 silently turns every £ into Â£.
   */
  private static final class Utf8Sniffer {
    private long line = 1;
    private long firstLine;
    private int continuationBytes;
    private boolean malformed;

    void scan(byte[] bytes, int from, int n) {
      for (int i = from; i < from + n && !malformed; i++) {
        int b = bytes[i] & 0xFF;
        if (continuationBytes > 0) {
          if ((b & 0xC0) != 0x80) {
            malformed = true;
          }
          continuationBytes--;
        } else if (b >= 0x80) {
          if (firstLine == 0) {
            firstLine = line;
          }
          continuationBytes = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : 3;
          malformed = b < 0xC2 || b > 0xF4;
        } else if (b == '\n') {
          line++;
        }
      }
    }

    boolean isUtf8() {
      return !malformed && continuationBytes == 0 && firstLine > 0;
    }

    long firstLine() {
      return firstLine;
    }
  }

  private static long newlines(CharBuffer chars) {
    long n = 0;
    for (int i = 0; i < chars.position(); i++) {
      if (chars.get(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static LandingFileException notInEncoding(String file, LandingTableSpec spec, long line) {
    return new LandingFileException(
        file,
        "is not valid " + spec.format().encoding() + " (first bad byte on line " + line + ")",
        "Re-save it as "
            + spec.format().encoding()
            + ", or if the supplier always sends another encoding (e.g. windows-1252), declare it"
            + " as format: {encoding: ...} in "
            + spec.declaredIn()
            + ".");
  }
}
