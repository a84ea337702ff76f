package org.mhcs.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.ingest.LandingCsv;
import org.mhcs.schema.Rule;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Hmac;
import org.mhcs.testing.LandingLoads;
import org.mhcs.warehouse.Warehouse;

/**
 * Every validation rule of {@link Rule}, each broken by one named row of {@code golden/rules} (June
 * 2024), with its exact {@code ops.quarantine} record; the good rows around them land in silver
 * typed, every file reconciles, and the data-quality scorecard counts what was rejected.
 *
 * <p>The rows are named by their own identifiers (CareContactID, ServiceRequestID, LocalPatientID):
 * a {@code C-} contact, {@code R-} referral or {@code P-} patient named after a rule breaks that
 * rule. Every file has its header on line 1, so a file's n-th data row is on line n + 1.
 */
class QuarantineRulesTest {
  private static final String MPI = "csds/CYP001MPI";
  private static final String REFERRAL = "csds/CYP101Referral";
  private static final String CONTACT = "csds/CYP201CareContact";
  private static final String PATIENTS_FILE = MPI + "/2024-06/patients.csv";
  private static final String REFERRALS_1 = REFERRAL + "/2024-06/referrals-1.csv";
  private static final String REFERRALS_2 = REFERRAL + "/2024-06/referrals-2.csv";
  private static final String CONTACTS_FILE = CONTACT + "/2024-06/contacts.csv";
  private static final String ORGANISATIONS = "ref/organisations";
  private static final String ORGANISATIONS_FILE = ORGANISATIONS + "/etr-2024-06.csv";
  private static final String REFERENCE_FIELD =
      "OrgID_Provider+ServiceRequestID -> csds/CYP101Referral";

  private static Warehouse warehouse;
  private static LandingLoads.Loaded loaded;

