package org.mhcs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.spark.Sessions;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * The bad-input corpus of {@code src/test/resources/bad-input/}: each case folder holds landing
 * files and a {@code case.properties} saying what they must produce, worked out by hand. Row-level
 * cases land together on the {@code base} landing in one load (each case its own submitter and
 * files, in folders whose paths have spaces) and are asserted file by file: the exact quarantine
 * rows, and reconciliation with the rows read counted twice, by hand in the properties and by a
 * plain quote-aware line count here. File-level cases each stop a load before any row is written in
 * this JVM; {@link BadInputChildJvmIT} runs them through {@code ./mhcs run} in a child JVM, and
 * streams the 1 GiB case in a child JVM with a 64 MiB heap.
 */
@Order(Scheduling.SLOW_ON_ITS_OWN)
class BadInputCorpusTest {
  private static final Period JUNE = Period.parse("2024-06");
  private static final SchemaCatalog SCHEMAS = SchemaCatalog.bundled();
  private static final String CONTACTS = "csds/CYP201CareContact";
  static final List<BadInputCase> CASES = BadInputCase.all(GoldenRuns.resource("/bad-input"));

  private static Path landing;
  private static Warehouse warehouse;
  private static LandingLoads.Loaded loaded;

  @BeforeAll
  static void landEveryRowLevelCaseTogether() {
    SharedSpark.session();
    landing = SharedSpark.newFolder("bad input landing ");
    for (BadInputCase c : CASES) {
      if (c.name().equals("base") || c.kind().equals("rows")) {
        c.landOn(landing);
      }
    }
    // -Dmhcs.badinput.warehouse=DIR keeps the corpus's warehouse there, so a change to the
    // pipeline can be compared with WarehouseComparison against one built before it.
    String kept = System.getProperty("mhcs.badinput.warehouse");
    Path dir = kept == null ? SharedSpark.newFolder("bad input warehouse ") : Path.of(kept);
    warehouse =
        new Warehouse(
            Sessions.forWarehouse(dir, Settings.load(Map.of("spark.shuffle_partitions", "2"))),
            dir);
    loaded = LandingLoads.load(warehouse, SCHEMAS, landing, JUNE);
  }

  static Stream<BadInputCase> cases(String kind) {
    return CASES.stream()
        .filter(c -> c.name().equals("base") ? kind.equals("rows") : c.kind().equals(kind));
  }

  @TestFactory
  Stream<DynamicTest> rowLevelCasesQuarantineExactlyTheirRowsAndReconcile() {
    return cases("rows").map(c -> DynamicTest.dynamicTest(c.name(), () -> assertRowCase(c)));
  }

