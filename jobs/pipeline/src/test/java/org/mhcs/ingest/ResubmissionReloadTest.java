package org.mhcs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.BundledResources;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.SchemaChangeException;
import org.mhcs.warehouse.Warehouse;

/**
 * Reloads: two CSDS submitters (A01, A02), one file each per table, for May and June 2024 are
 * loaded once into a baseline warehouse; each test then works on its own copy of that warehouse and
 * landing folder (Delta tables are plain folders), changes the landing, runs ingest and silver
 * again and checks that exactly the affected rows moved.
 *
 * <p>Baseline contents. The organisation reference (no period) lists A01 and A02. May: A01
 * referrals R1, R2 and contacts C1, C2; A02 referral R1, contacts C1 and C2 (C2's attendance X is
 * quarantined). June: A01 referrals R1, R3 and contacts C3 (R1), C4 (R3), C5 (R1, attendance X,
 * quarantined); A02 referrals R1, R2 and contacts C3 (R1), C4 (R2), C5 (R2, attendance 9,
 * quarantined).
 */
@Order(Scheduling.SLOW_ON_ITS_OWN)
class ResubmissionReloadTest {
  private static final Period MAY = Period.parse("2024-05");
  private static final Period JUNE = Period.parse("2024-06");
  private static final SchemaCatalog SCHEMAS = SchemaCatalog.bundled();
  private static final String REFERRAL = "csds/CYP101Referral";
  private static final String CONTACT = "csds/CYP201CareContact";
  private static final Table BRONZE_REFERRAL = Table.bronze("csds_cyp101referral");
  private static final Table BRONZE_CONTACT = Table.bronze("csds_cyp201carecontact");
  private static final Table SILVER_REFERRAL = Table.silver("csds_cyp101referral");
  private static final Table SILVER_CONTACT = Table.silver("csds_cyp201carecontact");
  private static final List<Table> WRITTEN_BY_A_LOAD =
      List.of(
          BRONZE_REFERRAL,
          BRONZE_CONTACT,
          SILVER_REFERRAL,
          SILVER_CONTACT,
          Table.QUARANTINE,
          Table.LOADED_FILES,
          Table.DATA_QUALITY);

  private static final String REFERRAL_HEADER =
      "OrgID_Provider,ServiceRequestID,LocalPatientID,ReferralRequest_ReceivedDate,"
          + "SourceOfReferral,Discharge_Date";
  private static final String CONTACT_HEADER =
      "OrgID_Provider,CareContactID,ServiceRequestID,TeamID_Local,Contact_Date,Contact_Time,"
          + "CareContact_Duration,ConsMechanism,AttendanceStatus";

  private static final String A01_MAY_REFERRALS = REFERRAL + "/2024-05/A01-referrals.csv";
  private static final String A02_MAY_REFERRALS = REFERRAL + "/2024-05/A02-referrals.csv";
  private static final String A01_JUNE_REFERRALS = REFERRAL + "/2024-06/A01-referrals.csv";
  private static final String A02_JUNE_REFERRALS = REFERRAL + "/2024-06/A02-referrals.csv";
  private static final String A01_MAY_CONTACTS = CONTACT + "/2024-05/A01-contacts.csv";
  private static final String A02_MAY_CONTACTS = CONTACT + "/2024-05/A02-contacts.csv";
  private static final String A01_JUNE_CONTACTS = CONTACT + "/2024-06/A01-contacts.csv";
  private static final String A02_JUNE_CONTACTS = CONTACT + "/2024-06/A02-contacts.csv";

  private static Warehouse baseline;
  private static Path baselineLanding;
  private static Map<String, Long> baselineVersions;

