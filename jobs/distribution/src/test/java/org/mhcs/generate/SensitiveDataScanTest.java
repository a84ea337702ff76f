package org.mhcs.generate;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.to_date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Layer;
import org.mhcs.schema.Sensitivity;
import org.mhcs.schema.Table;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Hmac;
import org.mhcs.testing.IdentifierScan;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * No clear identifier, birth date or hash key from the demo landing reaches anything the pipeline
 * writes: every bronze, silver, gold and ops table of the shared generated month ({@link
 * GeneratedMonthRun}), the Delta logs beside them, the report site, every notebook page, CSV
 * exports of every gold and ops table and xlsx exports of two, and the run log.
 *
 * <p>What is looked for is taken from the landing files, not from the generator: every value of
 * every column the schemas declare sensitive, the unkeyed SHA-256 of each identifier (an unkeyed
 * hash is reversed by hashing every candidate) and the key itself. Everything scanned is cut into
 * tokens at characters other than letters, digits and {@code -}, so an identifier inside a longer
 * text (a message, a JSON map, a file path) is found too. Cost: one pass over the landing files on
 * the driver, one Spark job over every table (a broadcast join, nothing collected but the
 * findings), a report, every notebook and an export of each gold and ops table.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
@Order(Scheduling.READS_DEMO_MONTH)
class SensitiveDataScanTest {
  private static final Pattern TOKEN_BREAK = IdentifierScan.TOKEN_BREAK;
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String BIRTH_DATE = "PersonBirthDate";
  private static final String HASH_KEY = "hash key";

  /** Each value looked for, with what it is: the landing column's name, sha256(column) or key. */
  private static Map<String, String> forbidden;

  /** Per sensitive landing column ({@code source/table.column}): rows holding a value. */
  private static Map<String, Long> rowsWithValue;

  /** Birth dates left out because a non-sensitive landing column holds the same date. */
  private static int birthDatesAlsoEventDates;

  private static int distinctBirthDates;

  @BeforeAll
  static void collectWhatMustNotLeak() {
    long start = System.nanoTime();
    Path landing = LandingFixture.demo().landingDir();
    Map<String, String> values = new HashMap<>();
    Map<String, Long> counts = new TreeMap<>();
    Set<String> birthDates = new HashSet<>();
    Set<String> otherDates = new HashSet<>();
    for (LandingTableSpec spec : LandingFixture.SCHEMAS.tables()) {
      if (!Files.isDirectory(LandingFixture.folder(landing, spec.source(), spec.table()))) {
        // The one table the generator does not write: a third party's reshaping of an old extract.
        assertEquals("ref/organisations_reshaped", spec.id());
        continue;
      }
      List<ColumnSpec> columns = spec.columns();
      for (ColumnSpec c : columns) {
        if (c.sensitivity() != Sensitivity.NONE) {
          counts.put(spec.id() + "." + c.name(), 0L);
        }
      }
      LandingFixture.forEachRow(
          landing,
          spec.source(),
          spec.table(),
          row -> {
            for (ColumnSpec c : columns) {
              if (!row.positions().containsKey(c.name())) {
                continue;
              }
              String value = row.get(c.name()).trim();
              if (value.isEmpty()) {
                continue;
              }
              if (c.sensitivity() == Sensitivity.NONE) {
                // As the warehouse holds it: an ODS open date 20010401 is read as 2001-04-01.
                for (String token : TOKEN_BREAK.split(c.normalisation().apply(value))) {
                  if (ISO_DATE.matcher(token).matches()) {
                    otherDates.add(token);
                  }
                }
              } else {
                counts.merge(spec.id() + "." + c.name(), 1L, Long::sum);
                if (c.sensitivity() == Sensitivity.AGE_BAND) {
                  birthDates.add(value);
                } else {
                  values.put(value, c.name());
                }
              }
            }
          });
    }
    Map<String, String> all = new HashMap<>();
    values.forEach(
        (value, column) -> {
          all.put(value, column);
          all.put(sha256(value), "sha256(" + column + ")");
        });
    // A birth date can be an event date too (a referral on someone's birthday, a stay starting on
    // the day a patient was born, the day an organisation opened): such a date in the output says
    // nothing about anyone's birth,
    // so it is not looked for.
    distinctBirthDates = birthDates.size();
    birthDates.removeIf(otherDates::contains);
    birthDatesAlsoEventDates = distinctBirthDates - birthDates.size();
    birthDates.forEach(d -> all.put(d, BIRTH_DATE));
    all.put(GoldenRuns.KEY, HASH_KEY);
    forbidden = all;
    rowsWithValue = counts;
    long run = System.nanoTime();
    double collecting = (run - start) / 1e9;
    GeneratedMonthRun.warehouse();
    System.out.printf(
        "SensitiveDataScanTest: the shared run (if this class started it) took %.1f s%n",
        (System.nanoTime() - run) / 1e9);
    System.out.printf(
        "SensitiveDataScanTest: %s looked for (%d birth dates of %d left out as also event dates),"
            + " collected in %.1f s%n",
        byKind(), birthDatesAlsoEventDates, distinctBirthDates, collecting);
  }

