package org.mhcs.ingest;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.FieldCheck;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Normalisation;
import org.mhcs.schema.Sensitivity;
import scala.collection.JavaConverters;

/**
 * Reads landing files in the format their schema declares (delimiter, encoding, header row, quote,
 * null tokens) as text rows in the declared column order, streaming one record at a time (a file is
 * never held in memory), with each row's file and line for lineage. Sensitive columns are treated
 * here, as the row is read, so no clear identifier or birth date is ever written; so are codes
 * declared {@code normalise:}, so that bronze already holds one spelling of each.
 */
public final class LandingCsv implements Serializable {
  /** What an unreadable birth date becomes: silver quarantines it without showing the text. */
  public static final String UNREADABLE_DATE = "unreadable date";

  /**
   * What an NHS number failing its modulus 11 check becomes, instead of its hash: silver
   * quarantines it under {@code nhs_number} without showing the number.
   */
  public static final String INVALID_NHS_NUMBER = "invalid NHS number";

  /** The longest field a landing file may hold; longer usually means a quote left open. */
  static final int MAX_FIELD_CHARS = 1 << 16;

  private final LandingTableSpec spec;
  private final Sensitivity[] sensitivity;
  private final FieldCheck[] checks;
  private final Normalisation[] normalisations;
  private final Set<String> nullTokens;
  private final Pseudonymiser pseudonymiser;
  private final LocalDate ageAt;