  @BeforeAll
  static void loadMayAndJuneForTwoSubmitters() {
    baseline = GoldenRuns.newWarehouse();
    baselineLanding = SharedSpark.newFolder("reload-landing-");
    Path l = baselineLanding;
    // Both submitters are known organisations (every CSDS table checks its submitter against it).
    land(
        l,
        "ref/organisations/etr-2024-05.csv",
        // The ODS etr layout: no header row (the first row stands where land() puts a header);
        // code, name, region, ICB, six address fields, open and close dates.
        "A01,Reload Community NHS Trust,Y56,QX1,,,,,,,20000401,",
        "A02,Reload Mental Health NHS Trust,Y62,QX2,,,,,,,20000401,");
    land(
        l,
        A01_MAY_REFERRALS,
        REFERRAL_HEADER,
        "A01,R1,PAT-1,2024-04-01,01,",
        "A01,R2,PAT-2,2024-05-02,01,2024-05-30");
    land(l, A02_MAY_REFERRALS, REFERRAL_HEADER, "A02,R1,PAT-9,2024-03-01,01,");
    land(
        l,
        A01_MAY_CONTACTS,
        CONTACT_HEADER,
        "A01,C1,R1,T1,2024-05-03,,30,01,5",
        "A01,C2,R2,T1,2024-05-10,,45,02,5");
    land(
        l,
        A02_MAY_CONTACTS,
        CONTACT_HEADER,
        "A02,C1,R1,T2,2024-05-07,,60,01,5",
        "A02,C2,R1,T2,2024-05-08,,20,01,X");
    land(
        l,
        A01_JUNE_REFERRALS,
        REFERRAL_HEADER,
        "A01,R1,PAT-1,2024-04-01,01,",
        "A01,R3,PAT-3,2024-06-05,01,");
    land(
        l,
        A02_JUNE_REFERRALS,
        REFERRAL_HEADER,
        "A02,R1,PAT-9,2024-03-01,01,",
        "A02,R2,PAT-8,2024-06-10,01,");
    land(
        l,
        A01_JUNE_CONTACTS,
        CONTACT_HEADER,
        "A01,C3,R1,T1,2024-06-03,,30,01,5",
        "A01,C4,R3,T1,2024-06-12,,40,01,5",
        "A01,C5,R1,T1,2024-06-14,,20,01,X");
    land(
        l,
        A02_JUNE_CONTACTS,
        CONTACT_HEADER,
        "A02,C3,R1,T2,2024-06-04,,60,01,5",
        "A02,C4,R2,T2,2024-06-18,,30,11,5",
        "A02,C5,R2,T2,2024-06-19,,30,01,9");
    LandingLoads.load(baseline, SCHEMAS, baselineLanding, MAY);
    LandingLoads.load(baseline, SCHEMAS, baselineLanding, JUNE);
    baselineVersions = versions(baseline);
  }

  /** A test's own warehouse and landing folder, copied from the baseline. */
  private record Copy(Warehouse warehouse, Path landing) {}

  private static Copy copyOfBaseline() {
    Path warehouse = SharedSpark.newFolder("reload-warehouse-");
    copyTree(baseline.root(), warehouse);
    Path landing = SharedSpark.newFolder("reload-landing-");
    copyTree(baselineLanding, landing);
    return new Copy(new Warehouse(baseline.spark(), warehouse), landing);
  }

  @Test
  void theSameInputAgainWritesNothing() {
    Copy c = copyOfBaseline();
    for (Period period : List.of(JUNE, MAY)) {
      LandingLoads.Loaded again = LandingLoads.load(c.warehouse(), SCHEMAS, c.landing(), period);
      assertEquals(List.of(), again.files(), period + ": no file is validated again");
      assertEquals(
          List.of(
              "check " + REFERRAL + " ok",
              "check " + CONTACT + " ok",
              "ingest " + REFERRAL + " unchanged",
              "ingest " + CONTACT + " unchanged"),
          csdsLogLines(again.log()),
          period + ": the log says each table is unchanged, and nothing is validated");
    }
    assertEquals(
        baselineVersions, versions(c.warehouse()), "no table got a new version in either run");
    // ops.run_log keeps what the last run said: both tables unchanged, two files each.
    Dataset<Row> runLog = c.warehouse().read(Table.RUN_LOG);
    String lastRun = runLog.orderBy(col("logged_at").desc()).select("run_id").first().getString(0);
    Answers.assertRows(
        runLog
            .where("run_id = '" + lastRun + "' AND stage = 'ingest' AND table_name LIKE 'csds/%'")
            .selectExpr("period", "table_name", "status", "files")
            .orderBy("table_name"),
        List.of(
            List.of("2024-05", REFERRAL, "unchanged", 2),
            List.of("2024-05", CONTACT, "unchanged", 2)),
        0);
  }

