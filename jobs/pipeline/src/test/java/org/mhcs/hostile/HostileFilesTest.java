package org.mhcs.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.mhcs.calendar.Period;
import org.mhcs.hostile.HostileFiles.Level;
import org.mhcs.hostile.HostileFiles.Mutation;
import org.mhcs.ingest.IngestStage;
import org.mhcs.ingest.LandingCsv;
import org.mhcs.ingest.LandingFile;
import org.mhcs.ingest.LandingFileException;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.ColumnType;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Sensitivity;
import org.mhcs.schema.Table;
import org.mhcs.testing.CsvRecords;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Hmac;
import org.mhcs.testing.IdentifierScan;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * Hostile landing files ({@link HostileFiles}: at least 200 mutations of a valid landing set, fixed
 * seed) do no silent harm. Row-level mutations land together in one ingest and silver load and
 * prove, file by file: rows read (counted by {@link CsvRecords}, not the product's parser) = rows
 * in silver + rows in {@code ops.quarantine}; every accepted row, found again by its file and line,
 * holds exactly the values of its record (numbers equal as numbers, dates as written, identifiers
 * as the HMAC of the text, birth dates as their age band, organisation codes in upper case); and no
 * clear identifier or birth date written into any file appears in any table (bronze {@code _extra}
 * included), Delta log, run log line or captured output. File-level mutations (encoding damage,
 * quotes left open) are read with the reader alone: refused with a message naming the file, a line
 * and the fix and no identifier, or read whole. Symbolic links, a FIFO and a hidden file in the
 * landing are refused or named, never read or skipped in silence.
 *
 * <p>Each test collects every failure and fails once with a table by mutation kind. Cost: one load
 * of about 200 small files and four small ingests.
 */
// Copies stdout and stderr while its load runs, to prove no identifier is printed.
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class HostileFilesTest {
  private static final Period JUNE = Period.parse("2024-06");
  private static final LocalDate AGE_AT = LocalDate.of(2024, 6, 30);
  private static final SchemaCatalog SCHEMAS = SchemaCatalog.bundled();
  private static final String KEY = GoldenRuns.KEY;

  private static List<Mutation> mutations;
  private static Map<String, String> identifiers;
  private static Path landing;
  private static Warehouse warehouse;
  private static LandingLoads.Loaded loaded;
  private static String captured;

  /** Row-level files the reader alone refused: kept out of the load and reported. */
  private static final Map<Mutation, String> refusedBeforeLoad = new LinkedHashMap<>();

  @BeforeAll
  static void landTheRowLevelMutationsTogether() throws IOException {
    HostileFiles files = new HostileFiles();
    mutations = files.generate(HostileFiles.requestedCount());
    Mutation referrals = files.contactReferrals();
    identifiers = files.identifiers();
    SharedSpark.session();
    landing = SharedSpark.newFolder("hostile landing ");
    write(landing, referrals);
    Path reference = landing.resolve(HostileFiles.ORGANISATION_REFERENCE_PATH);
    Files.createDirectories(reference.getParent());
    Files.writeString(reference, HostileFiles.ORGANISATION_REFERENCE);
    for (Mutation m : mutations) {
      write(landing, m);
      if (m.level() == Level.ROWS) {
        try {
          readAlone(landing.resolve(m.path()), m);
        } catch (LandingFileException e) {
          refusedBeforeLoad.put(m, e.getMessage());
          Files.delete(landing.resolve(m.path()));
        }
      } else {
        Files.move(landing.resolve(m.path()), landing.resolve(m.path() + ".file-level"));
      }
    }
    warehouse = GoldenRuns.newWarehouse();
    long start = System.nanoTime();
    captured = capturingOutput(() -> loaded = LandingLoads.load(warehouse, SCHEMAS, landing, JUNE));
    System.out.printf(
        "HostileFilesTest: %d mutations, load of %d files in %.1f s%n",
        mutations.size(), loaded.files().size(), (System.nanoTime() - start) / 1e9);
  }

  private static void write(Path root, Mutation m) throws IOException {
    Path file = root.resolve(m.path());
    Files.createDirectories(file.getParent());
    Files.write(file, m.bytes());
  }

  /** The rows the product's reader gives for a file, without Spark. */
  private static List<Row> readAlone(Path file, Mutation m) {
    LandingTableSpec spec = SCHEMAS.table(m.table());
    Pseudonymiser p = Pseudonymiser.withKey(KEY);
    LandingFile opened = LandingCsv.open(file, m.path(), spec, p.keyId());
    List<Row> rows = new ArrayList<>();
    Iterator<Row> it = new LandingCsv(spec, p, AGE_AT).rows(opened);
    it.forEachRemaining(rows::add);
    return rows;
  }

  /** Runs {@code action} with stdout and stderr also copied into the returned text. */
  private static String capturingOutput(Runnable action) {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(new Tee(out, copy), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err, copy), true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }

  @Test
  void atLeastTwoHundredMutationsOfEveryKind() {
    assertTrue(mutations.size() >= 200, mutations.size() + " mutations");
    Map<String, Long> byKind = new TreeMap<>();
    mutations.forEach(m -> byKind.merge(m.kind(), 1L, Long::sum));
    System.out.println("HostileFilesTest: mutations by kind " + byKind);
    assertEquals(10, byKind.size(), byKind.toString());
  }

  // ---- rows read = accepted + quarantined; accepted values unchanged -------------------------

  @Test
  void everyRowLevelFileReconcilesAndItsAcceptedRowsHoldTheirRecordsValues() {
    Failures failures = new Failures();
    refusedBeforeLoad.forEach((m, message) -> failures.add(m, "refused whole", message));
    Map<String, Long> quarantined = new HashMap<>();
    warehouse
        .read(Table.QUARANTINE)
        .groupBy("source_file")
        .count()
        .collectAsList()
        .forEach(r -> quarantined.put(r.getString(0), r.getLong(1)));
    Map<String, Long> readByProduct = new HashMap<>();
    loaded.files().forEach(f -> readByProduct.put(f.file(), f.read()));
    Map<String, List<Row>> silver = silverRowsByFile();
    long[] totals = new long[4]; // files, records, accepted, quarantined
    for (Mutation m : mutations) {
      if (m.level() != Level.ROWS || refusedBeforeLoad.containsKey(m)) {
        continue;
      }
      Path file = landing.resolve(m.path());
      long counted = CsvRecords.count(file);
      List<CsvRecords.Record> records = CsvRecords.read(m.bytes());
      assertEquals(counted, records.size() - 1, m.path() + ": the test's two readings");
      List<Row> accepted = silver.getOrDefault(m.path(), List.of());
      long rejected = quarantined.getOrDefault(m.path(), 0L);
      totals[0]++;
      totals[1] += counted;
      totals[2] += accepted.size();
      totals[3] += rejected;
      if (counted != accepted.size() + rejected) {
        failures.add(
            m,
            "read != accepted + quarantined",
            counted
                + " records, "
                + accepted.size()
                + " in silver + "
                + rejected
                + " quarantined (product read "
                + readByProduct.get(m.path())
                + ")");
      }
      Map<Long, List<String>> byLine = new HashMap<>();
      records.subList(1, records.size()).forEach(r -> byLine.put(r.line(), r.fields()));
      LandingTableSpec spec = SCHEMAS.table(m.table());
      List<String> header = records.get(0).fields();
      for (Row row : accepted) {
        long line = row.getLong(row.fieldIndex(Lineage.LINE));
        List<String> record = byLine.get(line);
        if (record == null) {
          failures.add(m, "silver row's line is no record's", "line " + line);
          continue;
        }
        for (ColumnSpec c : spec.columns()) {
          int at = headingIndex(header, c);
          String text = at < 0 || at >= record.size() ? null : record.get(at);
          String problem = changed(c, text, row.get(row.fieldIndex(c.name())));
          if (problem != null) {
            failures.add(m, "value changed in " + c.name(), "line " + line + ": " + problem);
          }
        }
      }
    }
    System.out.printf(
        "HostileFilesTest: %d row-level files: %d records read, %d accepted, %d quarantined%n",
        totals[0], totals[1], totals[2], totals[3]);
    failures.failIfAny("row-level mutations");
  }

  /** Every silver row of the hostile files, by file. */
  private static Map<String, List<Row>> silverRowsByFile() {
    Map<String, List<Row>> byFile = new HashMap<>();
    for (String table :
        List.of(
            HostileFiles.MPI, HostileFiles.REFERRAL, HostileFiles.CONTACT, HostileFiles.SICKNESS)) {
      Table t = Table.silver(SCHEMAS.table(table).warehouseName());
      if (!warehouse.exists(t)) {
        continue;
      }
      for (Row r : warehouse.read(t).collectAsList()) {
        byFile
            .computeIfAbsent(r.getString(r.fieldIndex(Lineage.SOURCE_FILE)), f -> new ArrayList<>())
            .add(r);
      }
    }
    return byFile;
  }

  /** Where the file's header holds the column (headings match ignoring case and spaces). */
  private static int headingIndex(List<String> header, ColumnSpec c) {
    for (String heading : c.headings()) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).strip().equalsIgnoreCase(heading)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Why the silver value is not the record's text, or null when it is: the text trimmed of
   * whitespace and control characters at its ends (as a reader trims), then per the column's
   * declaration: an identifier is the HMAC of the text, a birth date its age band at the end of the
   * period, a date the same ISO text, a number the same number, an organisation code (the
   * submitter) the text in upper case, any other text the text itself (CR LF inside it read as LF).
   */
  private static String changed(ColumnSpec c, String text, Object silver) {
    String trimmed = text == null ? null : text.trim();
    String expected;
    if (trimmed == null || trimmed.isEmpty()) {
      expected = null;
    } else if (c.sensitivity() == Sensitivity.PSEUDONYMISE) {
      expected = Hmac.hex(KEY, trimmed);
    } else if (c.sensitivity() == Sensitivity.AGE_BAND) {
      expected = ageBand(LocalDate.parse(trimmed));
    } else if (c.type() == ColumnType.INTEGER || c.type() == ColumnType.DECIMAL) {
      BigDecimal number;
      try {
        number = new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        return "'" + trimmed + "' is no number but silver holds " + silver;
      }
      return silver != null && new BigDecimal(silver.toString()).compareTo(number) == 0
          ? null
          : "'" + trimmed + "' became " + silver;
    } else if (c.name().equals("OrgID_Provider") || c.name().equals("Org_Code")) {
      expected = trimmed.toUpperCase(Locale.ROOT);
    } else {
      // A line break inside quotes is read as LF whatever the file used (LandingCsv).
      expected = trimmed.replace("\r\n", "\n");
    }
    String actual = silver == null ? null : silver.toString();
    return java.util.Objects.equals(expected, actual)
        ? null
        : "'"
            + printable(text)
            + "' stored as '"
            + printable(actual)
            + "', expected '"
            + printable(expected)
            + "'";
  }

  /** Five-year bands, 90 and over together: worked out here, not by the reader. */
  private static String ageBand(LocalDate born) {
    int age = java.time.Period.between(born, AGE_AT).getYears();
    int low = Math.min(age - age % 5, 90);
    return low == 90 ? "90+" : low + "-" + (low + 4);
  }

  static String printable(String s) {
    if (s == null) {
      return "(null)";
    }
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            cp ->
                b.append(
                    cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xFEFF || cp == 0x2028
                        ? String.format("\\u%04X", cp)
                        : new String(Character.toChars(cp))));
    return b.toString();
  }

  // ---- no identifier anywhere -------------------------------------------------------------

  @Test
  void noIdentifierWrittenIntoAnyFileAppearsInAnyTableLogOrOutput() throws IOException {
    Map<String, String> forbidden = new HashMap<>();
    identifiers.forEach(
        (value, what) -> {
          forbidden.put(value, what);
          forbidden.put(IdentifierScan.sha256(value), what + " (sha256)");
        });
    forbidden.put(KEY, "0:hash key");
    Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
    warehouse.tables().forEach(t -> tables.put(t, warehouse.read(t)));
    List<String> found = new ArrayList<>(IdentifierScan.findings(tables, forbidden));
    try (Stream<Path> paths = Files.walk(warehouse.root())) {
      for (Path p :
          paths
              .filter(p -> p.toString().contains("_delta_log") && p.toString().endsWith(".json"))
              .toList()) {
        IdentifierScan.scan(
            warehouse.root().relativize(p).toString(), Files.readAllBytes(p), forbidden, found);
      }
    }
    IdentifierScan.scan(
        "run log lines",
        String.join("\n", loaded.log()).getBytes(StandardCharsets.UTF_8),
        forbidden,
        found);
    IdentifierScan.scan(
        "stdout and stderr", captured.getBytes(StandardCharsets.UTF_8), forbidden, found);
    System.out.printf(
        "HostileFilesTest: %d values looked for (identifiers, their SHA-256, the key), %d found%n",
        forbidden.size(), found.size());
    Failures failures = new Failures();
    Map<Integer, Mutation> byNumber = new HashMap<>();
    mutations.forEach(m -> byNumber.put(m.number(), m));
    for (String finding : found) {
      // A finding names its identifier's kind as "n:what": n is the mutation that wrote it.
      java.util.regex.Matcher n = java.util.regex.Pattern.compile("(\\d+):").matcher(finding);
      Mutation m = n.find() ? byNumber.get(Integer.parseInt(n.group(1))) : null;
      failures.add(m, "identifier found", finding);
    }
    failures.failIfAny("identifiers");
  }

  // ---- file-level damage -------------------------------------------------------------------

  @Test
  void fileLevelDamageIsRefusedNamingFileLineAndFixOrReadWhole() {
    Failures failures = new Failures();
    for (Mutation m : mutations) {
      if (m.level() != Level.FILE) {
        continue;
      }
      Path file = landing.resolve(m.path() + ".file-level");
      try {
        List<Row> rows = readAlone(file, m);
        long counted = CsvRecords.count(file);
        if (rows.size() != counted) {
          failures.add(m, "rows read != records", rows.size() + " read, " + counted + " records");
        }
        for (Row r : rows) {
          leaks(m, "a row read", r.toString(), failures);
        }
      } catch (LandingFileException e) {
        String message = e.getMessage();
        if (!message.startsWith(file.toString())) {
          failures.add(m, "message does not start with the file", message);
        }
        if (!message.matches("(?s).*\\bline \\d+.*")) {
          failures.add(m, "message names no line", message);
        }
        if (!message.matches("(?s).*\\. [A-Z][^.]*.*")) {
          failures.add(m, "message says no fix", message);
        }
        leaks(m, "the message", message, failures);
      } catch (RuntimeException e) {
        failures.add(
            m,
            "not a LandingFileException",
            e.getClass().getName()
                + ": "
                + printable(String.valueOf(e.getMessage())).lines().findFirst().orElse(""));
        leaks(m, "the exception", String.valueOf(e.getMessage()), failures);
      }
    }
    failures.failIfAny("file-level mutations");
  }

  private static void leaks(Mutation m, String where, String text, Failures failures) {
    List<String> found = new ArrayList<>();
    IdentifierScan.scan(where, text.getBytes(StandardCharsets.UTF_8), identifiers, found);
    found.forEach(f -> failures.add(m, "identifier in " + where, f));
  }

  // ---- links and special files ---------------------------------------------------------------

  @Test
  void linksAFifoAndAHiddenFileAreRefusedOrNamedNeverReadOrSkippedInSilence() throws Exception {
    Failures failures = new Failures();
    Path outside = SharedSpark.newFolder("outside the landing ");
    Path secret = outside.resolve("secret.csv");
    Files.writeString(
        secret,
        "OrgID_Provider,CareContactID,ServiceRequestID,TeamID_Local,"
            + "Contact_Date,Contact_Time,CareContact_Duration,ConsMechanism,AttendanceStatus\n"
            + "X02,C-OUTSIDE,R-1-1,T1,2024-06-11,09:00:00,30,01,5\n");
    Map<String, java.util.function.Consumer<Path>> entries = new LinkedHashMap<>();
    entries.put("symlink to a file outside the landing", at -> link(at, secret));
    entries.put("dangling symlink", at -> link(at, outside.resolve("gone.csv")));
    entries.put("FIFO named *.csv", HostileFilesTest::fifo);
    entries.put("hidden .x.csv", at -> copy(secret, at.resolveSibling(".x.csv")));
    int i = 0;
    for (var e : entries.entrySet()) {
      Mutation m =
          new Mutation(
              --i,
              "links and special files",
              e.getKey(),
              Level.FILE,
              HostileFiles.CONTACT,
              new byte[0]);
      Path root = SharedSpark.newFolder("special landing ");
      Path mpi = root.resolve(HostileFiles.MPI + "/2024-06/valid.csv");
      Files.createDirectories(mpi.getParent());
      Files.writeString(mpi, "OrgID_Provider,LocalPatientID\nX02,P1\n");
      Path entry = root.resolve(HostileFiles.CONTACT + "/2024-06/special.csv");
      Files.createDirectories(entry.getParent());
      e.getValue().accept(entry);
      String name = e.getKey().startsWith("hidden") ? ".x.csv" : "special.csv";
      specialEntry(m, root, entry.resolveSibling(name), name, failures);
    }
    failures.failIfAny("links and special files");
  }

  private static void specialEntry(
      Mutation m, Path root, Path entry, String name, Failures failures) throws Exception {
    Warehouse w = GoldenRuns.newWarehouse();
    List<String> log = new ArrayList<>();
    RunLog runLog = new RunLog("hostile", JUNE.toString(), log::add);
    ExecutorService one = Executors.newSingleThreadExecutor();
    Future<?> run =
        one.submit(
            () ->
                new IngestStage(w, SCHEMAS, Pseudonymiser.withKey(KEY), runLog, 3)
                    .execute(new LandingFolder(root), JUNE));
    try {
      run.get(120, TimeUnit.SECONDS);
      boolean named = log.stream().anyMatch(l -> l.contains(name));
      if (!named) {
        failures.add(m, "skipped in silence", "no error and no log line names " + name);
      }
      Table contacts = Table.bronze(SCHEMAS.table(HostileFiles.CONTACT).warehouseName());
      if (w.exists(contacts) && !w.read(contacts).isEmpty()) {
        failures.add(m, "read", w.read(contacts).count() + " bronze row(s) from " + name);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      String message = String.valueOf(e.getCause().getMessage());
      if (!(e.getCause() instanceof LandingFileException) || !message.contains(name)) {
        failures.add(
            m,
            "refused without naming it",
            e.getCause().getClass().getSimpleName() + ": " + message);
      }
    } catch (TimeoutException e) {
      // A reader blocked opening the FIFO: a writer opening it lets both go on.
      try (OutputStream unblock = Files.newOutputStream(entry)) {
        unblock.flush();
      }
      failures.add(m, "hung", "reading " + name + " blocked for 120 s");
      run.cancel(true);
    } finally {
      one.shutdownNow();
    }
  }

  private static void link(Path at, Path target) {
    try {
      Files.createSymbolicLink(at, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fifo(Path at) {
    try {
      Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
      assertEquals(0, p.waitFor(), "mkfifo " + at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- the failure table -------------------------------------------------------------------

  /** Failures by mutation kind and what failed, reported as one table. */
  private static final class Failures {
    private final Map<String, Map<String, List<String>>> byKind = new TreeMap<>();
    private final Map<String, java.util.Set<Integer>> mutationsFailing = new HashMap<>();

    void add(Mutation m, String what, String detail) {
      String kind = m == null ? "(no mutation: valid files)" : m.kind();
      String example =
          m == null
              ? detail
              : "#" + m.number() + " " + m.variant() + " (" + m.table() + "): " + detail;
      byKind
          .computeIfAbsent(kind, k -> new TreeMap<>())
          .computeIfAbsent(what, w -> new ArrayList<>())
          .add(printable(example));
      mutationsFailing
          .computeIfAbsent(kind + "|" + what, k -> new java.util.TreeSet<>())
          .add(m == null ? 0 : m.number());
    }

    void failIfAny(String what) {
      if (byKind.isEmpty()) {
        return;
      }
      Map<String, Long> total = new TreeMap<>();
      mutations.forEach(m -> total.merge(m.kind(), 1L, Long::sum));
      StringBuilder table = new StringBuilder(what + " that failed, by kind:\n");
      table.append(
          "| kind | mutations | failure | mutations failing | first example |\n|---|---|---|---|---|\n");
      byKind.forEach(
          (kind, failures) ->
              failures.forEach(
                  (failure, examples) ->
                      table
                          .append("| ")
                          .append(kind)
                          .append(" | ")
                          .append(total.getOrDefault(kind, 4L))
                          .append(" | ")
                          .append(failure)
                          .append(" | ")
                          .append(mutationsFailing.get(kind + "|" + failure).size())
                          .append(" | ")
                          .append(examples.get(0).replace("|", "\\|").replace("\n", " "))
                          .append(" |\n")));
      System.out.println(table);
      fail(table.toString());
    }
  }
}
