package org.mhcs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.SchemaCatalog;
import scala.collection.JavaConverters;

class LandingCsvTest {
  static final LandingTableSpec STAFF = SchemaCatalog.bundled().table("csds", "CYP901StaffDetails");

  static final String KEY_ID = "key";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static List<Row> read(Path file, LandingTableSpec spec) {
    LandingCsv csv =
        new LandingCsv(spec, Pseudonymiser.withKey("0123456789abcdef"), LocalDate.of(2024, 6, 30));
    List<Row> rows = new ArrayList<>();
    for (Iterator<Row> it =
            csv.rows(LandingCsv.open(file, file.getFileName().toString(), spec, KEY_ID));
        it.hasNext(); ) {
      rows.add(it.next());
    }
    return rows;
  }

  @Test
  void headersMatchByNameInAnyOrderAndCaseAndOptionalColumnsMayBeAbsent() throws IOException {
    // Declared order: OrgID_Provider, CareProfessionalID_Local, StaffGroup, OccupationCode.
    Path file =
        write("a.csv", "careprofessionalid_local,ORGID_PROVIDER,StaffGroup\nP1,X01,Nursing\n");
    List<Row> rows = read(file, STAFF);
    assertArrayEquals(
        new Object[] {"X01", "P1", "Nursing", null, null, null, "a.csv", 2L},
        Arrays.copyOf(toArray(rows.get(0)), 8));
  }

  @Test
  void lineNumbersFollowRecordsAcrossQuotedNewlinesAndCrlf() throws IOException {
    // Line 1 header; line 2 first record; the second record spans lines 3 and 4; third on 5.
    Path file =
        write(
            "b.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\r\n"
                + "X01,P1,Nursing\r\n"
                + "X01,P2,\"Allied Health\r\nProfessionals, therapy\"\r\n"
                + "X01,P3,Medical\r\n");
    List<Row> rows = read(file, STAFF);
    assertEquals(3, rows.size());
    // The embedded line break comes back as \n whatever the file used.
    assertEquals("Allied Health\nProfessionals, therapy", rows.get(1).getString(2));
    assertEquals(List.of(2L, 4L, 5L), rows.stream().map(r -> r.getLong(7)).toList());
  }