  @Test
  void aResubmittedFileReplacesExactlyItsOwnRowsInBronzeAndItsSubmittersInSilver() {
    Copy c = copyOfBaseline();
    Warehouse w = c.warehouse();
    Map<String, Long> v0 = baselineVersions;
    land(
        c.landing(),
        A01_JUNE_CONTACTS,
        CONTACT_HEADER,
        "A01,C3,R1,T1,2024-06-03,,35,01,5", // 30 minutes corrected to 35
        "A01,C5,R1,T1,2024-06-14,,20,01,5", // attendance X corrected to 5
        "A01,C6,R3,T1,2024-06-20,,50,02,6"); // a new contact; C4 withdrawn
    LandingLoads.load(w, SCHEMAS, c.landing(), JUNE);

    Map<String, Long> v1 = versions(w);
    assertEquals(v0.get(BRONZE_REFERRAL.toString()), v1.get(BRONZE_REFERRAL.toString()));
    assertEquals(v0.get(SILVER_REFERRAL.toString()), v1.get(SILVER_REFERRAL.toString()));
    long bronzeBefore = v0.get(BRONZE_CONTACT.toString());
    assertEquals(bronzeBefore + 1, v1.get(BRONZE_CONTACT.toString()), "one bronze commit");
    assertEquals(
        v0.get(SILVER_CONTACT.toString()) + 1, v1.get(SILVER_CONTACT.toString()), "one commit");

    // The bronze commit removed exactly the data files that held the old A01 June file's rows
    // (and those held no other landed file's rows), all in the _period=2024-06 partition.
    Dataset<Row> bronzeV0 = before(BRONZE_CONTACT);
    Set<String> heldA01June =
        dataFiles(bronzeV0.where("_source_file = '" + A01_JUNE_CONTACTS + "'"));
    Set<String> heldOthers =
        dataFiles(bronzeV0.where("_source_file <> '" + A01_JUNE_CONTACTS + "'"));
    assertEquals(Set.of(), intersection(heldA01June, heldOthers));
    Set<String> removed = removedFiles(w, BRONZE_CONTACT, bronzeBefore + 1);
    assertEquals(heldA01June, removed);
    removed.forEach(p -> assertTrue(p.startsWith("_period=2024-06/"), p));
    Map<String, String> metrics = lastCommitMetrics(w, BRONZE_CONTACT);
    assertEquals(
        String.valueOf(removed.size()), metrics.get("numRemovedFiles"), metrics.toString());
    // The old file's rows C3, C4, C5 deleted, no row of another file copied, 3 new rows written.
    assertEquals("3", metrics.get("numDeletedRows"), metrics.toString());
    assertEquals("0", metrics.get("numCopiedRows"), metrics.toString());
    assertEquals("3", metrics.get("numOutputRows"), metrics.toString());
    // Silver's commit deleted A01's two accepted June rows (C3, C4), whatever it copied.
    Map<String, String> silverMetrics = lastCommitMetrics(w, SILVER_CONTACT);
    assertEquals("2", silverMetrics.get("numDeletedRows"), silverMetrics.toString());

    // Every other bronze row is bit-identical, lineage included: May A01 2 + May A02 2 + June
    // A02 3 = 7 rows.
    String notA01JuneFile =
        "NOT (_period = '2024-06' AND _source_file = '" + A01_JUNE_CONTACTS + "')";
    assertSameRows(
        bronzeV0.where(notA01JuneFile), w.read(BRONZE_CONTACT).where(notA01JuneFile), 7, "bronze");
    Answers.assertRows(
        w.read(BRONZE_CONTACT)
            .where("_source_file = '" + A01_JUNE_CONTACTS + "'")
            .selectExpr("CareContactID", "CareContact_Duration", "AttendanceStatus", "_line")
            .orderBy("_line"),
        List.of(
            List.of("C3", "35", "5", 2L),
            List.of("C5", "20", "5", 3L),
            List.of("C6", "50", "6", 4L)),
        0);

    // Silver: A01's June rows are the new file's; everything else bit-identical: May A01 C1, C2,
    // May A02 C1, June A02 C3, C4 = 5 rows.
    String notA01June = "NOT (_period = '2024-06' AND OrgID_Provider = 'A01')";
    assertSameRows(
        before(SILVER_CONTACT).where(notA01June),
        w.read(SILVER_CONTACT).where(notA01June),
        5,
        "silver");
    Answers.assertRows(
        w.read(SILVER_CONTACT)
            .where("_period = '2024-06' AND OrgID_Provider = 'A01'")
            .selectExpr("CareContactID", "CareContact_Duration", "AttendanceStatus")
            .orderBy("CareContactID"),
        List.of(List.of("C3", 35, "5"), List.of("C5", 20, "5"), List.of("C6", 50, "6")),
        0);

    // Quarantine: A01's June C5 is no longer there; May A02 C2 and June A02 C5 unchanged.
    String notA01JuneContacts =
        "NOT (period = '2024-06' AND submitter = 'A01' AND source_table = '" + CONTACT + "')";
    assertSameRows(
        before(Table.QUARANTINE).where(notA01JuneContacts),
        w.read(Table.QUARANTINE).where(notA01JuneContacts),
        2,
        "quarantine");
    assertEquals(0, w.read(Table.QUARANTINE).where("NOT " + notA01JuneContacts).count());

    // ops.loaded_files: the resubmitted file's record is new (3 read, 3 accepted), the other
    // seven CSDS files' records and the organisation reference's are untouched.
    String otherFiles = "source_file <> '" + A01_JUNE_CONTACTS + "'";
    Dataset<Row> filesBefore = before(Table.LOADED_FILES);
    assertSameRows(
        filesBefore.where(otherFiles),
        w.read(Table.LOADED_FILES).where(otherFiles),
        7 + 1,
        "files");
    Row record =
        w.read(Table.LOADED_FILES).where("source_file = '" + A01_JUNE_CONTACTS + "'").first();
    assertEquals(
        List.of(3L, 3L, 0L),
        List.of(
            record.getAs("rows_read"),
            record.getAs("rows_accepted"),
            record.getAs("rows_quarantined")));
    assertNotEquals(
        filesBefore
            .where("source_file = '" + A01_JUNE_CONTACTS + "'")
            .first()
            .<String>getAs("fingerprint"),
        record.<String>getAs("fingerprint"));

    // The scorecard of every other submitter, table and period is untouched.
    String notA01JuneScore =
        "NOT (period = '2024-06' AND submitter = 'A01' AND source_table = '" + CONTACT + "')";
    // 7 scorecards (2 periods × 2 submitters × 2 tables, less A01's June contacts) of
    // 1 accepted + 4 (referral) or 8 (contact) required fields + 10 rules: 4 × 15 + 3 × 19 = 117;
    // and the organisation reference's, 1 + 3 required fields + 10 rules = 14.
    assertSameRows(
        before(Table.DATA_QUALITY).where(notA01JuneScore),
        w.read(Table.DATA_QUALITY).where(notA01JuneScore),
        4 * 15 + 3 * 19 + 14,
        "data quality");
  }

