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