  /**
   * @param ageAt the day ages are banded at (the end of the period)
   */
  public LandingCsv(LandingTableSpec spec, Pseudonymiser pseudonymiser, LocalDate ageAt) {
    this.spec = spec;
    this.sensitivity =
        spec.columns().stream().map(ColumnSpec::sensitivity).toArray(Sensitivity[]::new);
    this.checks = spec.columns().stream().map(ColumnSpec::check).toArray(FieldCheck[]::new);
    this.normalisations =
        spec.columns().stream().map(ColumnSpec::normalisation).toArray(Normalisation[]::new);
    this.nullTokens =
        spec.format().nullTokens().stream()
            .map(t -> t.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    this.pseudonymiser = pseudonymiser;
    this.ageAt = ageAt;
  }

  /**
   * Checks the file before anything is written: it decodes in the declared encoding, has a header
   * at the declared row, and names every required column (headings matched case-insensitively, in
   * any order, by header or alias). Returns where each column is and the file's fingerprint.
   *
   * @throws LandingFileException naming the file and the fix
   */
  public static LandingFile open(
      Path file, String relativePath, LandingTableSpec spec, String keyId) {
    String fingerprint = FileScan.fingerprint(file, relativePath, spec, keyId);
    String[] header;
    boolean hasRecords;
    try (InputStream in = Files.newInputStream(file)) {
      CsvParser parser = new CsvParser(settings(spec.format()));
      parser.beginParsing(in, spec.format().encoding());
      header = null;
      for (int row = 1; row <= spec.format().headerRow(); row++) {
        header = parser.parseNext();
      }
      hasRecords = header != null && parseNext(parser, file) != null;
      parser.stopParsing();
    } catch (IOException e) {
      throw new LandingFileException(
          file, "cannot be read (" + e.getMessage() + ")", "Check the file's permissions.");
    }
    if (header == null) {
      throw new LandingFileException(
          file,
          "is empty (no header row"
              + (spec.format().headerRow() > 1 ? " at row " + spec.format().headerRow() : "")
              + ")",
          "Re-export the file with a header row of the field names in " + spec.declaredIn() + ".");
    }
    String[] normalised = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      normalised[i] = normalise(header[i]);
    }
    int[] positions = new int[spec.columns().size()];
    boolean[] claimed = new boolean[header.length];
    List<String> missing = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    for (int c = 0; c < positions.length; c++) {
      ColumnSpec column = spec.columns().get(c);
      positions[c] = -1;
      for (String heading : column.headings()) {
        String wanted = normalise(heading);
        for (int i = 0; i < header.length; i++) {
          if (wanted.equals(normalised[i])) {
            if (positions[c] >= 0 && positions[c] != i) {
              repeated.add(header[i]);
            } else {
              positions[c] = i;
              claimed[i] = true;
            }
          }
        }
      }
      if (positions[c] < 0 && column.required()) {
        missing.add(column.header());
      }
    }
    if (!missing.isEmpty()) {
      Character other = otherDelimiter(header, spec.format().delimiter());
      if (other != null) {
        throw new LandingFileException(
            file,
            "lacks required column(s) "
                + missing
                + ": its header looks delimited by '"
                + printable(other)
                + "', but "
                + spec.declaredIn()
                + " declares '"
                + printable(spec.format().delimiter())
                + "'",
            "Re-export the file delimited by '"
                + printable(spec.format().delimiter())
                + "', or if the supplier always uses '"
                + printable(other)
                + "', declare format: {delimiter: \""
                + printable(other)
                + "\"} there.");
      }
      throw new LandingFileException(
          file,
          "lacks required column(s) " + missing,
          "Add them to the header (names match case-insensitively, in any order) or correct their"
              + " spelling, or declare the file's spelling as an alias in "
              + spec.declaredIn()
              + ".");
    }
    if (!repeated.isEmpty()) {
      throw new LandingFileException(
          file,
          "has more than one heading for the same column: " + repeated,
          "Remove the repeated column(s) so each value has one source.");
    }
    List<String> extraHeadings = new ArrayList<>();
    List<Integer> extraPositions = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (!claimed[i] && header[i] != null && !header[i].isBlank()) {
        extraHeadings.add(header[i].trim());
        extraPositions.add(i);
      }
    }
    return new LandingFile(
        file.toString(),
        relativePath,
        fingerprint,
        header.length,
        positions,
        extraHeadings.toArray(String[]::new),
        extraPositions.stream().mapToInt(Integer::intValue).toArray(),
        hasRecords);
  }

  /** Delimiters files are commonly written with, for telling a user theirs is another. */
  private static final char[] COMMON_DELIMITERS = {',', ';', '\t', '|', '$'};

  /**
   * The delimiter a header seems written with when it is not the declared one: some heading holds a
   * common delimiter more often than the declared delimiter split it. Null when none does.
   */
  private static Character otherDelimiter(String[] header, char declared) {
    for (char c : COMMON_DELIMITERS) {
      if (c == declared) {
        continue;
      }
      for (String heading : header) {
        if (heading != null && heading.chars().filter(ch -> ch == c).count() >= header.length) {
          return c;
        }
      }
    }
    return null;
  }

  private static String printable(char delimiter) {
    return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
  }

  /**
   * How headings are compared: case, spacing, a byte-order mark and a pound sign lost to a wrong
   * encoding (U+FFFD, as in the published ERIC 2015-16 file) do not matter.
   */
  static String normalise(String heading) {
    if (heading == null) {
      return "";
    }
    return heading
        .replace("\uFEFF", "")
        .replace('\uFFFD', '£')
        .trim()
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }

  private static CsvParserSettings settings(FileFormat format) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(false);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.getFormat().setDelimiter(format.delimiter());
    settings.getFormat().setQuote(format.quote());
    settings.getFormat().setQuoteEscape(format.quote());
    settings.setNullValue(null);
    settings.setEmptyValue(null);
    settings.setMaxCharsPerColumn(MAX_FIELD_CHARS);
    settings.setMaxColumns(4096);
    settings.setIgnoreLeadingWhitespaces(true);
    settings.setIgnoreTrailingWhitespaces(true);
    settings.setSkipEmptyLines(true);
    return settings;
  }

  /**
   * The file's data rows: the declared columns as text, then {@code _extra} (undeclared columns by
   * heading, or null), {@code _malformed} (why the record's shape is wrong, or null), {@code
   * _source_file}, {@code _line} (the physical line the record ends on; line 1 is the first line of
   * the file) and {@code _fingerprint}.
   */
  public Iterator<Row> rows(LandingFile file) {
    FileFormat format = spec.format();
    CsvParser parser = new CsvParser(settings(format));
    InputStream in;
    try {
      in = Files.newInputStream(Path.of(file.absolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parser.beginParsing(in, format.encoding());
    for (int row = 1; row <= format.headerRow(); row++) {
      parser.parseNext(); // heading rows, checked by open()
    }
    int[] positions = file.columnPositions();
    Path path = Path.of(file.absolutePath());
    return new Iterator<>() {
      private String[] next = parseNext(parser, path);

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Object[] values = new Object[positions.length + 5];
        for (int i = 0; i < positions.length; i++) {
          values[i] = treat(i, field(next, positions[i]));
        }
        Map<String, String> extra = extras(file, next);
        // Spark's Row encoder takes Scala maps for map columns.
        values[positions.length] = extra == null ? null : JavaConverters.mapAsScalaMap(extra);
        values[positions.length + 1] =
            next.length == file.headerWidth()
                ? null
                : "has " + next.length + " fields; the header has " + file.headerWidth();
        values[positions.length + 2] = file.relativePath();
        values[positions.length + 3] = parser.getContext().currentLine();
        values[positions.length + 4] = file.fingerprint();
        next = parseNext(parser, path);
        if (next == null) {
          parser.stopParsing();
        }
        return RowFactory.create(values);
      }
    };
  }

  /**
   * The next record, or null at the end. The parser gives up only on a field longer than {@link
   * #MAX_FIELD_CHARS}, which in these data sets means an unbalanced quote swallowing the lines
   * after it; the file is then refused as a whole, naming the line, since its records cannot be
   * told apart.
   */
  private static String[] parseNext(CsvParser parser, Path file) {
    try {
      return parser.parseNext();
    } catch (TextParsingException e) {
      // The parser counts the line feeds read; the field overflows part-way through the next line.
      long line = parser.getContext().currentLine() + 1;
      parser.stopParsing();
      throw new LandingFileException(
          file,
          "has a field longer than "
              + String.format(Locale.ROOT, "%,d", MAX_FIELD_CHARS)
              + " characters on line "
              + line
              + " (most often a quote opened and never closed)",
          "Close the quote (a quote inside a quoted field is written twice, \"\") or shorten the"
              + " field, then land the file again.");
    }
  }

  private String field(String[] record, int position) {
    if (position < 0 || position >= record.length) {
      return null;
    }
    String value = record[position];
    return value == null || nullTokens.contains(value.toLowerCase(Locale.ROOT)) ? null : value;
  }

  private String treat(int column, String raw) {
    // Normalised first, so submitters, keys and references all compare one spelling from bronze on.
    String value = normalisations[column].apply(raw);
    if (!checks[column].accepts(value)) {
      return INVALID_NHS_NUMBER;
    }
    return switch (sensitivity[column]) {
      case NONE -> value;
      case PSEUDONYMISE -> pseudonymiser.pseudonymise(value);
      case AGE_BAND -> ageBand(value);
    };
  }

  /** A birth date as a five-year age band at {@link #ageAt} ({@code 35-39}, {@code 90+}). */
  String ageBand(String birthDate) {
    if (birthDate == null) {
      return null;
    }
    try {
      LocalDate born = LocalDate.parse(birthDate.trim());
      int age = Period.between(born, ageAt).getYears();
      if (born.isAfter(ageAt) || age > 130) {
        return UNREADABLE_DATE;
      }
      int low = Math.min(age / 5 * 5, 90);
      return low == 90 ? "90+" : low + "-" + (low + 4);
    } catch (DateTimeParseException e) {
      return UNREADABLE_DATE;
    }
  }

  private Map<String, String> extras(LandingFile file, String[] record) {
    if (file.extraHeadings().length == 0) {
      return null;
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (int i = 0; i < file.extraHeadings().length; i++) {
      extra.put(file.extraHeadings()[i], field(record, file.extraPositions()[i]));
    }
    return extra;
  }
}