  private static Map<String, Long> byKind() {
    Map<String, Long> kinds = new TreeMap<>();
    forbidden.values().forEach(k -> kinds.merge(k, 1L, Long::sum));
    return kinds;
  }

  private static String sha256(String value) {
    return IdentifierScan.sha256(value);
  }

  private static List<String> findings(Map<Table, Dataset<Row>> tables) {
    return IdentifierScan.findings(tables, forbidden);
  }

  private static void scan(String name, byte[] content, List<String> found) {
    IdentifierScan.scan(name, content, forbidden, found);
  }

  @Test
  void theSchemasDeclareEveryIdentifierAndBirthDateSensitive() {
    // Removing a `sensitive:` declaration from schemas/ takes its column out of this list.
    assertTrue(
        rowsWithValue
            .keySet()
            .containsAll(
                List.of(
                    "csds/CYP001MPI.LocalPatientID",
                    "csds/CYP001MPI.NHSNumber",
                    "csds/CYP001MPI.PersonBirthDate",
                    "csds/CYP101Referral.LocalPatientID",
                    "mhsds/MHS001MPI.LocalPatientId",
                    "mhsds/MHS001MPI.NHSNumber",
                    "mhsds/MHS001MPI.PersonBirthDate",
                    "mhsds/MHS101Referral.LocalPatientId",
                    "esr/staff_in_post.Unique_NHS_Identifier",
                    "esr/sickness.Unique_NHS_Identifier",
                    "esr/leavers.Unique_NHS_Identifier")),
        rowsWithValue.keySet().toString());
    // The tokeniser must not cut an identifier in two, or the scan could not find it.
    for (String value : forbidden.keySet()) {
      assertTrue(!TOKEN_BREAK.matcher(value).find(), "a token break inside a looked-for value");
    }
  }

  @Test
  void theLandingHoldsAValueInEverySensitiveColumn() {
    GeneratedLanding demo = LandingFixture.demo();
    for (Map.Entry<String, Long> e : rowsWithValue.entrySet()) {
      String table = e.getKey().substring(0, e.getKey().indexOf('.'));
      long rows = demo.rows(table);
      if (e.getKey().endsWith(".NHSNumber")) {
        // The generator leaves out the one number in eleven whose modulus-11 check digit would
        // be 10 (no valid NHS number exists), so about 10/11 of patients have one.
        assertEquals(10.0 / 11, e.getValue() / (double) rows, 0.03, e.getKey());
      } else {
        assertEquals(rows, e.getValue(), e.getKey() + ": a value in every row");
      }
    }
    // Most birth dates are nobody's event date, so leaving those out leaves a real test.
    assertTrue(
        birthDatesAlsoEventDates < distinctBirthDates / 10,
        birthDatesAlsoEventDates + " of " + distinctBirthDates + " birth dates left out");
  }

