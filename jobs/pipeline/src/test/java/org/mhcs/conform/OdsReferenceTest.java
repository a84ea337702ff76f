package org.mhcs.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.BronzeIngest;
import org.mhcs.ingest.LandingCsv;
import org.mhcs.ingest.LandingFileException;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.ingest.ReloadScope;
import org.mhcs.ops.LoadedFiles;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.silver.FileCounts;
import org.mhcs.silver.SilverStage;
import org.mhcs.silver.SilverTables;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * The real ODS trust extracts (Open Government Licence, copied from shared/reference/ods into test
 * resources) land as published and date the organisation hierarchy.
 *
 * <p>Worked out from the files (Python's csv module, the '$' file split by hand):
 *
 * <ul>
 *   <li>etr-2026-01.csv: 273 lines, 273 distinct codes, all 27 fields, every open date 8 digits;
 *       etr-2026-07.csv: 274 lines, the same 273 codes and K0N6A (opened 20260601); 86 of the 273
 *       show another ICB, name or close date in July, 187 are the same; etr-2017-11-reshaped.csv:
 *       240 lines less its header = 239 trusts, every one still listed (mostly closed) in 2026,
 *       none with the same region, ICB and close date as in January 2026 (regions were renumbered
 *       in 2019, ICBs replaced the commissioning areas in 2022). Nothing is quarantined.
 *   <li>Validity periods: 239 from 2017-11-01 to 2026-01-01; 187 from 2026-01-01, open-ended; 86 ×
 *       2 split at 2026-07-01; K0N6A from 2026-07-01: 239 + 187 + 172 + 1 = 599 rows.
 *   <li>G6V2S NORTH LONDON NHS FOUNDATION TRUST (opened 20241101, not in 2017): Y56 / QMJ in
 *       January, Y56 / Z9B2Z in July (the April 2026 London ICB merger).
 *   <li>RGQ IPSWICH HOSPITAL NHS TRUST (merged into East Suffolk and North Essex, closed 20180630):
 *       2017 row Y55 / Q79, no close date; January Y61 / QJG closed 2018-06-30; July Y61 / T6Y0W
 *       (the ODS moves closed trusts with their ICB).
 *   <li>R0A MANCHESTER UNIVERSITY NHS FOUNDATION TRUST: 2017 Y54 / Q83; January and July both Y62 /
 *       QOP, so one open-ended period from 2026-01-01.
 * </ul>
 */
class OdsReferenceTest {
  private static final Path ODS = GoldenRuns.resource("/reference/ods");
  private static final String JANUARY = "etr-2026-01.csv";
  private static final String JULY = "etr-2026-07.csv";
  private static final String RESHAPED = "etr-2017-11-reshaped.csv";

  private static final Date NOV_2017 = Date.valueOf("2017-11-01");
  private static final Date JAN_2026 = Date.valueOf("2026-01-01");
  private static final Date JUL_2026 = Date.valueOf("2026-07-01");

  private static Warehouse warehouse;
  private static List<FileCounts> files;
  private static Dataset<Row> hierarchy;

  @BeforeAll
  static void landTheThreeExtracts() throws IOException {
    Path landing = SharedSpark.newFolder("ods-landing-");
    copy(JANUARY, landing.resolve("ref/organisations"));
    copy(JULY, landing.resolve("ref/organisations"));
    copy(RESHAPED, landing.resolve("ref/organisations_reshaped"));
    warehouse = GoldenRuns.newWarehouse();
    SchemaCatalog schemas = SchemaCatalog.bundled();
    Period period = Period.parse("2026-08");
    RunLog log = new RunLog("ods-test", period.toString(), System.out::println);
    BronzeIngest ingest =
        new BronzeIngest(
            warehouse,
            new LandingFolder(landing),
            Pseudonymiser.withKey(GoldenRuns.KEY),
            new LoadedFiles(warehouse),
            log.runId());
    // Only reference tables are landed, which a monthly run refuses; bronze and silver are
    // driven directly.
    Map<String, ReloadScope> scopes = new LinkedHashMap<>();
    for (String table : List.of("organisations", "organisations_reshaped")) {
      LandingTableSpec spec = schemas.table("ref", table);
      scopes.put(spec.id(), ingest.load(ingest.check(spec, period)).scope());
    }
    files =
        new SilverStage(warehouse, schemas, CodeLists.bundled(), 100, log, 1)
            .execute(period, scopes, Map.of());
    SilverTables silver = new SilverTables(warehouse, schemas);
    hierarchy =
        OrganisationHierarchy.transform(
                List.of(
                    silver.of("ref", "organisations", PeriodType.NO_PERIOD).orElseThrow(),
                    silver.of("ref", "organisations_reshaped", PeriodType.NO_PERIOD).orElseThrow()),
                Optional.empty())
            .cache();
  }

  private static void copy(String name, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.copy(ODS.resolve(name), folder.resolve(name));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values); // keeps nulls, unlike List.of
  }

  @Test
  void everyRecordOfEachExtractIsReadAndAcceptedOrQuarantined() {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (FileCounts f : files) {
      counts.put(f.file(), new long[] {f.read(), f.accepted(), f.quarantined()});
      assertEquals(f.read(), f.accepted() + f.quarantined(), f.file());
    }
    assertEquals(3, counts.size(), counts.keySet().toString());
    assertEquals(List.of(273L, 273L, 0L), boxed(counts.get("ref/organisations/" + JANUARY)));
    assertEquals(List.of(274L, 274L, 0L), boxed(counts.get("ref/organisations/" + JULY)));
    assertEquals(
        List.of(239L, 239L, 0L), boxed(counts.get("ref/organisations_reshaped/" + RESHAPED)));
  }

  private static List<Long> boxed(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  @Test
  void consecutiveSnapshotsWithTheSameAttributesCollapseIntoOnePeriod() {
    assertEquals(599, hierarchy.count());
    Answers.assertRows(
        periodsOf("G6V2S", "R0A", "RGQ", "K0N6A"),
        List.of(
            row("G6V2S", "Y56", "QMJ", Date.valueOf("2024-11-01"), null, JAN_2026, JUL_2026),
            row("G6V2S", "Y56", "Z9B2Z", Date.valueOf("2024-11-01"), null, JUL_2026, null),
            row("K0N6A", "Y56", "QKK", Date.valueOf("2026-06-01"), null, JUL_2026, null),
            row("R0A", "Y54", "Q83", Date.valueOf("2017-10-01"), null, NOV_2017, JAN_2026),
            row("R0A", "Y62", "QOP", Date.valueOf("2017-10-01"), null, JAN_2026, null),
            // Merged in 2018: its 2017 row stays, ended by the first later snapshot.
            row("RGQ", "Y55", "Q79", Date.valueOf("1993-04-01"), null, NOV_2017, JAN_2026),
            row(
                "RGQ",
                "Y61",
                "QJG",
                Date.valueOf("1993-04-01"),
                Date.valueOf("2018-06-30"),
                JAN_2026,
                JUL_2026),
            row(
                "RGQ",
                "Y61",
                "T6Y0W",
                Date.valueOf("1993-04-01"),
                Date.valueOf("2018-06-30"),
                JUL_2026,
                null)),
        0);
  }

  private static Dataset<Row> periodsOf(String... codes) {
    return hierarchy
        .where(org.apache.spark.sql.functions.col(Columns.ORG_CODE).isin((Object[]) codes))
        .select(
            Columns.ORG_CODE,
            Columns.REGION,
            Columns.ICB,
            Columns.OPEN_DATE,
            Columns.CLOSE_DATE,
            Columns.VALID_FROM,
            Columns.VALID_TO)
        .orderBy(Columns.ORG_CODE, Columns.VALID_FROM);
  }

  @Test
  void aPeriodReadsTheHierarchyInForceOnItsFirstDay() {
    // February 2026: the January snapshot; K0N6A is not in it. August 2026: the July snapshot.
    Answers.assertRows(
        inForce(Period.parse("2026-02")),
        List.of(row("G6V2S", "Y56", "QMJ"), row("R0A", "Y62", "QOP"), row("RGQ", "Y61", "QJG")),
        0);
    Answers.assertRows(
        inForce(Period.parse("2026-08")),
        List.of(
            row("G6V2S", "Y56", "Z9B2Z"),
            row("K0N6A", "Y56", "QKK"),
            row("R0A", "Y62", "QOP"),
            row("RGQ", "Y61", "T6Y0W")),
        0);
    // March 2018, before Ipswich merged: the 2017 extract's region and commissioning area.
    Answers.assertRows(
        inForce(Period.parse("2018-03")),
        List.of(row("R0A", "Y54", "Q83"), row("RGQ", "Y55", "Q79")),
        0);
    // Before the first snapshot nothing is in force: the extracts say nothing about then.
    assertEquals(0, OrganisationHierarchy.asOf(hierarchy, Period.parse("2017-10")).count());
    // Every organisation of a snapshot has exactly one row in force (273 in February, 274 in
    // August, the 239 of the 2017 file in 2018).
    assertEquals(273, OrganisationHierarchy.asOf(hierarchy, Period.parse("2026-02")).count());
    assertEquals(274, OrganisationHierarchy.asOf(hierarchy, Period.parse("2026-08")).count());
    assertEquals(239, OrganisationHierarchy.asOf(hierarchy, Period.parse("2018-03")).count());
  }

  private static Dataset<Row> inForce(Period period) {
    return OrganisationHierarchy.asOf(hierarchy, period)
        .where(
            org.apache
                .spark
                .sql
                .functions
                .col(Columns.ORG_CODE)
                .isin("G6V2S", "R0A", "RGQ", "K0N6A"))
        .select(Columns.ORG_CODE, Columns.REGION, Columns.ICB)
        .orderBy(Columns.ORG_CODE);
  }

  @Test
  void factsJoinTheRowInForceOnTheirOwnDay() {
    StructType schema =
        new StructType().add("provider", DataTypes.StringType).add("day", DataTypes.DateType);
    Dataset<Row> facts =
        warehouse
            .spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("G6V2S", Date.valueOf("2026-02-01")),
                    RowFactory.create("G6V2S", Date.valueOf("2026-08-01")),
                    RowFactory.create("K0N6A", Date.valueOf("2026-02-01")),
                    RowFactory.create("NOPE1", Date.valueOf("2026-08-01"))),
                schema);
    Answers.assertRows(
        OrganisationHierarchy.attach(facts, facts.col("provider"), facts.col("day"), hierarchy)
            .select("provider", "day", Columns.ICB)
            .orderBy("provider", "day"),
        List.of(
            row("G6V2S", Date.valueOf("2026-02-01"), "QMJ"),
            row("G6V2S", Date.valueOf("2026-08-01"), "Z9B2Z"),
            row("K0N6A", Date.valueOf("2026-02-01"), null),
            row("NOPE1", Date.valueOf("2026-08-01"), null)),
        0);
  }

  @Test
  void theReshapedFileLandedAsThePublishedLayoutIsRefusedNamingLineFieldAndDelimiter()
      throws IOException {
    Path folder = SharedSpark.newFolder("ods-wrong-layout-").resolve("ref/organisations");
    copy(RESHAPED, folder);
    LandingTableSpec spec = SchemaCatalog.bundled().table("ref", "organisations");
    LandingFileException e =
        assertThrows(
            LandingFileException.class,
            () -> LandingCsv.open(folder.resolve(RESHAPED), RESHAPED, spec, "k"));
    assertTrue(
        e.getMessage()
            .contains(
                "line 1 has 1 field(s), so it lacks [Org_Name (field 2), Region (field 3),"
                    + " ICB_Code (field 4), Open_Date (field 11), Close_Date (field 12)];"
                    + " it looks delimited by '$'"),
        e.getMessage());
  }

  @Test
  void anExtractWhoseNameCarriesNoMonthIsRefusedAsUndatable() throws IOException {
    Path folder = SharedSpark.newFolder("ods-undated-").resolve("ref/organisations");
    Files.createDirectories(folder);
    Path undated = Files.copy(ODS.resolve(JANUARY), folder.resolve("organisations.csv"));
    LandingTableSpec spec = SchemaCatalog.bundled().table("ref", "organisations");
    LandingFileException e =
        assertThrows(LandingFileException.class, () -> LandingCsv.open(undated, "x", spec, "k"));
    assertTrue(
        e.getMessage()
            .contains(
                "cannot be dated: schemas/landing/ref/organisations.yaml takes Snapshot_Date"
                    + " from the file's name, which must start etr-YYYY-MM"),
        e.getMessage());
    // A month that does not exist is no date either.
    Path month13 = Files.copy(ODS.resolve(JANUARY), folder.resolve("etr-2026-13.csv"));
    assertThrows(LandingFileException.class, () -> LandingCsv.open(month13, "x", spec, "k"));
  }

  @Test
  void theSnapshotDateIsTheFirstDayOfTheMonthTheNameCarries() {
    LandingTableSpec spec = SchemaCatalog.bundled().table("ref", "organisations_reshaped");
    String[] values = LandingCsv.fileNameValues(Path.of("x/" + RESHAPED), spec);
    assertEquals(
        "2017-11-01", values[spec.columnNames().indexOf("Snapshot_Date")], Arrays.toString(values));
  }
}