  @Test
  void aFileNoLongerLandedHasItsRowsDeletedAndIsForgotten() throws IOException {
    Copy c = copyOfBaseline();
    Warehouse w = c.warehouse();
    Files.delete(c.landing().resolve(A02_MAY_CONTACTS));
    LandingLoads.Loaded loaded = LandingLoads.load(w, SCHEMAS, c.landing(), MAY);

    assertTrue(
        loaded.log().stream()
            .anyMatch(
                l ->
                    l.startsWith("ingest")
                        && l.contains(CONTACT)
                        && l.contains("removed rows of 1 file(s) no longer landed")),
        String.join("\n", loaded.log()));
    // Bronze and silver keep A01's two May contacts only; everything else as it was.
    assertEquals(
        List.of(List.of(A01_MAY_CONTACTS, 2L)), fileRowCounts(w.read(BRONZE_CONTACT), "2024-05"));
    String notA02MayFile = "_source_file <> '" + A02_MAY_CONTACTS + "'";
    assertSameRows(
        before(BRONZE_CONTACT).where(notA02MayFile), w.read(BRONZE_CONTACT), 2 + 3 + 3, "bronze");
    String notA02May = "NOT (_period = '2024-05' AND OrgID_Provider = 'A02')";
    assertSameRows(
        before(SILVER_CONTACT).where(notA02May), w.read(SILVER_CONTACT), 2 + 2 + 2, "silver");
    // The quarantined A02 May C2 went with its file.
    String notA02MayQuarantine =
        "NOT (period = '2024-05' AND submitter = 'A02' AND source_table = '" + CONTACT + "')";
    assertSameRows(
        before(Table.QUARANTINE).where(notA02MayQuarantine),
        w.read(Table.QUARANTINE),
        2,
        "quarantine");
    // ops.loaded_files forgets the file; the other seven CSDS records and the organisation
    // reference's are untouched.
    String otherFiles = "source_file <> '" + A02_MAY_CONTACTS + "'";
    assertSameRows(
        before(Table.LOADED_FILES).where(otherFiles), w.read(Table.LOADED_FILES), 7 + 1, "files");
    // A02's May contacts scorecard is gone: no rows left to score.
    assertEquals(
        0,
        w.read(Table.DATA_QUALITY)
            .where("period = '2024-05' AND submitter = 'A02' AND source_table = '" + CONTACT + "'")
            .count());
  }