  @Test
  void noTableHoldsAnIdentifierABirthDateOrTheKey() {
    Warehouse warehouse = GeneratedMonthRun.warehouse();
    long start = System.nanoTime();
    int columns = 0;
    Map<Table, Dataset<Row>> scanned = new LinkedHashMap<>();
    for (Table table : warehouse.tables()) {
      Dataset<Row> rows = warehouse.read(table);
      scanned.put(table, rows);
      columns += rows.schema().fields().length;
    }
    List<Table> tables = List.copyOf(scanned.keySet());
    List<String> found = findings(scanned);
    System.out.printf(
        "SensitiveDataScanTest: %d tables (%s), %d columns scanned in %.1f s%n",
        tables.size(), countByLayer(tables), columns, (System.nanoTime() - start) / 1e9);
    assertEquals(List.of(), found.subList(0, Math.min(10, found.size())), "[table,column,kind,n]");
    assertEquals(
        Set.of(Layer.BRONZE, Layer.SILVER, Layer.GOLD, Layer.OPS),
        Set.copyOf(tables.stream().map(Table::layer).toList()),
        "every layer scanned");
  }

  @Test
  void theScanFindsWhatItLooksForInsideLongerTextMapsAndDates() {
    // The scanners must see a value where a leak would put it, or "no findings" proves nothing.
    String nhsNumber = anyLookedFor("NHSNumber");
    String birthDate = anyLookedFor(BIRTH_DATE);
    Dataset<Row> probe =
        SharedSpark.session()
            .range(1)
            .select(
                lit("patient " + nhsNumber + ", seen").as("note"),
                map(lit("x"), lit(GoldenRuns.KEY)).as("extra"),
                to_date(lit(birthDate)).as("born"));
    assertEquals(
        List.of(
            "[ops.probe,born," + BIRTH_DATE + ",1]",
            "[ops.probe,extra," + HASH_KEY + ",1]",
            "[ops.probe,note,NHSNumber,1]"),
        findings(Map.of(new Table(Layer.OPS, "probe"), probe)));
    List<String> found = new ArrayList<>();
    scan(
        "probe.html",
        ("<td>" + sha256(nhsNumber) + "</td>").getBytes(StandardCharsets.UTF_8),
        found);
    assertEquals(List.of("probe.html: sha256(NHSNumber)"), found);
  }

