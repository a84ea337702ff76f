package org.mhcs.ingest;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
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
 *
 * <p>In a table that holds identifiers, what the schema does not vouch for is never kept in clear:
 * undeclared columns are kept hashed, and a record of the wrong shape (whose values may have
 * shifted into other columns) keeps only its lineage. Problems are reported by file, line and
 * position, never by content: the parser is told to quote nothing in its errors.
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

  /** The most fields a record may have; more means a broken delimiter, not a real layout. */
  static final int MAX_FIELDS = 4096;

  private final LandingTableSpec spec;
  private final Sensitivity[] sensitivity;
  private final FieldCheck[] checks;
  private final Normalisation[] normalisations;
  private final Set<String> nullTokens;
  private final Pseudonymiser pseudonymiser;
  private final LocalDate ageAt;
  private final boolean holdsIdentifiers;
  private final int submitter;
  private final LandingReader reader;

  /** An organisation code as ODS writes one: 3 to 5 letters and digits, at least one a letter. */
  private static final Pattern ORGANISATION_CODE =
      Pattern.compile("(?=[A-Z0-9]*[A-Z])[A-Z0-9]{3,5}");

  /**
   * @param ageAt the day ages are banded at (the end of the period)
   */
  public LandingCsv(LandingTableSpec spec, Pseudonymiser pseudonymiser, LocalDate ageAt) {
    this(spec, pseudonymiser, ageAt, LandingReader.LOCAL);
  }

  /**
   * @param ageAt the day ages are banded at (the end of the period)
   * @param reader opens the files {@link #rows} reads (local, or through Hadoop)
   */
  public LandingCsv(
      LandingTableSpec spec, Pseudonymiser pseudonymiser, LocalDate ageAt, LandingReader reader) {
    this.reader = reader;
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
    this.holdsIdentifiers = Arrays.stream(sensitivity).anyMatch(s -> s != Sensitivity.NONE);
    this.submitter = spec.submitter() == null ? -1 : spec.columnNames().indexOf(spec.submitter());
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
    return open(file.toString(), LandingReader.LOCAL, relativePath, spec, keyId);
  }

  /** As {@link #open(Path, String, LandingTableSpec, String)}, for a file {@code reader} opens. */
  public static LandingFile open(
      String file, LandingReader reader, String relativePath, LandingTableSpec spec, String keyId) {
    FileScan.Result scan = FileScan.scan(file, reader, relativePath, spec, keyId);
    String[] fileNameValues = fileNameValues(file, spec);
    if (spec.format().headerless()) {
      return openHeaderless(file, reader, relativePath, spec, scan, fileNameValues);
    }
    String[] header;
    try (InputStream in = reader.open(file)) {
      CsvParser parser = new CsvParser(settings(spec.format()));
      parser.beginParsing(in, spec.format().encoding());
      header = null;
      for (int row = 1; row <= spec.format().headerRow(); row++) {
        header = parseNext(parser, file);
      }
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
    if (Arrays.stream(header).anyMatch(h -> h != null && h.indexOf('\r') >= 0)) {
      // The header ran on past a lone CR: the file's records cannot be told apart.
      throw loneCr(file, scan.firstLoneCrLine());
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
      if (column.fromFileNameOnly()) {
        continue; // its value is the file's name's, not a field's
      }
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
    Set<String> extraSeen = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      if (!claimed[i] && header[i] != null && !header[i].isBlank()) {
        // A heading that repeats keeps every column: the later ones are named by position.
        String heading = header[i].trim();
        extraHeadings.add(
            extraSeen.add(normalise(heading)) ? heading : heading + " (column " + (i + 1) + ")");
        extraPositions.add(i);
      }
    }
    return new LandingFile(
        file.toString(),
        relativePath,
        scan.fingerprint(),
        header.length,
        positions,
        extraHeadings.toArray(String[]::new),
        extraPositions.stream().mapToInt(Integer::intValue).toArray(),
        Math.max(0, scan.records() - spec.format().headerRow()),
        scan.firstLoneCrLine(),
        fileNameValues);
  }

  /**
   * Opens a file without a header row: every declared field must be there on the first line (the
   * layout's width is that line's, and a later line of another width is quarantined as malformed);
   * fields the schema does not declare are kept in {@code _extra} as {@code field N}.
   */
  private static LandingFile openHeaderless(
      String file,
      LandingReader reader,
      String relativePath,
      LandingTableSpec spec,
      FileScan.Result scan,
      String[] fileNameValues) {
    String[] first;
    try (InputStream in = reader.open(file)) {
      CsvParser parser = new CsvParser(settings(spec.format()));
      parser.beginParsing(in, spec.format().encoding());
      first = parseNext(parser, file);
      parser.stopParsing();
    } catch (IOException e) {
      throw new LandingFileException(
          file, "cannot be read (" + e.getMessage() + ")", "Check the file's permissions.");
    }
    int[] positions = new int[spec.columns().size()];
    int declaredWidth = 0;
    for (int c = 0; c < positions.length; c++) {
      positions[c] = spec.columns().get(c).position() - 1; // -1: taken from the file's name
      declaredWidth = Math.max(declaredWidth, positions[c] + 1);
    }
    int width = first == null ? declaredWidth : first.length;
    if (width < declaredWidth) {
      List<String> missing = new ArrayList<>();
      for (int c = 0; c < positions.length; c++) {
        if (positions[c] >= width) {
          missing.add(spec.columns().get(c).name() + " (field " + (positions[c] + 1) + ")");
        }
      }
      Character other = otherDelimiter(first, spec.format().delimiter());
      throw new LandingFileException(
          file,
          "does not fit the layout "
              + spec.declaredIn()
              + " declares (no header row, "
              + declaredWidth
              + " or more fields delimited by '"
              + printable(spec.format().delimiter())
              + "'): line 1 has "
              + width
              + " field(s), so it lacks "
              + missing
              + (other == null ? "" : "; it looks delimited by '" + printable(other) + "'"),
          "Land the extract as published (no header row, fields in the declared order), or"
              + " declare its own layout as another table.");
    }
    boolean[] claimed = new boolean[width];
    for (int p : positions) {
      if (p >= 0) {
        claimed[p] = true;
      }
    }
    List<String> extraHeadings = new ArrayList<>();
    List<Integer> extraPositions = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      if (!claimed[i]) {
        extraHeadings.add("field " + (i + 1));
        extraPositions.add(i);
      }
    }
    return new LandingFile(
        file.toString(),
        relativePath,
        scan.fingerprint(),
        width,
        positions,
        extraHeadings.toArray(String[]::new),
        extraPositions.stream().mapToInt(Integer::intValue).toArray(),
        scan.records(),
        scan.firstLoneCrLine(),
        fileNameValues);
  }

  /**
   * Per declared column, the value a {@code from_file_name} column takes from the file's name: the
   * first day of the month the name carries where the pattern has {@code YYYY-MM} ({@code
   * etr-2026-01.csv} → {@code 2026-01-01}); null for columns read from the file.
   *
   * @throws LandingFileException when the name does not start as the pattern says, so the file
   *     cannot be dated
   */
  public static String[] fileNameValues(Path file, LandingTableSpec spec) {
    return fileNameValues(file.toString(), spec);
  }

  /** The last part of a local path or URI. */
  private static String fileName(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String[] fileNameValues(String file, LandingTableSpec spec) {
    String name = fileName(file);
    String[] values = new String[spec.columns().size()];
    for (int c = 0; c < values.length; c++) {
      ColumnSpec column = spec.columns().get(c);
      if (!column.fromFileNameOnly()) {
        continue;
      }
      String pattern = column.fromFileName();
      int at = pattern.indexOf(ColumnSpec.FILE_NAME_MONTH);
      java.util.regex.Matcher m =
          Pattern.compile(
                  Pattern.quote(pattern.substring(0, at))
                      + "([0-9]{4})-(0[1-9]|1[0-2])"
                      + Pattern.quote(pattern.substring(at + ColumnSpec.FILE_NAME_MONTH.length())),
                  Pattern.CASE_INSENSITIVE)
              .matcher(name);
      if (!m.lookingAt()) {
        throw new LandingFileException(
            file,
            "cannot be dated: "
                + spec.declaredIn()
                + " takes "
                + column.name()
                + " from the file's name, which must start "
                + pattern
                + " (the month the extract is as of, e.g. "
                + pattern.replace(ColumnSpec.FILE_NAME_MONTH, "2026-01")
                + ".csv)",
            "Rename the file to say the month it was extracted, then land it again.");
      }
      values[c] = m.group(1) + "-" + m.group(2) + "-01";
    }
    return values;
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
    // A record ends at LF (a CR before it is trimmed as whitespace), whatever the first lines use:
    // detecting CR LF from the first lines would read later LF-only lines as one record.
    settings.setLineSeparatorDetectionEnabled(false);
    settings.getFormat().setLineSeparator("\n");
    // No comment lines: a record whose first field starts with '#' is data.
    settings.getFormat().setComment('\0');
    // Parser errors quote no content: a landing row may hold clear identifiers.
    settings.setErrorContentLength(0);
    settings.getFormat().setDelimiter(format.delimiter());
    settings.getFormat().setQuote(format.quote());
    settings.getFormat().setQuoteEscape(format.quote());
    settings.setNullValue(null);
    settings.setEmptyValue(null);
    settings.setMaxCharsPerColumn(MAX_FIELD_CHARS);
    settings.setMaxColumns(MAX_FIELDS);
    settings.setIgnoreLeadingWhitespaces(true);
    settings.setIgnoreTrailingWhitespaces(true);
    settings.setSkipEmptyLines(true);
    return settings;
  }

  /**
   * The file's data rows: the declared columns as text, then {@code _extra} (undeclared columns by
   * heading, or null), {@code _malformed} (why the record's shape is wrong, or null), {@code
   * _source_file}, {@code _line} (the physical line the record ends on; line 1 is the first line of
   * the file) and {@code _fingerprint}. At the end the rows read are checked against the records
   * counted apart from the parser ({@link LandingFile#records()}).
   *
   * @throws LandingFileException (as the iterator advances) when the file cannot be parsed or the
   *     two counts differ
   */
  public Iterator<Row> rows(LandingFile file) {
    FileFormat format = spec.format();
    CsvParser parser = new CsvParser(settings(format));
    InputStream in;
    try {
      in = reader.open(file.absolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parser.beginParsing(in, format.encoding());
    String path = file.absolutePath();
    for (int row = 1; row <= format.headerRow(); row++) {
      parseNext(parser, path); // heading rows, checked by open()
    }
    int[] positions = file.columnPositions();
    String[] fileNameValues = file.fileNameValues();
    String widthSource = format.headerless() ? "the first line has " : "the header has ";
    return new Iterator<>() {
      private long read;
      private String[] next = advance();

      private String[] advance() {
        String[] record = parseNext(parser, path);
        if (record == null) {
          parser.stopParsing();
          if (read != file.records()) {
            throw countsDiffer(path, file, read);
          }
        } else {
          read++;
        }
        return record;
      }

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
        boolean shapeBroken = next.length != file.headerWidth();
        // A record of the wrong shape in a table of identifiers may have moved one into a column
        // that is not hashed, so it keeps no values, only why and where for the quarantine, and
        // its submitter for the scorecard when that still has the shape of an organisation code
        // (no identifier or birth date has it).
        if (shapeBroken && holdsIdentifiers) {
          if (submitter >= 0) {
            String code = treat(submitter, field(next, positions[submitter]));
            values[submitter] =
                code != null && ORGANISATION_CODE.matcher(code).matches() ? code : null;
          }
        } else {
          try {
            for (int i = 0; i < positions.length; i++) {
              values[i] =
                  fileNameValues[i] != null
                      ? fileNameValues[i]
                      : treat(i, field(next, positions[i]));
            }
            Map<String, String> extra = extras(file, next);
            // Spark's Row encoder takes Scala maps for map columns.
            values[positions.length] = extra == null ? null : JavaConverters.mapAsScalaMap(extra);
          } catch (RuntimeException e) {
            // Clear values are only ever here: a failure names where, never what.
            throw new LandingFileException(
                path,
                "cannot be read on line "
                    + parser.getContext().currentLine()
                    + " ("
                    + e.getClass().getSimpleName()
                    + ")",
                "Report this with the file's line number (not its content).");
          }
        }
        values[positions.length + 1] =
            shapeBroken
                ? "has " + next.length + " fields; " + widthSource + file.headerWidth()
                : null;
        values[positions.length + 2] = file.relativePath();
        values[positions.length + 3] = parser.getContext().currentLine();
        values[positions.length + 4] = file.fingerprint();
        next = advance();
        return RowFactory.create(values);
      }
    };
  }

  private static LandingFileException loneCr(String file, long line) {
    return new LandingFileException(
        file,
        "line " + line + " ends in a carriage return with no line feed after it",
        "Re-export the file with one kind of line end (LF or CR LF), then land it again.");
  }

  private static LandingFileException countsDiffer(String path, LandingFile file, long read) {
    return new LandingFileException(
        path,
        "the CSV reader read "
            + read
            + " records but the file holds "
            + file.records()
            + " (counted from its line ends outside quotes)"
            + (file.firstLoneCrLine() > 0
                ? "; line "
                    + file.firstLoneCrLine()
                    + " ends in a carriage return with no line feed after it"
                : ""),
        "Re-export the file with one kind of line end (LF or CR LF) and every quote balanced,"
            + " then land it again.");
  }

  /**
   * The next record, or null at the end. The parser gives up on a field longer than {@link
   * #MAX_FIELD_CHARS} (in these data sets an unbalanced quote swallowing the lines after it) or a
   * record of more than {@link #MAX_FIELDS} fields; the file is then refused as a whole, naming the
   * line, since its records cannot be told apart. The message is built from positions only.
   */
  private static String[] parseNext(CsvParser parser, String file) {
    try {
      return parser.parseNext();
    } catch (RuntimeException e) {
      // The parser counts the line feeds read; the problem lies part-way through the next line.
      long line = parser.getContext().currentLine() + 1;
      parser.stopParsing();
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (e instanceof TextParsingException && message.startsWith("Length of parsed input")) {
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
      if (e instanceof TextParsingException
          && e.getCause() instanceof ArrayIndexOutOfBoundsException) {
        throw new LandingFileException(
            file,
            "has more than "
                + String.format(Locale.ROOT, "%,d", MAX_FIELDS)
                + " fields on line "
                + line
                + " (most often a delimiter inside a value that is not quoted)",
            "Quote the values that hold the delimiter, or check the file was exported with the"
                + " declared delimiter, then land it again.");
      }
      throw new LandingFileException(
          file,
          "cannot be read as delimited text on line "
              + line
              + " ("
              + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName()
              + ")",
          "Check the quoting and delimiters on that line, then land the file again.");
    }
  }

  private String field(String[] record, int position) {
    if (position < 0 || position >= record.length) {
      return null;
    }
    String value = record[position];
    if (value == null || nullTokens.contains(value.toLowerCase(Locale.ROOT))) {
      return null;
    }
    // A line break inside quotes comes back as \n whatever the file's line ends are.
    return value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n");
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

  /** Undeclared columns by heading; hashed in a table of identifiers, as any may be one. */
  private Map<String, String> extras(LandingFile file, String[] record) {
    if (file.extraHeadings().length == 0) {
      return null;
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (int i = 0; i < file.extraHeadings().length; i++) {
      String value = field(record, file.extraPositions()[i]);
      extra.put(
          file.extraHeadings()[i], holdsIdentifiers ? pseudonymiser.pseudonymise(value) : value);
    }
    return extra;
  }
}