  @Test
  void removingTheLastFileOfATablesPeriodDeletesItsRowsToo() throws IOException {
    // Both May contacts files go (the usual case is a table landed as one file per period).
    // Expected as for one file of two: none of May's 4 bronze contact rows, 3 silver rows, 1
    // quarantine row (A02's C2), 2 scorecards or 2 ops.loaded_files records is left.
    Copy c = copyOfBaseline();
    Warehouse w = c.warehouse();
    Files.delete(c.landing().resolve(A01_MAY_CONTACTS));
    Files.delete(c.landing().resolve(A02_MAY_CONTACTS));
    LandingLoads.load(w, SCHEMAS, c.landing(), MAY);

    Map<String, Long> left = new LinkedHashMap<>();
    left.put("bronze rows", w.read(BRONZE_CONTACT).where("_period = '2024-05'").count());
    left.put("silver rows", w.read(SILVER_CONTACT).where("_period = '2024-05'").count());
    String mayContacts = "period = '2024-05' AND source_table = '" + CONTACT + "'";
    left.put("ops.quarantine rows", w.read(Table.QUARANTINE).where(mayContacts).count());
    left.put("ops.data_quality rows", w.read(Table.DATA_QUALITY).where(mayContacts).count());
    left.put("ops.loaded_files records", w.read(Table.LOADED_FILES).where(mayContacts).count());
    Map<String, Long> none = new LinkedHashMap<>();
    left.keySet().forEach(k -> none.put(k, 0L));
    assertEquals(
        none,
        left,
        "BUG (BronzeIngest.load): when a table has no file left for the period, load() returns"
            + " 'unchanged' before it compares the landing with ops.loaded_files, so the removed"
            + " files' rows stay in every table, ops.loaded_files still lists them and the run"
            + " log says nothing; with one file of two removed they are deleted");
  }

  @Test
  void aReferralDroppedByAResubmissionOrphansItsContactsThoughTheirFileIsUnchanged() {
    Copy c = copyOfBaseline();
    Warehouse w = c.warehouse();
    Map<String, Long> v0 = baselineVersions;
    land(c.landing(), A01_JUNE_REFERRALS, REFERRAL_HEADER, "A01,R1,PAT-1,2024-04-01,01,");
    LandingLoads.Loaded loaded = LandingLoads.load(w, SCHEMAS, c.landing(), JUNE);

    assertEquals(
        v0.get(BRONZE_CONTACT.toString()),
        versions(w).get(BRONZE_CONTACT.toString()),
        "the contacts file did not change, so bronze contacts are not rewritten");
    assertTrue(
        loaded.log().stream()
            .anyMatch(
                l ->
                    l.startsWith("validate")
                        && l.contains(CONTACT)
                        && l.contains("scope 2024-06 submitters [A01]")),
        "contacts revalidated for A01 only:\n" + String.join("\n", loaded.log()));
    // C4 (line 3) belonged to R3, which A01 no longer submits; C5 (line 4) stays quarantined.
    Answers.assertRows(
        w.read(Table.QUARANTINE)
            .where("period = '2024-06' AND submitter = 'A01'")
            .selectExpr(
                "source_table", "source_file", "line", "field", "rule", "value", "all_rules")
            .orderBy("line"),
        List.of(
            List.of(
                CONTACT,
                A01_JUNE_CONTACTS,
                3L,
                "OrgID_Provider+ServiceRequestID -> " + REFERRAL,
                "reference",
                "A01|R3",
                "reference"),
            List.of(
                CONTACT, A01_JUNE_CONTACTS, 4L, "AttendanceStatus", "code_list", "X", "code_list")),
        0);
    Answers.assertRows(
        w.read(SILVER_CONTACT)
            .where("_period = '2024-06'")
            .selectExpr("OrgID_Provider", "CareContactID")
            .orderBy("OrgID_Provider", "CareContactID"),
        List.of(List.of("A01", "C3"), List.of("A02", "C3"), List.of("A02", "C4")),
        0);
    Answers.assertRows(
        w.read(Table.LOADED_FILES)
            .where("period = '2024-06' AND source_table = '" + CONTACT + "'")
            .selectExpr("source_file", "rows_read", "rows_accepted", "rows_quarantined")
            .orderBy("source_file"),
        List.of(List.of(A01_JUNE_CONTACTS, 3L, 1L, 2L), List.of(A02_JUNE_CONTACTS, 3L, 2L, 1L)),
        0);
    // A02's June silver contacts are bit-identical.
    String a02June = "_period = '2024-06' AND OrgID_Provider = 'A02'";
    assertSameRows(
        before(SILVER_CONTACT).where(a02June),
        w.read(SILVER_CONTACT).where(a02June),
        2,
        "A02 silver");
  }