  private static void assertRowCase(BadInputCase c) {
    List<String> files = new ArrayList<>();
    c.numbered("reconcile").forEach(r -> files.add(r.get(0)));
    c.numbered("quarantine").forEach(q -> files.add(q.get(0)));
    // Quarantine: exactly the declared rows for the case's files, in file and line order.
    List<List<String>> quarantined = new ArrayList<>();
    if (!files.isEmpty()) {
      for (Row r :
          warehouse
              .read(Table.QUARANTINE)
              .where(org.apache.spark.sql.functions.col("source_file").isin(files.toArray()))
              .selectExpr(
                  "source_file", "cast(line as string)", "field", "rule", "value", "all_rules")
              .orderBy("source_file", "line")
              .collectAsList()) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
          row.add(r.isNullAt(i) ? "(null)" : r.getString(i));
        }
        quarantined.add(row);
      }
    }
    assertEquals(c.numbered("quarantine"), quarantined, c.name() + ": quarantine rows");
    // Reconciliation of every file of the case: read (declared by hand, and counted again here
    // with a plain quote-aware line count) = accepted (rows in silver) + quarantined (rows above).
    Map<String, FileCounts> counts = new LinkedHashMap<>();
    loaded.files().forEach(f -> counts.put(f.file(), f));
    for (List<String> r : c.numbered("reconcile")) {
      String file = r.get(0);
      long read = Long.parseLong(r.get(1));
      long accepted = Long.parseLong(r.get(2));
      long quarantinedRows = Long.parseLong(r.get(3));
      assertEquals(read, BadInputCase.records(landing.resolve(file)), file + ": records counted");
      assertEquals(read, accepted + quarantinedRows, file + ": the declaration itself");
      FileCounts f = counts.get(file);
      assertEquals(
          List.of(read, accepted, quarantinedRows),
          f == null ? null : List.of(f.read(), f.accepted(), f.quarantined()),
          file + ": reconciliation");
      // A landing path starts <source>/<table>/ (reference tables have no period folder).
      String[] path = file.split("/");
      Table silver = Table.silver(SCHEMAS.table(path[0], path[1]).warehouseName());
      assertEquals(
          accepted,
          warehouse.read(silver).where("_source_file = '" + file + "'").count(),
          file + ": silver rows");
      assertEquals(
          quarantinedRows,
          warehouse.read(Table.QUARANTINE).where("source_file = '" + file + "'").count(),
          file + ": quarantine rows");
    }
    for (List<String> s : c.numbered("silver")) {
      // silver.N = [source/table | ]key values joined by | | column | value; a contact if no table.
      List<String> given = s.size() == 4 ? s : List.of(CONTACTS, s.get(0), s.get(1), s.get(2));
      LandingTableSpec spec = SCHEMAS.table(given.get(0));
      String[] values = given.get(1).split("\\|");
      Column where = functions.lit(true);
      for (int i = 0; i < spec.key().size(); i++) {
        where = where.and(functions.col(spec.key().get(i)).equalTo(values[i]));
      }
      List<Row> rows =
          warehouse
              .read(Table.silver(spec.warehouseName()))
              .where(where)
              .selectExpr("cast(`" + given.get(2) + "` as string)")
              .collectAsList();
      assertEquals(1, rows.size(), c.name() + ": one silver row for " + s);
      assertEquals(given.get(3), rows.get(0).getString(0), c.name() + ": silver " + s);
    }
    // Values that must be nowhere: no table (bronze included, maps as JSON) and no run-log line.
    for (List<String> a : c.numbered("absent")) {
      String value = a.get(0);
      for (Table table : warehouse.tables()) {
        Dataset<Row> rows = warehouse.read(table).select(to_json(struct(col("*"))).as("row"));
        long found = rows.where(col("row").contains(value)).count();
        assertEquals(0, found, c.name() + ": " + value + " in " + table);
      }
      assertTrue(
          loaded.log().stream().noneMatch(line -> line.contains(value)),
          c.name() + ": " + value + " in the run log");
    }
    for (List<String> l : c.numbered("log")) {
      String wanted = l.get(0).replace("{landing}", landing.toString());
      assertTrue(
          loaded.log().stream().anyMatch(line -> line.contains(wanted)),
          c.name() + ": run log should say " + wanted + "\n" + String.join("\n", loaded.log()));
    }
  }

  @Test
  void noRowOfTheRowLevelLandingIsLost() {
    // Every CSV file landed: records counted here = read in reconciliation, and read = accepted +
    // quarantined for each; the header-only file has no records and so no reconciliation row.
    long counted = 0;
    try (Stream<Path> files = Files.walk(landing)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        counted += BadInputCase.records(f);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long read = loaded.files().stream().mapToLong(FileCounts::read).sum();
    long accepted = loaded.files().stream().mapToLong(FileCounts::accepted).sum();
    long quarantined = loaded.files().stream().mapToLong(FileCounts::quarantined).sum();
    assertEquals(counted, read);
    assertEquals(read, accepted + quarantined);
    assertEquals(quarantined, warehouse.read(Table.QUARANTINE).count());
    System.out.printf(
        "bad-input row-level landing: read %d, accepted %d, quarantined %d, lost %d%n",
        read, accepted, quarantined, counted - accepted - quarantined);
  }

  @TestFactory
  Stream<DynamicTest> fileLevelCasesStopTheLoadNamingFileLineAndFix() {
    return cases("file-error")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Path caseLanding = caseLanding(c);
                      SchemaCatalog schemas =
                          c.get("schemas") == null
                              ? SchemaCatalog.bundled()
                              : SchemaCatalog.load(c.folder().resolve(c.get("schemas")));
                      Warehouse w = GoldenRuns.newWarehouse();
                      LandingFileException e =
                          assertThrows(
                              LandingFileException.class,
                              () -> LandingLoads.load(w, schemas, caseLanding, JUNE));
                      assertMessage(c, caseLanding, e.getMessage());
                      assertFalse(
                          w.exists(Table.QUARANTINE) || w.exists(Table.LOADED_FILES),
                          "nothing validated");
                    }));
  }

  static Path caseLanding(BadInputCase c) {
    Path caseLanding = SharedSpark.newFolder(c.name() + " landing ");
    CASES.stream().filter(b -> b.name().equals("base")).forEach(b -> b.landOn(caseLanding));
    c.landOn(caseLanding);
    return caseLanding;
  }

  static void assertMessage(BadInputCase c, Path caseLanding, String message) {
    String problem =
        caseLanding.resolve(c.get("error.file"))
            + ": "
            + c.placed(c.get("error.problem"), caseLanding);
    assertTrue(
        message.startsWith(problem), c.name() + "\nwanted: " + problem + "\ngot:    " + message);
    assertTrue(
        message.contains(c.placed(c.get("error.fix"), caseLanding)), c.name() + ": " + message);
    assertNothingQuoted(c, message);
  }

  /**
   * The case's {@code absent.N} values (clear identifiers in its files) are not in {@code text}.
   */
  static void assertNothingQuoted(BadInputCase c, String text) {
    for (List<String> a : c.numbered("absent")) {
      assertFalse(text.contains(a.get(0)), c.name() + ": quotes " + a.get(0) + "\n" + text);
    }
  }

  /**
   * Special entries (cases of kind {@code entries}): each {@code make.N} lands alone on the base
   * landing and must give {@code expect.N}: {@code warning | run log text} with the base loaded and
   * the entry's rows never read, {@code read | file rows} with the entry read as that file, or
   * {@code error | problem | fix} stopping the load. An entry that was opened could hang (a named
   * pipe waits for a writer): each load has two minutes.
   */
  @TestFactory
  Stream<DynamicTest> specialEntriesAreNamedAndNeverOpened() {
    return cases("entries")
        .flatMap(
            c -> {
              List<List<String>> made = c.numbered("make");
              List<List<String>> expected = c.numbered("expect");
              assertEquals(made.size(), expected.size(), c.name() + ": one expect.N per make.N");
              return java.util.stream.IntStream.range(0, made.size())
                  .mapToObj(
                      i ->
                          DynamicTest.dynamicTest(
                              c.name() + " " + made.get(i).get(0),
                              () ->
                                  assertTimeoutPreemptively(
                                      java.time.Duration.ofMinutes(2),
                                      () -> assertEntry(c, made.get(i), expected.get(i)))));
            });
  }

  private static void assertEntry(BadInputCase c, List<String> made, List<String> expected) {
    Path entryLanding = SharedSpark.newFolder(c.name() + " " + made.get(0) + " landing ");
    CASES.stream().filter(b -> b.name().equals("base")).forEach(b -> b.landOn(entryLanding));
    c.make(entryLanding, made);
    Path entry = entryLanding.resolve(made.get(1));
    Warehouse w = GoldenRuns.newWarehouse();
    SchemaCatalog schemas = SchemaCatalog.bundled();
    if (expected.get(0).equals("error")) {
      LandingFileException e =
          assertThrows(
              LandingFileException.class, () -> LandingLoads.load(w, schemas, entryLanding, JUNE));
      String problem = entry + ": " + c.placed(expected.get(1), entryLanding);
      assertTrue(
          e.getMessage().startsWith(problem),
          c.name() + "\nwanted: " + problem + "\ngot:    " + e.getMessage());
      assertTrue(
          e.getMessage().contains(c.placed(expected.get(2), entryLanding)),
          c.name() + ": " + e.getMessage());
      assertFalse(w.exists(Table.QUARANTINE) || w.exists(Table.LOADED_FILES), "nothing validated");
      return;
    }
    LandingLoads.Loaded load = LandingLoads.load(w, schemas, entryLanding, JUNE);
    // The base's files as base/case.properties reconciles them, and for a followed link the link
    // as its own file.
    List<String> read = new ArrayList<>();
    CASES.stream()
        .filter(b -> b.name().equals("base"))
        .forEach(b -> b.numbered("reconcile").forEach(r -> read.add(r.get(0) + " " + r.get(1))));
    if (expected.get(0).equals("read")) {
      read.add(expected.get(1));
    } else {
      String wanted = c.placed(expected.get(1), entryLanding);
      assertTrue(
          load.log().stream().anyMatch(line -> line.contains(wanted)),
          c.name() + ": run log should say " + wanted + "\n" + String.join("\n", load.log()));
    }
    assertEquals(
        read.stream().sorted().toList(),
        load.files().stream().map(f -> f.file() + " " + f.read()).sorted().toList());
  }
}