  @BeforeAll
  static void loadTheRulesLanding() {
    warehouse = GoldenRuns.newWarehouse();
    loaded =
        LandingLoads.load(
            warehouse,
            SchemaCatalog.bundled(),
            GoldenRuns.landing("rules"),
            Period.parse("2024-06"));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values); // keeps nulls, unlike List.of
  }

  @Test
  void eachRuleQuarantinesItsNamedRowWithFileLineFieldRuleAndValue() {
    Answers.assertRows(
        warehouse
            .read(Table.QUARANTINE)
            .selectExpr(
                "period",
                "source_table",
                "submitter",
                "source_file",
                "line",
                "field",
                "rule",
                "value",
                "all_rules")
            .orderBy("source_table", "source_file", "line"),
        List.of(
            // P-TYPE (line 5), born 1990-02-30: the date cannot be read, so the row carries the
            // placeholder, never the landed text.
            row(
                "2024-06",
                MPI,
                "A01",
                PATIENTS_FILE,
                5L,
                "PersonBirthDate",
                "type",
                LandingCsv.UNREADABLE_DATE,
                "type"),
            // P-FUTURE (line 6), born 2024-07-01, the day after the period end: not born yet, so
            // no age either.
            row(
                "2024-06",
                MPI,
                "A01",
                PATIENTS_FILE,
                6L,
                "PersonBirthDate",
                "type",
                LandingCsv.UNREADABLE_DATE,
                "type"),
            // R-OPEN-LATE (line 5): received 2024-07-02, after the period.
            row(
                "2024-06",
                REFERRAL,
                "A01",
                REFERRALS_1,
                5L,
                "ReferralRequest_ReceivedDate",
                "open_in_period",
                "2024-07-02",
                "open_in_period"),
            // R-OPEN-EARLY (line 6): discharged 2024-05-31, before the period.
            row(
                "2024-06",
                REFERRAL,
                "A01",
                REFERRALS_1,
                6L,
                "Discharge_Date",
                "open_in_period",
                "2024-05-31",
                "open_in_period"),
            // R-END-BEFORE-START (line 7): received 2024-06-20, discharged 2024-06-10.
            row(
                "2024-06",
                REFERRAL,
                "A01",
                REFERRALS_1,
                7L,
                "Discharge_Date",
                "open_in_period",
                "2024-06-10",
                "open_in_period"),
            // R-DUP's second copy: line 2 of referrals-2.csv. The first copy, line 4 of
            // referrals-1.csv, is kept: files are ordered before lines, so the later file loses
            // although its line number is smaller.
            row(
                "2024-06",
                REFERRAL,
                "A01",
                REFERRALS_2,
                2L,
                "OrgID_Provider+ServiceRequestID",
                "duplicate_key",
                "A01|R-DUP",
                "duplicate_key"),
            // C-MALFORMED (line 5): ten fields under a nine-column header.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                5L,
                "(record)",
                "malformed",
                "has 10 fields; the header has 9",
                "malformed"),
            // C-REQUIRED (line 6): no TeamID_Local, so no value to show.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                6L,
                "TeamID_Local",
                "required",
                null,
                "required"),
            // C-TYPE (line 7): duration "thirty".
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                7L,
                "CareContact_Duration",
                "type",
                "thirty",
                "type"),
            // C-TYPE-DATE (line 8): 2024-02-30 does not exist (and is therefore not judged
            // against the period either).
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                8L,
                "Contact_Date",
                "type",
                "2024-02-30",
                "type"),
            // C-CODE-LIST (line 9): attendance code 8 is not in attend_or_dna.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                9L,
                "AttendanceStatus",
                "code_list",
                "8",
                "code_list"),
            // C-RANGE (line 10): -5 minutes, below min 0.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                10L,
                "CareContact_Duration",
                "range",
                "-5",
                "range"),
            // C-RANGE-MAX (line 11): 1441 minutes, above max 1440.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                11L,
                "CareContact_Duration",
                "range",
                "1441",
                "range"),
            // C-PERIOD (line 12): dated 2024-07-01.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                12L,
                "Contact_Date",
                "period",
                "2024-07-01",
                "period"),
            // C-REFERENCE (line 13): referral R-NONE has no row at all.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                13L,
                REFERENCE_FIELD,
                "reference",
                "A01|R-NONE",
                "reference"),
            // C-ORPHAN (line 14): its referral R-OPEN-LATE has a row, but a quarantined one.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                14L,
                REFERENCE_FIELD,
                "reference",
                "A01|R-OPEN-LATE",
                "reference"),
            // C-DUP's second row (line 15); the first, line 4, is accepted.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                15L,
                "OrgID_Provider+CareContactID",
                "duplicate_key",
                "A01|C-DUP",
                "duplicate_key"),
            // C-MULTI (line 16) breaks five rules; the first in Rule order is reported, all listed.
            row(
                "2024-06",
                CONTACT,
                "A01",
                CONTACTS_FILE,
                16L,
                "TeamID_Local",
                "required",
                null,
                "required,type,code_list,period,reference")),
        0);
  }

  @Test
  void anUnreadableBirthDateNeverReachesTheWarehouseAsText() {
    Set<String> bronzeValues = new TreeSet<>();
    warehouse
        .read(Table.bronze("csds_cyp001mpi"))
        .select("PersonBirthDate")
        .collectAsList()
        .forEach(r -> bronzeValues.add(r.getString(0)));
    // Five patients: three bands and two placeholders; no landed date text at all.
    assertEquals(
        new TreeSet<>(List.of("30-34", "35-39", "90+", LandingCsv.UNREADABLE_DATE)), bronzeValues);
    assertEquals(
        0,
        warehouse.read(Table.QUARANTINE).where("value LIKE '%1990-02-30%'").count(),
        "the unreadable birth date's text must not be shown in quarantine");
  }

  @Test
  void birthDatesBecomeFiveYearAgeBandsAtThePeriodEnd() {
    // Ages on 2024-06-30: PAT-1 born 1990-07-01 is 33 (birthday tomorrow) → 30-34; PAT-2 born
    // 1989-06-30 turns 35 that day → 35-39; PAT-3 born 1934-06-30 turns 90 → 90+.
    Answers.assertRows(
        warehouse
            .read(Table.silver("csds_cyp001mpi"))
            .selectExpr(
                "LocalPatientID", "NHSNumber", "PersonBirthDate", "Gender", "OrgID_CCG_Residence")
            .orderBy("_line"),
        List.of(
            row(pseudonym("PAT-1"), pseudonym("9990000018"), "30-34", "1", "15N"),
            row(pseudonym("PAT-2"), null, "35-39", "2", null),
            row(pseudonym("PAT-3"), pseudonym("9990000026"), "90+", "9", "15N")),
        0);
  }

  @Test
  void goodRowsLandInSilverTypedWithTheirLineage() {
    StructType contacts = warehouse.read(Table.silver("csds_cyp201carecontact")).schema();
    assertEquals(DataTypes.DateType, contacts.apply("Contact_Date").dataType());
    assertEquals(DataTypes.IntegerType, contacts.apply("CareContact_Duration").dataType());
    assertEquals(DataTypes.StringType, contacts.apply("ConsMechanism").dataType());
    // C-GOOD-1, C-GOOD-2 (last day of June) and the first C-DUP (first day of June) of A01, and
    // A02's C-GOOD-1: the same contact id under another submitter is not a duplicate.
    Answers.assertRows(
        warehouse
            .read(Table.silver("csds_cyp201carecontact"))
            .selectExpr(
                "OrgID_Provider",
                "CareContactID",
                "ServiceRequestID",
                "TeamID_Local",
                "Contact_Date",
                "Contact_Time",
                "CareContact_Duration",
                "ConsMechanism",
                "AttendanceStatus",
                "_source_file",
                "_line",
                "_period")
            .orderBy("OrgID_Provider", "_line"),
        List.of(
            row(
                "A01",
                "C-GOOD-1",
                "R1",
                "T1",
                Date.valueOf("2024-06-03"),
                "09:00:00",
                60,
                "01",
                "5",
                CONTACTS_FILE,
                2L,
                "2024-06"),
            row(
                "A01",
                "C-GOOD-2",
                "R2",
                "T1",
                Date.valueOf("2024-06-30"),
                null,
                45,
                "02",
                "6",
                CONTACTS_FILE,
                3L,
                "2024-06"),
            row(
                "A01",
                "C-DUP",
                "R-DUP",
                "T1",
                Date.valueOf("2024-06-01"),
                "10:00:00",
                30,
                "11",
                "5",
                CONTACTS_FILE,
                4L,
                "2024-06"),
            row(
                "A02",
                "C-GOOD-1",
                "R9",
                "T9",
                Date.valueOf("2024-06-14"),
                null,
                15,
                "01",
                "5",
                CONTACTS_FILE,
                17L,
                "2024-06")),
        0);
    Row first = silverRow("csds_cyp201carecontact", "CareContactID = 'C-DUP'");
    assertEquals(Date.valueOf("2024-06-01"), first.getAs("Contact_Date"));
    assertEquals(Integer.valueOf(30), first.getAs("CareContact_Duration"));

    Answers.assertRows(
        warehouse
            .read(Table.silver("csds_cyp101referral"))
            .selectExpr(
                "OrgID_Provider",
                "ServiceRequestID",
                "LocalPatientID",
                "ReferralRequest_ReceivedDate",
                "SourceOfReferral",
                "Discharge_Date",
                "_source_file",
                "_line")
            .orderBy("OrgID_Provider", "_line"),
        List.of(
            row("A01", "R1", pseudonym("PAT-1"), "2024-03-01", "01", null, REFERRALS_1, 2L),
            row("A01", "R2", pseudonym("PAT-2"), "2024-06-03", null, "2024-06-20", REFERRALS_1, 3L),
            row("A01", "R-DUP", pseudonym("PAT-3"), "2024-05-01", "01", null, REFERRALS_1, 4L),
            row("A02", "R9", pseudonym("PAT-9"), "2024-06-01", "01", null, REFERRALS_1, 8L)),
        0);
    assertEquals(
        DataTypes.DateType,
        warehouse
            .read(Table.silver("csds_cyp101referral"))
            .schema()
            .apply("Discharge_Date")
            .dataType());
  }

  @Test
  void anEmptyOptionalValueIsNullInSilverNotEmptyText() {
    // R2's SourceOfReferral is a quoted empty string (""), R1's Discharge_Date an empty field,
    // C-GOOD-2's Contact_Time an empty field, PAT-2's NHSNumber and OrgID_CCG_Residence empty.
    Row r2 = silverRow("csds_cyp101referral", "ServiceRequestID = 'R2'");
    assertTrue(r2.isNullAt(r2.fieldIndex("SourceOfReferral")), "quoted empty SourceOfReferral");
    Row r1 = silverRow("csds_cyp101referral", "ServiceRequestID = 'R1'");
    assertTrue(r1.isNullAt(r1.fieldIndex("Discharge_Date")), "empty Discharge_Date");
    Row good2 = silverRow("csds_cyp201carecontact", "CareContactID = 'C-GOOD-2'");
    assertTrue(good2.isNullAt(good2.fieldIndex("Contact_Time")), "empty Contact_Time");
    Row pat2 = silverRow("csds_cyp001mpi", "LocalPatientID = '" + pseudonym("PAT-2") + "'");
    assertTrue(pat2.isNullAt(pat2.fieldIndex("NHSNumber")), "empty NHSNumber is not hashed");
    assertTrue(pat2.isNullAt(pat2.fieldIndex("OrgID_CCG_Residence")), "empty residence");
    // No optional column anywhere holds empty text instead of null.
    assertEquals(
        0,
        warehouse
            .read(Table.silver("csds_cyp101referral"))
            .where("SourceOfReferral = '' OR LocalPatientID = ''")
            .count());
    assertEquals(
        0,
        warehouse.read(Table.silver("csds_cyp201carecontact")).where("Contact_Time = ''").count());
  }

  @Test
  void everyFileReconcilesReadWithAcceptedPlusQuarantined() {
    // patients.csv: 5 rows, P-TYPE and P-FUTURE quarantined.
    // referrals-1.csv: 7 rows, the three R-OPEN-* / R-END-* quarantined; referrals-2.csv: its
    // one row is R-DUP's second copy. contacts.csv: 16 rows, 12 named after a rule (lines 5–16).
    // The organisation reference (A01, A02; no submitter) is validated first: the others check
    // their submitters against it.
    List<List<Object>> organisations =
        List.of(row(ORGANISATIONS, ORGANISATIONS_FILE, List.of(), 2L, 2L, 0L));
    List<List<Object>> expected =
        List.of(
            row(MPI, PATIENTS_FILE, List.of("A01"), 5L, 3L, 2L),
            row(REFERRAL, REFERRALS_1, List.of("A01", "A02"), 7L, 4L, 3L),
            row(REFERRAL, REFERRALS_2, List.of("A01"), 1L, 0L, 1L),
            row(CONTACT, CONTACTS_FILE, List.of("A01", "A02"), 16L, 4L, 12L));
    List<List<Object>> fromResult = new ArrayList<>();
    for (FileCounts f : loaded.files()) {
      assertEquals(f.read(), f.accepted() + f.quarantined(), f.file());
      fromResult.add(
          row(f.table(), f.file(), f.submitters(), f.read(), f.accepted(), f.quarantined()));
    }
    assertEquals(concat(organisations, expected), fromResult);

    List<List<Object>> recorded = new ArrayList<>();
    for (Row r :
        warehouse.read(Table.LOADED_FILES).orderBy("source_table", "source_file").collectAsList()) {
      long read = r.getAs("rows_read");
      long accepted = r.getAs("rows_accepted");
      long quarantined = r.getAs("rows_quarantined");
      assertEquals(read, accepted + quarantined, r.<String>getAs("source_file"));
      String table = r.getAs("source_table");
      assertEquals(table.equals(ORGANISATIONS) ? "none" : "2024-06", r.getAs("period"), table);
      recorded.add(
          row(
              r.getAs("source_table"),
              r.getAs("source_file"),
              r.getList(r.fieldIndex("submitters")),
              read,
              accepted,
              quarantined));
    }
    assertEquals(concat(expected, organisations), recorded);

    // The quarantine holds exactly the quarantined rows of each file.
    List<List<Object>> perFile = new ArrayList<>();
    warehouse
        .read(Table.QUARANTINE)
        .groupBy("source_file")
        .count()
        .orderBy("source_file")
        .collectAsList()
        .forEach(r -> perFile.add(row(r.getString(0), r.getLong(1))));
    assertEquals(
        List.of(
            row(PATIENTS_FILE, 2L),
            row(REFERRALS_1, 3L),
            row(REFERRALS_2, 1L),
            row(CONTACTS_FILE, 12L)),
        perFile);
  }

  private static Dataset<Row> scorecard(String table, String submitter) {
    return warehouse
        .read(Table.DATA_QUALITY)
        .where(
            "period = '2024-06' AND source_table = '"
                + table
                + "' AND submitter = '"
                + submitter
                + "'")
        .selectExpr("measure", "item", "numerator", "denominator", "percent")
        .orderBy("measure", "item");
  }

  /** The ten rules in the scorecard's item order, each with its count and percent of read. */
  private static List<List<Object>> rejects(long read, long[] counts, double[] percents) {
    String[] rules = {
      "code_list",
      "duplicate_key",
      "malformed",
      "nhs_number",
      "open_in_period",
      "period",
      "range",
      "reference",
      "required",
      "type"
    };
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      rows.add(row("rejects", rules[i], counts[i], read, percents[i]));
    }
    return rows;
  }

  private static List<List<Object>> concat(List<List<Object>> a, List<List<Object>> b) {
    List<List<Object>> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void dataQualityScorecardCountsRejectsPerRuleAndCompletenessPerSubmitter() {
    // A01's 15 contacts (lines 2–16): accepted C-GOOD-1, C-GOOD-2 and C-DUP (line 4) = 3 → 20%.
    // TeamID_Local is missing in C-REQUIRED and C-MULTI → 13 of 15 = 86.67%; other required
    // fields 15 of 15. A row counts once for each rule it breaks (C-MULTI in five):
    //   code_list C-CODE-LIST, C-MULTI = 2 (13.33%); duplicate_key the second C-DUP = 1 (6.67%);
    //   malformed C-MALFORMED = 1 (6.67%); open_in_period 0; period C-PERIOD, C-MULTI = 2;
    //   range C-RANGE, C-RANGE-MAX = 2; reference C-REFERENCE, C-ORPHAN, C-MULTI = 3 (20%);
    //   required C-REQUIRED, C-MULTI = 2; type C-TYPE, C-TYPE-DATE, C-MULTI = 3 (20%).
    Answers.assertRows(
        scorecard(CONTACT, "A01"),
        concat(
            List.of(
                row("accepted", "rows", 3L, 15L, 20.0),
                row("completeness", "AttendanceStatus", 15L, 15L, 100.0),
                row("completeness", "CareContactID", 15L, 15L, 100.0),
                row("completeness", "CareContact_Duration", 15L, 15L, 100.0),
                row("completeness", "ConsMechanism", 15L, 15L, 100.0),
                row("completeness", "Contact_Date", 15L, 15L, 100.0),
                row("completeness", "OrgID_Provider", 15L, 15L, 100.0),
                row("completeness", "ServiceRequestID", 15L, 15L, 100.0),
                row("completeness", "TeamID_Local", 13L, 15L, 86.67)),
            rejects(
                15,
                new long[] {2, 1, 1, 0, 0, 2, 2, 3, 2, 3},
                new double[] {13.33, 6.67, 6.67, 0.0, 0.0, 13.33, 13.33, 20.0, 13.33, 20.0})),
        1e-9);
    // A02's one contact is clean.
    Answers.assertRows(
        scorecard(CONTACT, "A02")
            .where("measure = 'accepted' OR numerator > 0 AND measure = 'rejects'"),
        List.of(row("accepted", "rows", 1L, 1L, 100.0)),
        1e-9);
    // A01's 7 referrals (6 in referrals-1.csv, 1 in referrals-2.csv): accepted R1, R2 and the
    // first R-DUP = 3 (42.86%); open_in_period R-OPEN-LATE, R-OPEN-EARLY, R-END-BEFORE-START = 3
    // (42.86%); duplicate_key the second R-DUP = 1 (14.29%); every required field present.
    Answers.assertRows(
        scorecard(REFERRAL, "A01"),
        concat(
            List.of(
                row("accepted", "rows", 3L, 7L, 42.86),
                row("completeness", "LocalPatientID", 7L, 7L, 100.0),
                row("completeness", "OrgID_Provider", 7L, 7L, 100.0),
                row("completeness", "ReferralRequest_ReceivedDate", 7L, 7L, 100.0),
                row("completeness", "ServiceRequestID", 7L, 7L, 100.0)),
            rejects(
                7,
                new long[] {0, 1, 0, 0, 3, 0, 0, 0, 0, 0},
                new double[] {0.0, 14.29, 0.0, 0.0, 42.86, 0.0, 0.0, 0.0, 0.0, 0.0})),
        1e-9);
    // A01's 5 patients: P-TYPE and P-FUTURE break type → 2 of 5 = 40%, 3 accepted = 60%.
    Answers.assertRows(
        scorecard(MPI, "A01"),
        concat(
            List.of(
                row("accepted", "rows", 3L, 5L, 60.0),
                row("completeness", "LocalPatientID", 5L, 5L, 100.0),
                row("completeness", "OrgID_Provider", 5L, 5L, 100.0)),
            rejects(
                5,
                new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
                new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0})),
        1e-9);
    // Scorecards exist for exactly these submitters and tables.
    List<List<Object>> groups = new ArrayList<>();
    warehouse
        .read(Table.DATA_QUALITY)
        .groupBy("source_table", "submitter")
        .count()
        .orderBy("source_table", "submitter")
        .collectAsList()
        .forEach(r -> groups.add(row(r.getString(0), r.getString(1), r.getLong(2))));
    // Rows per scorecard: 1 accepted + one per required field + 10 rules.
    assertEquals(
        List.of(
            row(MPI, "A01", 1L + 2 + 10),
            row(REFERRAL, "A01", 1L + 4 + 10),
            row(REFERRAL, "A02", 1L + 4 + 10),
            row(CONTACT, "A01", 1L + 8 + 10),
            row(CONTACT, "A02", 1L + 8 + 10),
            row(ORGANISATIONS, null, 1L + 3 + 10)),
        groups);
  }

  private static String pseudonym(String value) {
    return Hmac.hex(GoldenRuns.KEY, value);
  }

  /** The first silver row of {@code table} matching {@code condition}. */
  private static Row silverRow(String table, String condition) {
    return warehouse.read(Table.silver(table)).where(condition).first();
  }
}