  @Test
  void aNewOptionalColumnInTheSchemaEvolvesSilverWithNullsInOldRows() {
    Copy c = copyOfBaseline();
    Warehouse w = c.warehouse();
    Path schemas = copyOfBundledSchemas();
    edit(
        schemas.resolve("csds/CYP201CareContact.yaml"),
        "codes: attend_or_dna, description: \"Attended or did not attend code\"}",
        "codes: attend_or_dna, description: \"Attended or did not attend code\"}\n"
            + "  - {name: Contact_Location, type: string, description: \"Where the contact was\"}");
    SchemaCatalog evolved = SchemaCatalog.load(schemas);
    land(
        c.landing(),
        A01_JUNE_CONTACTS,
        CONTACT_HEADER + ",Contact_Location",
        "A01,C3,R1,T1,2024-06-03,,30,01,5,Home",
        "A01,C4,R3,T1,2024-06-12,,40,01,5,Clinic",
        "A01,C5,R1,T1,2024-06-14,,20,01,X,Home");
    LandingLoads.load(w, evolved, c.landing(), JUNE);

    Dataset<Row> silver = w.read(SILVER_CONTACT);
    assertEquals(DataTypes.StringType, silver.schema().apply("Contact_Location").dataType());
    // June A01 from the new file; June A02 (file without the column) and all of May, loaded
    // before the column existed, are null.
    Answers.assertRows(
        silver
            .selectExpr("_period", "OrgID_Provider", "CareContactID", "Contact_Location")
            .orderBy("_period", "OrgID_Provider", "CareContactID"),
        List.of(
            Arrays.asList("2024-05", "A01", "C1", null),
            Arrays.asList("2024-05", "A01", "C2", null),
            Arrays.asList("2024-05", "A02", "C1", null),
            Arrays.asList("2024-06", "A01", "C3", "Home"),
            Arrays.asList("2024-06", "A01", "C4", "Clinic"),
            Arrays.asList("2024-06", "A02", "C3", null),
            Arrays.asList("2024-06", "A02", "C4", null)),
        0);
    assertEquals(
        DataTypes.StringType, w.read(BRONZE_CONTACT).schema().apply("Contact_Location").dataType());
  }

  @Test
  void changingAColumnsTypeFailsNamingTheTableAndColumn() {
    Copy c = copyOfBaseline();
    Warehouse w = c.warehouse();
    long silverBefore = w.version(SILVER_CONTACT);
    Path schemas = copyOfBundledSchemas();
    edit(
        schemas.resolve("csds/CYP201CareContact.yaml"),
        "{name: CareContact_Duration, type: integer,",
        "{name: CareContact_Duration, type: decimal,");
    SchemaCatalog changed = SchemaCatalog.load(schemas);

    SchemaChangeException e =
        assertThrows(
            SchemaChangeException.class, () -> LandingLoads.load(w, changed, c.landing(), JUNE));
    assertTrue(e.getMessage().startsWith(SILVER_CONTACT + " at "), e.getMessage());
    assertTrue(
        e.getMessage().contains("CareContact_Duration is int in the table but decimal(18,4) now"),
        e.getMessage());
    assertEquals(silverBefore, w.version(SILVER_CONTACT), "silver is left as it was");
  }

  // ---- helpers

