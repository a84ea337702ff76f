package org.mhcs.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Hostile landing files made from a valid landing set: each mutation takes the valid file of one
 * table for its number {@code n} (every key and identifier suffixed with {@code n}, so no two
 * mutations share a key) and breaks it in one way, chosen by a {@link Random} with a fixed seed, so
 * the same count always gives the same files. One method per kind of damage.
 *
 * <p>The count is {@value #DEFAULT_COUNT} by default; {@code -Dmhcs.hostile.mutations=N} (the
 * benchmark flag) asks for more, e.g. {@code mvn test -Dtest=HostileFilesTest
 * -Dmhcs.hostile.mutations=5000}. Mutations are dealt to the kinds in turn, so each kind gets an
 * equal share.
 *
 * <p>Every clear identifier and birth date written into any file is recorded ({@link
 * #identifiers}), wherever a mutation moves it, so a test can look for each one in what the
 * pipeline writes.
 */
public final class HostileFiles {
  public static final String COUNT_PROPERTY = "mhcs.hostile.mutations";
  public static final int DEFAULT_COUNT = 200;
  public static final long SEED = 18;

  /** Row-level damage is loaded with the others; file-level damage is read on its own. */
  public enum Level {
    ROWS,
    FILE
  }

  /** One mutated file: what was done, to which table, and its bytes. */
  public record Mutation(
      int number, String kind, String variant, Level level, String table, byte[] bytes) {
    /** Where it lands, relative to the landing root. */
    public String path() {
      return table + "/2024-06/hostile-" + String.format("%04d", number) + ".csv";
    }
  }

  /** A file as header and rows of values, before it is written. */
  private record Sheet(String table, List<String> header, List<List<String>> rows) {
    int column(String name) {
      return header.indexOf(name);
    }
  }

  static final String MPI = "csds/CYP001MPI";
  static final String REFERRAL = "csds/CYP101Referral";
  static final String CONTACT = "csds/CYP201CareContact";
  static final String SICKNESS = "esr/sickness";
  private static final List<String> TABLES = List.of(MPI, REFERRAL, CONTACT, SICKNESS);

  /** The submitting organisation of every valid file. */
  static final String ORG = "X02";

  private static final int ROWS = 3;

  /**
   * The organisation reference the valid files' submitter is checked against (a reference file has
   * no period folder), so that an accepted row is one that passed every check.
   */
  static final String ORGANISATION_REFERENCE_PATH = "ref/organisations/etr-2024-06.csv";

  /** In the ODS etr layout: no header row; code, name, region, ICB, address, open, close. */
  static final String ORGANISATION_REFERENCE =
      ORG + ",Hostile Files NHS Trust,Y56,QX1,,,,,,,20000401,\n";

  /** A non-key, non-coded text column of each table, where free text goes. */
  private static final Map<String, String> FREE_TEXT =
      Map.of(
          MPI, "OrgID_CCG_Residence",
          REFERRAL, "SourceOfReferral",
          CONTACT, "TeamID_Local",
          SICKNESS, "Staff_Group");

  private final Random random = new Random(SEED);
  private final Map<String, String> identifiers = new LinkedHashMap<>();
  private final List<Integer> contactNumbers = new ArrayList<>();
  private final List<IntFunction<Mutation>> kinds =
      List.of(
          this::lineEndings,
          this::quoting,
          this::commentLike,
          this::formulaLike,
          this::encodings,
          this::controlCharacters,
          this::shiftedFields,
          this::numericEdges,
          this::codeVariants,
          this::identifiersUnderUndeclaredHeadings);

  /** The count asked for: {@value #COUNT_PROPERTY}, or {@value #DEFAULT_COUNT}. */
  public static int requestedCount() {
    return Integer.getInteger(COUNT_PROPERTY, DEFAULT_COUNT);
  }

  /** {@code count} mutations, numbered from 1, the kinds in turn. */
  public List<Mutation> generate(int count) {
    List<Mutation> all = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      all.add(kinds.get((n - 1) % kinds.size()).apply(n));
    }
    return all;
  }

  /**
   * Every clear identifier and birth date written so far (the mutations' and {@link
   * #contactReferrals}'), each with what it is and the mutation it belongs to ({@code
   * 17:NHSNumber}).
   */
  public Map<String, String> identifiers() {
    return identifiers;
  }

  /**
   * The valid referral file the mutated contact files refer to: the referrals of every contact
   * mutation generated so far, so contacts find their referral whatever was done to them.
   */
  public Mutation contactReferrals() {
    Sheet referrals = new Sheet(REFERRAL, valid(REFERRAL, 0).header(), new ArrayList<>());
    for (int n : contactNumbers) {
      referrals.rows().addAll(valid(REFERRAL, n).rows());
    }
    return new Mutation(
        0,
        "valid",
        "referrals of the contact mutations",
        Level.ROWS,
        REFERRAL,
        lines(referrals, "\n"));
  }

  // ---- the valid landing set -------------------------------------------------------------

  /** The valid file of {@code table} for mutation {@code n}; records its identifiers. */
  private Sheet valid(String table, int n) {
    List<List<String>> rows = new ArrayList<>();
    Sheet sheet =
        switch (table) {
          case MPI ->
              new Sheet(
                  table,
                  List.of(
                      "OrgID_Provider",
                      "LocalPatientID",
                      "NHSNumber",
                      "PersonBirthDate",
                      "Gender",
                      "EthnicCategory",
                      "OrgID_CCG_Residence"),
                  rows);
          case REFERRAL ->
              new Sheet(
                  table,
                  List.of(
                      "OrgID_Provider",
                      "ServiceRequestID",
                      "LocalPatientID",
                      "ReferralRequest_ReceivedDate",
                      "SourceOfReferral",
                      "Discharge_Date"),
                  rows);
          case CONTACT ->
              new Sheet(
                  table,
                  List.of(
                      "OrgID_Provider",
                      "CareContactID",
                      "ServiceRequestID",
                      "TeamID_Local",
                      "Contact_Date",
                      "Contact_Time",
                      "CareContact_Duration",
                      "ConsMechanism",
                      "AttendanceStatus"),
                  rows);
          default ->
              new Sheet(
                  table,
                  List.of(
                      "Org_Code",
                      "Unique_NHS_Identifier",
                      "Assignment_Number",
                      "Staff_Group",
                      "FTE_Days_Sick",
                      "FTE_Days_Available"),
                  rows);
        };
    if (n == 0) {
      return sheet;
    }
    if (table.equals(CONTACT)) {
      contactNumbers.add(n);
    }
    for (int r = 1; r <= ROWS; r++) {
      String patient = "PAT-" + n + "-" + r;
      List<String> row =
          switch (table) {
            case MPI ->
                List.of(
                    ORG,
                    remember(patient, n, "LocalPatientID"),
                    remember(nhsNumber(n, r), n, "NHSNumber"),
                    remember(birthDate(), n, "PersonBirthDate"),
                    pick("1", "2", "9"),
                    pick("A", "B", "C"),
                    "15N");
            case REFERRAL ->
                List.of(
                    ORG,
                    "R-" + n + "-" + r,
                    remember(patient, n, "LocalPatientID"),
                    "2024-05-0" + r,
                    "01",
                    "");
            case CONTACT ->
                List.of(
                    ORG,
                    "C-" + n + "-" + r,
                    "R-" + n + "-" + r,
                    "T1",
                    "2024-06-1" + r,
                    "09:00:00",
                    String.valueOf(5 + random.nextInt(86)),
                    pick("01", "02"),
                    pick("5", "6"));
            default ->
                List.of(
                    ORG,
                    remember(String.valueOf(7_000_000 + n * 10 + r), n, "Unique_NHS_Identifier"),
                    "A-" + n + "-" + r,
                    "Nursing",
                    (1 + random.nextInt(9)) + ".5",
                    "30");
          };
      rows.add(new ArrayList<>(row));
    }
    return sheet;
  }

  private String remember(String value, int n, String what) {
    identifiers.put(value, n + ":" + what);
    return value;
  }

  /** A valid NHS number unique to the mutation and row: 999, six digits, its check digit. */
  private static String nhsNumber(int n, int r) {
    for (int salt = 0; ; salt++) {
      String nine = String.format("999%05d%d", n * 7 + salt * 100_003 % 100_000, r);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += (nine.charAt(i) - '0') * (10 - i);
      }
      int check = (11 - sum % 11) % 11;
      if (check != 10) {
        return nine + check;
      }
    }
  }

  /** A birth date between 1940 and 1999, far from any event date of the files. */
  private String birthDate() {
    return String.format(
        "%d-%02d-%02d", 1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }

  private String anyTable() {
    return TABLES.get(random.nextInt(TABLES.size()));
  }

  // ---- writing -------------------------------------------------------------------------

  /** A field as a careful writer writes it: quoted when it holds a delimiter, quote or line end. */
  static String field(String value) {
    return value.matches("(?s).*[,\"\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  static String line(List<String> values) {
    return String.join(",", values.stream().map(HostileFiles::field).toList());
  }

  /** The header and rows with the given line end after each line. */
  private static byte[] lines(Sheet sheet, String end) {
    StringBuilder s = new StringBuilder(line(sheet.header())).append(end);
    sheet.rows().forEach(r -> s.append(line(r)).append(end));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> textLines(Sheet sheet) {
    List<String> lines = new ArrayList<>(List.of(line(sheet.header())));
    sheet.rows().forEach(r -> lines.add(line(r)));
    return lines;
  }

  private Mutation rows(int n, String kind, String variant, Sheet sheet) {
    return new Mutation(n, kind, variant, Level.ROWS, sheet.table(), lines(sheet, "\n"));
  }

  private static Mutation text(
      int n, String kind, String variant, Level level, String table, String text) {
    return new Mutation(n, kind, variant, level, table, text.getBytes(StandardCharsets.UTF_8));
  }

  private int anyRow() {
    return random.nextInt(ROWS);
  }

  private void set(Sheet sheet, int row, String column, String value) {
    sheet.rows().get(row).set(sheet.column(column), value);
  }

  // ---- the kinds of damage ----------------------------------------------------------------

  /** CRLF and LF mixed in one file (rows); a lone CR, a file of CRs only (file). */
  Mutation lineEndings(int n) {
    Sheet sheet = valid(anyTable(), n);
    List<String> lines = textLines(sheet);
    String[] ends = new String[lines.size()];
    String variant = pick("CRLF then LF", "LF then CRLF", "one lone CR", "CR only");
    for (int i = 0; i < ends.length; i++) {
      ends[i] =
          switch (variant) {
            case "CRLF then LF" -> i < 2 ? "\r\n" : "\n";
            case "LF then CRLF" -> i < 2 ? "\n" : "\r\n";
            case "one lone CR" -> i == 2 ? "\r" : "\n";
            default -> "\r";
          };
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ends.length; i++) {
      s.append(lines.get(i)).append(ends[i]);
    }
    // A lone CR is a line end to the count made apart from the parser but not to the parser, so
    // such a file is refused whole by design (docs/reliability.md, "Records counted twice").
    Level level =
        variant.equals("one lone CR") || variant.equals("CR only") ? Level.FILE : Level.ROWS;
    return text(n, "line endings", variant, level, sheet.table(), s.toString());
  }

  /**
   * Doubled quotes, a quote inside an unquoted field, a quoted line break (rows); a quote left open
   * mid-file, in the header, or before more than 64K characters (file).
   */
  Mutation quoting(int n) {
    Sheet sheet = valid(anyTable(), n);
    String free = FREE_TEXT.get(sheet.table());
    int row = anyRow();
    String variant =
        pick(
            "doubled quotes in a quoted field",
            "quote inside an unquoted field",
            "quoted delimiter and line break",
            "quote left open mid-file",
            "quote left open in the header",
            "quote left open before 70,000 characters");
    List<String> lines = textLines(sheet);
    switch (variant) {
      case "doubled quotes in a quoted field" -> set(sheet, row, free, "say \"\"hi\"\" \"x\"");
      case "quoted delimiter and line break" -> set(sheet, row, free, "a,\nb\r\nc");
      case "quote inside an unquoted field" -> {
        lines.set(row + 1, lines.get(row + 1).replaceFirst(",", ",5\"x"));
        return text(
            n, "quoting", variant, Level.ROWS, sheet.table(), String.join("\n", lines) + "\n");
      }
      case "quote left open mid-file" -> {
        lines.set(2, lines.get(2).replaceFirst(",", ",\"open "));
        return text(
            n, "quoting", variant, Level.FILE, sheet.table(), String.join("\n", lines) + "\n");
      }
      case "quote left open in the header" -> {
        lines.set(0, lines.get(0).replaceFirst(",", ",\""));
        return text(
            n, "quoting", variant, Level.FILE, sheet.table(), String.join("\n", lines) + "\n");
      }
      default -> {
        lines.set(1, lines.get(1).replaceFirst(",", ",\"open "));
        return text(
            n,
            "quoting",
            variant,
            Level.FILE,
            sheet.table(),
            String.join("\n", lines) + "\n" + "x,".repeat(35_000) + "\n");
      }
    }
    return rows(n, "quoting", variant, sheet);
  }

  /** A row whose first field starts with {@code #}, and a {@code #} line between rows. */
  Mutation commentLike(int n) {
    Sheet sheet = valid(anyTable(), n);
    String variant = pick("first field starts with #", "a # line between rows");
    if (variant.startsWith("first")) {
      List<String> first = sheet.rows().get(anyRow());
      first.set(0, "#" + first.get(0));
      return rows(n, "comment-like", variant, sheet);
    }
    List<String> lines = textLines(sheet);
    lines.add(2, "# exported 2024-07-01 by the PAS");
    return text(
        n, "comment-like", variant, Level.ROWS, sheet.table(), String.join("\n", lines) + "\n");
  }

  /** Values a spreadsheet would run: {@code =HYPERLINK(...)}, {@code +1}, {@code @SUM}. */
  Mutation formulaLike(int n) {
    Sheet sheet = valid(anyTable(), n);
    String value =
        pick(
            "=HYPERLINK(\"http://example.org/x\",\"click\")",
            "+1",
            "@SUM(A1:A9)",
            "-2+3",
            "=1+1",
            "=cmd|' /C calc'!A0");
    set(sheet, anyRow(), FREE_TEXT.get(sheet.table()), value);
    return rows(n, "formula-like", value, sheet);
  }

  /**
   * A windows-1252 byte, a bad UTF-8 lead byte, a cut UTF-8 sequence (file); a byte-order mark
   * mid-file, inside a field, and non-ASCII text (rows).
   */
  Mutation encodings(int n) {
    Sheet sheet = valid(anyTable(), n);
    String free = FREE_TEXT.get(sheet.table());
    int row = anyRow();
    String variant =
        pick(
            "windows-1252 byte in UTF-8",
            "bad UTF-8 lead byte C0",
            "UTF-8 sequence cut at the end",
            "byte-order mark at a row's start",
            "byte-order mark inside a field",
            "non-ASCII text");
    switch (variant) {
      case "byte-order mark at a row's start" -> {
        List<String> lines = textLines(sheet);
        lines.set(row + 1, "\uFEFF" + lines.get(row + 1));
        return text(
            n, "encodings", variant, Level.ROWS, sheet.table(), String.join("\n", lines) + "\n");
      }
      case "byte-order mark inside a field" -> set(sheet, row, free, "Nur\uFEFFsing");
      case "non-ASCII text" -> set(sheet, row, free, pick("Zoë’s café", "Łódź – ☃", "日本"));
      default -> {
        // The damage replaces a marker in the text; a cut sequence ends the file.
        set(sheet, row, free, "MARK");
        String written = new String(lines(sheet, "\n"), StandardCharsets.UTF_8);
        boolean atEnd = variant.startsWith("UTF-8");
        int at = atEnd ? written.length() : written.indexOf("MARK");
        byte[] bad =
            switch (variant) {
              case "windows-1252 byte in UTF-8" ->
                  new byte[] {(byte) Integer.parseInt(pick("A3", "92", "96"), 16)};
              case "bad UTF-8 lead byte C0" -> new byte[] {(byte) 0xC0, (byte) 0x80};
              default -> new byte[] {(byte) 0xE2, (byte) 0x82};
            };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(written.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(written.substring(atEnd ? at : at + 4).getBytes(StandardCharsets.UTF_8));
        return new Mutation(n, "encodings", variant, Level.FILE, sheet.table(), out.toByteArray());
      }
    }
    return rows(n, "encodings", variant, sheet);
  }

  /** NUL, BEL, ESC and other control characters inside a field. */
  Mutation controlCharacters(int n) {
    Sheet sheet = valid(anyTable(), n);
    String c =
        pick("\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028", "\t", "\f", "\u000b");
    String column = random.nextInt(4) == 0 ? sheet.header().get(1) : FREE_TEXT.get(sheet.table());
    int row = anyRow();
    String value = sheet.rows().get(row).get(sheet.column(column));
    set(sheet, row, column, value.substring(0, 1) + c + value.substring(1));
    return rows(
        n, "control characters", String.format("U+%04X in %s", (int) c.charAt(0), column), sheet);
  }

  /** One extra unquoted field, one missing field, an unquoted comma inside a value. */
  Mutation shiftedFields(int n) {
    Sheet sheet = valid(random.nextBoolean() ? MPI : anyTable(), n);
    List<String> lines = textLines(sheet);
    int row = anyRow();
    List<String> fields = new ArrayList<>(sheet.rows().get(row));
    int at = random.nextInt(fields.size());
    String variant = pick("one extra field", "one missing field", "unquoted comma in a value");
    switch (variant) {
      case "one extra field" -> fields.add(at, "EXTRA");
      case "one missing field" -> fields.remove(at);
      default -> fields.set(at, fields.get(at) + ",Jr");
    }
    lines.set(row + 1, String.join(",", fields));
    return text(
        n,
        "shifted fields",
        variant + " at column " + (at + 1),
        Level.ROWS,
        sheet.table(),
        String.join("\n", lines) + "\n");
  }

  /**
   * Numbers as people and spreadsheets write them, in an integer or a decimal column. The kind's
   * k-th mutation takes the k-th form (in turn, so 20 mutations use every form once): even ones in
   * the integer column, odd ones in the decimal column.
   */
  Mutation numericEdges(int n) {
    List<String> forms =
        List.of(
            "65.9",
            "0.00005",
            ".5",
            "12345678901234.56789",
            "1e3",
            "1,234",
            "-0",
            " 7 ",
            "+5",
            "0x1F",
            "5.",
            "00012",
            "2147483648",
            "1_000",
            "１２",
            "Infinity",
            "1.0",
            "NaN",
            "30.00",
            "-1");
    int k = (n - 1) / kinds.size();
    boolean integer = k % 2 == 0;
    Sheet sheet = valid(integer ? CONTACT : SICKNESS, n);
    String value = forms.get(k % forms.size());
    set(sheet, anyRow(), integer ? "CareContact_Duration" : "FTE_Days_Sick", value);
    return rows(n, "numeric edges", (integer ? "integer " : "decimal ") + "'" + value + "'", sheet);
  }

  /** Organisation and code-list codes in another case or with spaces. */
  Mutation codeVariants(int n) {
    String table = anyTable();
    Sheet sheet = valid(table, n);
    int row = anyRow();
    boolean org = random.nextBoolean() || table.equals(REFERRAL) || table.equals(SICKNESS);
    String column =
        org
            ? sheet.header().get(0)
            : table.equals(MPI)
                ? pick("Gender", "EthnicCategory")
                : pick("ConsMechanism", "AttendanceStatus");
    String code = sheet.rows().get(row).get(sheet.column(column));
    String value =
        switch (pick("lower case", "spaces around", "tab after", "leading zero")) {
          case "lower case" -> code.toLowerCase(java.util.Locale.ROOT);
          case "spaces around" -> " " + code + " ";
          case "tab after" -> code + "\t";
          default -> "0" + code;
        };
    if (org) {
      // An organisation's codes change together, as when a submitter's system writes them so.
      for (List<String> r : sheet.rows()) {
        r.set(0, value);
      }
    } else {
      set(sheet, row, column, value);
    }
    return rows(n, "code variants", column + " '" + value + "'", sheet);
  }

  /** An MPI file with undeclared headings holding the clear NHS number and birth date. */
  Mutation identifiersUnderUndeclaredHeadings(int n) {
    Sheet sheet = valid(MPI, n);
    String[] headings =
        pick("NHS_Number|Date_Of_Birth", "nhs number|DOB", "NHS No|Birth Date").split("\\|");
    boolean middle = random.nextBoolean();
    List<String> header = new ArrayList<>(sheet.header());
    int at = middle ? 2 : header.size();
    header.addAll(at, List.of(headings));
    List<List<String>> rows = new ArrayList<>();
    for (List<String> r : sheet.rows()) {
      List<String> copy = new ArrayList<>(r);
      copy.addAll(
          at, List.of(r.get(sheet.column("NHSNumber")), r.get(sheet.column("PersonBirthDate"))));
      rows.add(copy);
    }
    return rows(
        n,
        "identifiers under undeclared headings",
        String.join(", ", headings) + (middle ? " in the middle" : " at the end"),
        new Sheet(MPI, header, rows));
  }
}