  private static String anyLookedFor(String kind) {
    return forbidden.entrySet().stream()
        .filter(e -> e.getValue().equals(kind))
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  private static Map<Layer, Long> countByLayer(List<Table> tables) {
    Map<Layer, Long> n = new TreeMap<>();
    tables.forEach(t -> n.merge(t.layer(), 1L, Long::sum));
    return n;
  }

  @Test
  void noReportNotebookPageExportOrDeltaLogHoldsOne() throws IOException {
    Warehouse warehouse = GeneratedMonthRun.warehouse();
    String root = warehouse.root().toString();
    Path out = SharedSpark.newFolder("sensitive-scan-");
    long start = System.nanoTime();
    succeeds("report", "--warehouse", root, "--out", out.resolve("report").toString());
    long report = System.nanoTime();
    // Shared with NotebookRunTest: the pages are written once per test run.
    Path notebookPages = GeneratedMonthRun.notebookPages();
    long notebooks = System.nanoTime();
    Path exports = Files.createDirectory(out.resolve("exports"));
    List<String> exported = new ArrayList<>();
    for (Table table : warehouse.tables()) {
      if (table.layer() == Layer.GOLD || table.layer() == Layer.OPS) {
        exported.add(table + ".csv");
      }
    }
    exported.addAll(List.of("gold.metric_value.xlsx", "ops.quarantine.xlsx"));
    for (String file : exported) {
      String table = file.substring(0, file.lastIndexOf('.'));
      succeeds(
          "export",
          "--warehouse",
          root,
          "--table",
          table,
          "--out",
          exports.resolve(file).toString());
    }
    long exportsDone = System.nanoTime();

    Map<String, Integer> filesByFolder = new TreeMap<>();
    List<String> found = new ArrayList<>();
    Map<String, Path> folders =
        Map.of("report", out.resolve("report"), "notebooks", notebookPages, "exports", exports);
    for (Map.Entry<String, Path> folder : new TreeMap<>(folders).entrySet()) {
      scanTree(folder.getKey(), folder.getValue(), found, filesByFolder);
    }
    // The Delta logs hold per-file column statistics (minimum and maximum values) and each
    // commit's parameters: text beside the tables that the table scan does not see.
    Path warehouseRoot = warehouse.root();
    try (Stream<Path> paths = Files.walk(warehouseRoot)) {
      for (Path p : paths.filter(p -> p.toString().contains("_delta_log")).toList()) {
        if (p.toString().endsWith(".json")) {
          scan(warehouseRoot.relativize(p).toString(), Files.readAllBytes(p), found);
          filesByFolder.merge("_delta_log", 1, Integer::sum);
        }
      }
    }
    System.out.printf(
        "SensitiveDataScanTest: files scanned %s (report %.1f s, notebooks %.1f s, %d exports %.1f"
            + " s, scan %.1f s)%n",
        filesByFolder,
        (report - start) / 1e9,
        (notebooks - report) / 1e9,
        exported.size(),
        (exportsDone - notebooks) / 1e9,
        (System.nanoTime() - exportsDone) / 1e9);
    assertEquals(List.of(), found.subList(0, Math.min(10, found.size())), "[file: kind]");
    try (Stream<Path> files = Files.list(exports)) {
      assertEquals(
          new TreeSet<>(exported),
          new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()),
          "every export written");
    }
  }

  private static void succeeds(String... args) {
    CommandLine.Outcome o = CommandLine.run(args);
    assertEquals(0, o.code(), String.join(" ", args) + "\n" + o.err());
  }

  private static void scanTree(
      String label, Path base, List<String> found, Map<String, Integer> filesByFolder)
      throws IOException {
    try (Stream<Path> paths = Files.walk(base)) {
      for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
        String name = label + "/" + base.relativize(p);
        if (p.toString().endsWith(".xlsx")) {
          scanZip(name, p, found);
        } else {
          scan(name, Files.readAllBytes(p), found);
        }
        filesByFolder.merge(label, 1, Integer::sum);
      }
    }
  }

  /** Scans every part of a zip file (an xlsx is XML parts in a zip), read by its directory. */
  private static void scanZip(String name, Path zip, List<String> found) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(file.entries());
      for (ZipEntry e : entries) {
        try (InputStream in = file.getInputStream(e)) {
          scan(name + "!" + e.getName(), in.readAllBytes(), found);
        }
      }
      assertTrue(
          entries.stream().anyMatch(e -> e.getName().startsWith("xl/worksheets/")),
          name + " has no worksheet: not an xlsx?");
    }
  }

  @Test
  void theRunLogNamesTheKeyOnlyByItsId() {
    // The table scan covers ops.run_log; this covers the rows the run returns, and checks that
    // what the log does say about the key is the key id, a truncated HMAC of a constant.
    String keyId = Hmac.hex(GoldenRuns.KEY, "mhcs-key-id").substring(0, 12);
    List<String> found = new ArrayList<>();
    List<String> keyIds = new ArrayList<>();
    for (Row row : GeneratedMonthRun.result().runLog()) {
      scan("runLog()", row.toString().getBytes(StandardCharsets.UTF_8), found);
      String detail = row.getString(RunLog.SCHEMA.fieldIndex("detail"));
      if (detail != null && detail.contains(" key ")) {
        keyIds.add(detail.substring(detail.indexOf(" key ") + 5));
      }
    }
    assertEquals(List.of(), found);
    assertEquals(List.of(keyId), keyIds, "one entry names the key, by its id");
  }
}