  @Test
  void aMissingRequiredColumnFailsTheFileNamingItAndTheFix() throws IOException {
    Path file = write("c.csv", "OrgID_Provider,StaffGroup\nX01,Nursing\n");
    LandingFileException e =
        assertThrows(
            LandingFileException.class, () -> LandingCsv.open(file, "c.csv", STAFF, KEY_ID));
    assertTrue(
        e.getMessage().startsWith(file + ": lacks required column(s) [CareProfessionalID_Local]"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("schemas/landing/csds/CYP901StaffDetails.yaml"), e.getMessage());
  }

  @Test
  void anEmptyFileFailsWithAClearMessage() throws IOException {
    Path file = write("d.csv", "");
    LandingFileException e =
        assertThrows(
            LandingFileException.class, () -> LandingCsv.open(file, "d.csv", STAFF, KEY_ID));
    assertTrue(e.getMessage().contains("is empty (no header row)"), e.getMessage());
  }

  @Test
  void sensitiveColumnsArePseudonymisedAsTheyAreRead() throws IOException {
    LandingTableSpec referrals = SchemaCatalog.bundled().table("csds", "CYP101Referral");
    Path file =
        write(
            "e.csv",
            "OrgID_Provider,ServiceRequestID,LocalPatientID,ReferralRequest_ReceivedDate\nX01,R1,PAT-1,2024-06-01\n");
    Row row = read(file, referrals).get(0);
    String expected = org.mhcs.testing.Hmac.hex("0123456789abcdef", "PAT-1");
    assertEquals(expected, row.getString(2));
    assertEquals(64, expected.length());
  }

  @Test
  void aFileNotInItsDeclaredEncodingFailsNamingTheLineAndTheFix() throws IOException {
    // A Windows-1252 pound sign (byte 0xA3) on line 3 of a file declared UTF-8.
    Path file = dir.resolve("f.csv");
    byte[] head =
        "OrgID_Provider,CareProfessionalID_Local,StaffGroup\nX01,P1,Nursing\nX01,P2,"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = (byte) 0xA3;
    bytes[head.length + 1] = '5';
    bytes[head.length + 2] = '\n';
    Files.write(file, bytes);
    LandingFileException e =
        assertThrows(
            LandingFileException.class, () -> LandingCsv.open(file, "f.csv", STAFF, KEY_ID));
    assertTrue(
        e.getMessage().startsWith(file + ": is not valid UTF-8 (first bad byte on line 3)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("windows-1252"), e.getMessage());
  }

  @Test
  void aByteOrderMarkAndExtraColumnsAreHandledAndExtrasKept() throws IOException {
    Path file =
        write(
            "g.csv",
            "\uFEFFOrgID_Provider,CareProfessionalID_Local,Shoe_Size,StaffGroup\nX01,P1,9,Nursing\n");
    Row row = read(file, STAFF).get(0);
    assertEquals("X01", row.getString(0));
    assertEquals("Nursing", row.getString(2));
    // _extra holds undeclared columns by heading.
    assertEquals(Map.of("Shoe_Size", "9"), JavaConverters.mapAsJavaMap(row.getMap(4)));
    assertTrue(row.isNullAt(5)); // not malformed
  }

  @Test
  void aRecordWithTheWrongNumberOfFieldsIsMarkedMalformedNotDropped() throws IOException {
    Path file =
        write(
            "h.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\nX01,P1,Nursing,oops\nX01,P2\n");
    List<Row> rows = read(file, STAFF);
    assertEquals("has 4 fields; the header has 3", rows.get(0).getString(5));
    assertEquals("has 2 fields; the header has 3", rows.get(1).getString(5));
  }

  static final LandingTableSpec MPI = SchemaCatalog.bundled().table("csds", "CYP001MPI");

  static final String MPI_HEADER =
      "OrgID_Provider,LocalPatientID,NHSNumber,PersonBirthDate,Gender,EthnicCategory";

  private static String message(Path file, LandingTableSpec spec) {
    return assertThrows(LandingFileException.class, () -> read(file, spec)).getMessage();
  }

  @Test
  void aRecordWhoseFirstFieldStartsWithAHashIsDataNotAComment() throws IOException {
    // Issue 18 case 3: the parser's default comment character dropped the record on line 3.
    Path file =
        write(
            "hash.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\nX01,P1,Nursing\n#X01,P2,Medical\n"
                + "X01,#P3,Nursing\n");
    List<Row> rows = read(file, STAFF);
    assertEquals(List.of("X01", "#X01", "X01"), rows.stream().map(r -> r.getString(0)).toList());
    assertEquals(List.of(2L, 3L, 4L), rows.stream().map(r -> r.getLong(7)).toList());
  }

  @Test
  void crlfThenLfLineEndsReadEveryRecordOnItsOwnLine() throws IOException {
    // Issue 18 case 4: line ends detected from the first lines (CR LF) read the LF-only lines
    // after them as one record. Five records on lines 2 to 6.
    Path file =
        write(
            "mixed.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\r\nX01,P1,Nursing\r\n"
                + "X01,P2,\"Medical\"\r\nX01,P3,Nursing\nX01,P4,Medical\nX01,P5,\"Nursing\"\n");
    List<Row> rows = read(file, STAFF);
    assertEquals(
        List.of("P1", "P2", "P3", "P4", "P5"), rows.stream().map(r -> r.getString(1)).toList());
    assertEquals(
        List.of("Nursing", "Medical", "Nursing", "Medical", "Nursing"),
        rows.stream().map(r -> r.getString(2)).toList());
    assertEquals(List.of(2L, 3L, 4L, 5L, 6L), rows.stream().map(r -> r.getLong(7)).toList());
  }

  @Test
  void aLoneCarriageReturnFailsTheFileInsteadOfMergingTwoRecords() throws IOException {
    // Line 2 ends in CR alone: counted by line ends that is 3 records, the parser reads 2.
    Path file =
        write(
            "cr.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\nX01,P1,Nursing\rX01,P2,Medical\n"
                + "X01,P3,Nursing\n");
    String message = message(file, STAFF);
    assertTrue(
        message.startsWith(
            file
                + ": the CSV reader read 2 records but the file holds 3 (counted from its line ends"
                + " outside quotes); line 2 ends in a carriage return with no line feed after it."),
        message);
  }

  @Test
  void aShiftedRecordOfAPatientFileKeepsNoSubmitterThatIsNotShapedLikeACode() throws IOException {
    // An extra field before the submitter moves the NHS number into OrgID_Provider.
    Path file = write("mpi-lead.csv", MPI_HEADER + "\n9434765919,X01,PAT-1,,1980-02-29,1,A\n");
    assertArrayEquals(new Object[8], Arrays.copyOf(toArray(read(file, MPI).get(0)), 8));
  }

  @Test
  void crOnlyLineEndsFailTheFileNamingTheLineEnd() throws IOException {
    // The header runs on into the records: without this it was "lacks required column(s)".
    Path file =
        write(
            "cr-only.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\rX01,P1,Nursing\rX01,P2,Medical\r");
    LandingFileException e =
        assertThrows(
            LandingFileException.class, () -> LandingCsv.open(file, "cr-only.csv", STAFF, KEY_ID));
    assertTrue(
        e.getMessage()
            .startsWith(file + ": line 1 ends in a carriage return with no line feed after it."),
        e.getMessage());
  }

  @Test
  void aQuoteNeverClosedFailsNamingTheLineItOpensOn() throws IOException {
    Path file =
        write(
            "open.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\nX01,P1,Nursing\n"
                + "X01,\"P2,Medical\nX01,P3,Nursing\n");
    LandingFileException e =
        assertThrows(
            LandingFileException.class, () -> LandingCsv.open(file, "open.csv", STAFF, KEY_ID));
    assertTrue(
        e.getMessage().startsWith(file + ": has a quote opened on line 3 that is never closed"),
        e.getMessage());
  }

  @Test
  void aRecordOfMoreThan4096FieldsFailsNamingItsLineNotItsContent() throws IOException {
    // Issue 18 case 8: this ended in "unexpected error" and a trace, reported as an over-long
    // field.
    String wide = "X01,P2" + ",secret".repeat(4998); // 5,000 fields on line 3
    Path file =
        write(
            "wide.csv",
            "OrgID_Provider,CareProfessionalID_Local,StaffGroup\nX01,P1,Nursing\n"
                + wide
                + "\nX01,P3,Nursing\n");
    String message = message(file, STAFF);
    assertTrue(
        message.startsWith(
            file
                + ": has more than 4,096 fields on line 3 (most often a delimiter inside a value"
                + " that is not quoted)."),
        message);
    assertTrue(!message.contains("secret"), message);
  }

  @Test
  void aHeaderOfMoreThan4096ColumnsFailsClearly() throws IOException {
    StringBuilder header = new StringBuilder("OrgID_Provider,CareProfessionalID_Local,StaffGroup");
    for (int i = 4; i <= 5001; i++) {
      header.append(",Heading").append(i);
    }
    Path file = write("wideheader.csv", header + "\nX01,P1,Nursing\n");
    LandingFileException e =
        assertThrows(
            LandingFileException.class,
            () -> LandingCsv.open(file, "wideheader.csv", STAFF, KEY_ID));
    assertTrue(
        e.getMessage().startsWith(file + ": has more than 4,096 fields on line 1"), e.getMessage());
  }

  @Test
  void aBrokenHeaderOfAPatientFileIsReportedWithoutAnyOfItsContent() throws IOException {
    // Issue 18 case 1: the header's unclosed quote swallowed the rows, and the parser's message
    // ("Parsed content: ...") carried NHS numbers and birth dates to stderr and ops.run_log.
    StringBuilder text =
        new StringBuilder(
            "OrgID_Provider,\"LocalPatientID,NHSNumber,PersonBirthDate,Gender,EthnicCategory\n");
    for (int i = 0; i < 3000; i++) {
      text.append("X01,PAT-").append(i).append(",9434765919,1980-02-29,1,A\n");
    }
    // Closed far past the parser's field limit, so it is the parser, not the count, that fails.
    text.append("\"\n");
    Path file = write("mpi.csv", text.toString());
    LandingFileException e =
        assertThrows(
            LandingFileException.class, () -> LandingCsv.open(file, "mpi.csv", MPI, KEY_ID));
    assertTrue(
        e.getMessage().startsWith(file + ": has a field longer than 65,536 characters on line "),
        e.getMessage());
    for (String identifier : List.of("PAT-", "9434765919", "1980-02-29")) {
      assertTrue(!e.getMessage().contains(identifier), e.getMessage());
    }
  }

  @Test
  void undeclaredColumnsOfAPatientFileAreKeptOnlyHashed() throws IOException {
    // Issue 18 case 2: headings the schema does not declare were kept in clear in _extra.
    Path file =
        write(
            "mpi-extra.csv",
            MPI_HEADER
                + ",NHS_Number,Date_Of_Birth\nX01,PAT-1,9434765919,1980-02-29,1,A,4010232137,"
                + "1980-02-29\n");
    Row row = read(file, MPI).get(0);
    String key = "0123456789abcdef";
    assertEquals(
        Map.of(
            "NHS_Number", org.mhcs.testing.Hmac.hex(key, "4010232137"),
            "Date_Of_Birth", org.mhcs.testing.Hmac.hex(key, "1980-02-29")),
        JavaConverters.mapAsJavaMap(row.getMap(7)));
  }

  @Test
  void aShiftedRecordOfAPatientFileKeepsOnlyWhyAndWhere() throws IOException {
    // Issue 18 case 2: an unquoted extra field moved the NHS number into Gender, kept in clear.
    Path file =
        write(
            "mpi-shift.csv",
            MPI_HEADER
                + "\nX01,PAT-1,extra,9434765919,1980-02-29,1,A\nX01,PAT-2,4010232137,,2,B\n");
    List<Row> rows = read(file, MPI);
    Object[] shifted = toArray(rows.get(0));
    // The submitter, which has an organisation code's shape, then six declared columns and
    // _extra null; then _malformed, file, line.
    assertArrayEquals(
        new Object[] {"X01", null, null, null, null, null, null, null}, Arrays.copyOf(shifted, 8));
    assertEquals("has 7 fields; the header has 6", rows.get(0).getString(8));
    assertEquals("mpi-shift.csv", rows.get(0).getString(9));
    assertEquals(2L, rows.get(0).getLong(10));
    // The record of the right shape is read as always: Gender is 2.
    assertEquals("2", rows.get(1).getString(4));
  }

  @Test
  void aRepeatedUndeclaredHeadingKeepsBothColumns() throws IOException {
    // The second Comment used to overwrite the first in _extra.
    Path file =
        write(
            "repeat.csv",
            "OrgID_Provider,Comment,CareProfessionalID_Local,StaffGroup,Comment\n"
                + "X01,first,P1,Nursing,second\n");
    Row row = read(file, STAFF).get(0);
    assertEquals(
        Map.of("Comment", "first", "Comment (column 5)", "second"),
        JavaConverters.mapAsJavaMap(row.getMap(4)));
  }

  @Test
  void birthDatesBecomeFiveYearBandsAtThePeriodEnd() {
    LandingCsv csv =
        new LandingCsv(
            SchemaCatalog.bundled().table("csds", "CYP001MPI"),
            Pseudonymiser.withKey("0123456789abcdef"),
            LocalDate.of(2024, 6, 30));
    // 1990-07-01: 33 on 2024-06-30 (birthday next day); 1990-06-30: 34 that day.
    assertEquals("30-34", csv.ageBand("1990-07-01"));
    assertEquals("30-34", csv.ageBand("1990-06-30"));
    assertEquals("35-39", csv.ageBand("1989-06-30"));
    assertEquals("0-4", csv.ageBand("2024-06-30"));
    assertEquals("90+", csv.ageBand("1920-01-01"));
    assertEquals(LandingCsv.UNREADABLE_DATE, csv.ageBand("2024-02-30"));
    assertEquals(LandingCsv.UNREADABLE_DATE, csv.ageBand("2025-01-01")); // born after the period
  }

  private static Object[] toArray(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < row.size(); i++) {
      values[i] = row.get(i);
    }
    return values;
  }
}