  private static void land(Path landing, String relative, String header, String... rows) {
    Path file = landing.resolve(relative);
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(List.of(rows));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled {@code schemas/landing} copied into a folder that a test may edit. */
  private static Path copyOfBundledSchemas() {
    Path dir = SharedSpark.newFolder("schemas-");
    String prefix = "schemas/landing/";
    for (String file : BundledResources.list("schemas/landing")) {
      Path target = dir.resolve(file.substring(prefix.length()));
      try (InputStream in = BundledResources.open(file)) {
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static void edit(Path file, String from, String to) {
    try {
      String text = Files.readString(file);
      assertTrue(text.contains(from), file + " no longer contains " + from);
      Files.writeString(file, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Delta version of every table a load writes, by name. */
  private static Map<String, Long> versions(Warehouse w) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (Table t : WRITTEN_BY_A_LOAD) {
      long v = w.version(t);
      assertTrue(v >= 0, t + " exists");
      versions.put(t.toString(), v);
    }
    return versions;
  }

  /** A table as it was before the test: the baseline, of which the test's warehouse is a copy. */
  private static Dataset<Row> before(Table table) {
    return baseline.read(table);
  }

  /**
   * Asserts that two row sets are equal as multisets, every column compared (except() cannot
   * compare maps, so a map column such as bronze's _extra is compared as its JSON text).
   */
  private static void assertSameRows(
      Dataset<Row> before, Dataset<Row> after, long expectedRows, String what) {
    Column[] sameOrder =
        Arrays.stream(before.columns()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
    Dataset<Row> b = comparable(before);
    Dataset<Row> a = comparable(after.select(sameOrder));
    List<Row> differences =
        b.exceptAll(a)
            .withColumn("_difference", lit("gone or changed"))
            .unionByName(a.exceptAll(b).withColumn("_difference", lit("new or changed")))
            .collectAsList();
    assertEquals(List.of(), differences, what + ": rows that differ between before and after");
    assertEquals(expectedRows, a.count(), what + ": rows compared");
  }

  private static Dataset<Row> comparable(Dataset<Row> rows) {
    return rows.select(
        Arrays.stream(rows.schema().fields())
            .map(
                f ->
                    f.dataType() instanceof MapType
                        ? to_json(col("`" + f.name() + "`")).as(f.name())
                        : col("`" + f.name() + "`"))
            .toArray(Column[]::new));
  }

  /** The data files (partition folder/file name) that hold {@code rows}. */
  private static Set<String> dataFiles(Dataset<Row> rows) {
    Set<String> files = new TreeSet<>();
    rows.select(input_file_name()).distinct().collectAsList().stream()
        .map(r -> Path.of(URI.create(r.getString(0)).getPath()))
        .forEach(p -> files.add(p.getParent().getFileName() + "/" + p.getFileName()));
    return files;
  }

  /** The data files a commit removed, from its entry in the Delta log. */
  private static Set<String> removedFiles(Warehouse w, Table table, long version) {
    Path commit = w.path(table).resolve("_delta_log").resolve(String.format("%020d.json", version));
    Set<String> removed = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    try {
      for (String line : Files.readAllLines(commit)) {
        JsonNode action = json.readTree(line);
        if (action.has("remove")) {
          removed.add(URI.create(action.get("remove").get("path").asText()).getPath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return removed;
  }

  private static Map<String, String> lastCommitMetrics(Warehouse w, Table table) {
    return DeltaTable.forPath(w.spark(), w.path(table).toString())
        .history(1)
        .select("operationMetrics")
        .head()
        .getJavaMap(0);
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** Rows per landed file of a period, by file. */
  private static List<List<Object>> fileRowCounts(Dataset<Row> rows, String period) {
    List<List<Object>> counts = new ArrayList<>();
    rows.where("_period = '" + period + "'")
        .groupBy("_source_file")
        .count()
        .orderBy("_source_file")
        .collectAsList()
        .forEach(r -> counts.add(List.of(r.getString(0), r.getLong(1))));
    return counts;
  }

  /** "stage table status" of the log lines about csds tables. */
  /**
   * The CSDS tables' log lines as "stage table status", in stage order; tables of one stage are
   * worked side by side, so their lines are sorted by table.
   */
  private static List<String> csdsLogLines(List<String> log) {
    List<String> lines = new ArrayList<>();
    for (String line : log) {
      String[] words = line.trim().split("\\s+");
      if (words.length > 2 && words[1].startsWith("csds/")) {
        lines.add(words[0] + " " + words[1] + " " + words[2]);
      }
    }
    List<String> stages = lines.stream().map(l -> l.split(" ")[0]).distinct().toList();
    lines.sort(
        java.util.Comparator.comparing((String l) -> stages.indexOf(l.split(" ")[0]))
            .thenComparing(l -> l));
    return lines;
  }
}
