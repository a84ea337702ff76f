package org.mhcs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.calendar.Period;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.ops.LoadedFiles;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Lands one table's files for one period in {@code bronze.<source>_<table>}: every row as text,
 * identifiers already pseudonymised, with lineage. Works file by file: only files that are new or
 * changed since they were last validated (by fingerprint) are read, and they replace exactly their
 * own earlier rows (plus rows of files no longer landed) in one commit. The same input twice writes
 * nothing.
 */
public final class BronzeIngest {
  private final Warehouse warehouse;
  private final LandingFolder landing;
  private final Pseudonymiser pseudonymiser;
  private final LoadedFiles loadedFiles;
  private final String runId;

  public BronzeIngest(
      Warehouse warehouse,
      LandingFolder landing,
      Pseudonymiser pseudonymiser,
      LoadedFiles loadedFiles,
      String runId) {
    this.warehouse = warehouse;
    this.landing = landing;
    this.pseudonymiser = pseudonymiser;
    this.loadedFiles = loadedFiles;
    this.runId = runId;
  }

  /** One table's files for a period, each checked against the schema; nothing written yet. */
  public record Checked(
      LandingTableSpec spec,
      ReportingWindow window,
      boolean folderExists,
      List<String> strayFiles,
      List<String> hiddenFiles,
      List<LandingFile> files) {}

  /**
   * What one table's load did.
   *
   * @param reloaded files read into bronze now (new or changed)
   * @param removed files recorded before that are no longer landed (their rows were deleted)
   * @param scope the rows silver must revalidate, or null when nothing changed
   */
  public record Result(
      Checked checked,
      List<String> reloaded,
      List<String> removed,
      long rowsWritten,
      ReloadScope scope) {
    public LandingTableSpec spec() {
      return checked.spec();
    }

    public boolean landed() {
      return !checked.files().isEmpty();
    }

    public boolean changed() {
      return scope != null;
    }

    /** Headings in the files that the schema does not declare (kept in {@code _extra}). */
    public Set<String> extraHeadings() {
      Set<String> headings = new TreeSet<>();
      checked.files().forEach(f -> headings.addAll(List.of(f.extraHeadings())));
      return headings;
    }
  }

  /**
   * Finds the table's files for the period and checks each one (encoding, header), writing nothing:
   * callers check every table first so that a bad file stops a run before any load.
   *
   * @throws LandingFileException naming the file and the fix
   */
  public Checked check(LandingTableSpec spec, Period period) {
    ReportingWindow window = spec.window(period);
    List<LandingFile> files = new ArrayList<>();
    LandingFolder.Listing listing = landing.listing(spec, window);
    LandingReader reader = landing.reader();
    for (String file : listing.csvFiles()) {
      files.add(LandingCsv.open(file, reader, landing.relative(file), spec, pseudonymiser.keyId()));
    }
    return new Checked(
        spec,
        window,
        listing.folderExists(),
        listing.strayFiles(),
        listing.hiddenCsvFiles(),
        files);
  }

  /** Loads the checked files that changed. Cost: one parse of each changed file. */
  public Result load(Checked checked) {
    LandingTableSpec spec = checked.spec();
    ReportingWindow window = checked.window();
    // No folder for the period: the source was not landed this time, so keep what it had. An
    // existing folder with no files left means every recorded file was withdrawn.
    if (!checked.folderExists()) {
      return new Result(checked, List.of(), List.of(), 0, null);
    }
    Map<String, LoadedFiles.Entry> recorded = loadedFiles.recorded(spec.id(), window);
    List<LandingFile> changed = new ArrayList<>();
    Set<String> landedNames = new LinkedHashSet<>();
    for (LandingFile f : checked.files()) {
      landedNames.add(f.relativePath());
      LoadedFiles.Entry before = recorded.get(f.relativePath());
      if (before == null || !before.fingerprint().equals(f.fingerprint())) {
        changed.add(f);
      }
    }
    List<String> removed =
        recorded.keySet().stream().filter(f -> !landedNames.contains(f)).sorted().toList();
    if (changed.isEmpty() && removed.isEmpty()) {
      return new Result(checked, List.of(), List.of(), 0, null);
    }
    Table table = Table.bronze(spec.warehouseName());
    List<LandingFile> toRead = notInBronzeYet(table, window, changed);
    List<String> replaced = new ArrayList<>(removed);
    toRead.forEach(f -> replaced.add(f.relativePath()));
    long written = 0;
    if (!replaced.isEmpty()) {
      warehouse
          .spark()
          .sparkContext()
          .setJobDescription("bronze " + spec.id() + " " + window.label());
      Dataset<Row> rows =
          read(spec, window, toRead)
              .withColumn(Lineage.RUN_ID, lit(runId))
              .withColumn(Lineage.INGESTED_AT, lit(Timestamp.from(Instant.now())))
              .withColumn(Lineage.PERIOD, lit(window.label()));
      String condition =
          window.predicate(Lineage.PERIOD) + " AND " + SqlText.in(Lineage.SOURCE_FILE, replaced);
      try {
        warehouse.replace(table, rows, condition, Lineage.PERIOD, Lineage.statsColumns(spec));
      } catch (Exception e) {
        // A file that fails as it is read (a field beyond the parser's limit, counts that differ)
        // fails in a Spark task, which reaches here as Spark's checked SparkException; the user
        // gets the file's message, not Spark's wrapping. Nothing was committed.
        Optional<LandingFileException> problem = landingProblem(e);
        if (problem.isPresent()) {
          throw problem.get();
        }
        throw e;
      }
      warehouse.spark().sparkContext().setJobDescription(null);
      // Every record becomes one bronze row (a malformed one too), and the parser has already
      // refused any file whose records it counted differently from the check.
      written = toRead.stream().mapToLong(LandingFile::records).sum();
    }
    List<String> reloaded = changed.stream().map(LandingFile::relativePath).toList();
    return new Result(
        checked, reloaded, removed, written, scope(spec, window, recorded, reloaded, removed));
  }

  private static Optional<LandingFileException> landingProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LandingFileException problem) {
        return Optional.of(problem);
      }
    }
    return Optional.empty();
  }

  /**
   * The changed files bronze does not already hold with the same fingerprint (it may, when an
   * earlier run loaded them and then stopped before validating).
   */
  private List<LandingFile> notInBronzeYet(
      Table table, ReportingWindow window, List<LandingFile> changed) {
    Map<String, String> inBronze = new HashMap<>();
    warehouse
        .readWhere(table, window.predicate(Lineage.PERIOD))
        .ifPresent(
            rows ->
                rows.select(Lineage.SOURCE_FILE, Lineage.FINGERPRINT)
                    .distinct()
                    .collectAsList()
                    .forEach(r -> inBronze.put(r.getString(0), r.getString(1))));
    return changed.stream()
        .filter(f -> !f.fingerprint().equals(inBronze.get(f.relativePath())))
        .toList();
  }

  /**
   * The rows to revalidate: the whole period on a first load or for a table without submitters,
   * else the submitters of the changed and removed files, before and after the change.
   */
  private ReloadScope scope(
      LandingTableSpec spec,
      ReportingWindow window,
      Map<String, LoadedFiles.Entry> recorded,
      List<String> reloaded,
      List<String> removed) {
    if (spec.submitter() == null || recorded.isEmpty()) {
      return ReloadScope.wholePeriod(spec, window);
    }
    Set<String> submitters = new TreeSet<>();
    for (String file : reloaded) {
      if (recorded.containsKey(file)) {
        submitters.addAll(recorded.get(file).submitters());
      }
    }
    removed.forEach(file -> submitters.addAll(recorded.get(file).submitters()));
    if (!reloaded.isEmpty()) {
      Column submitter = trim(col("`" + spec.submitter() + "`"));
      warehouse
          .read(Table.bronze(spec.warehouseName()))
          .where(
              window.predicate(Lineage.PERIOD)
                  + " AND "
                  + SqlText.in(Lineage.SOURCE_FILE, reloaded))
          .select(submitter)
          .where(submitter.isNotNull().and(submitter.notEqual("")))
          .distinct()
          .collectAsList()
          .forEach(r -> submitters.add(r.getString(0)));
    }
    return new ReloadScope(spec, window, submitters);
  }

  /** The files' rows as a DataFrame, one Spark task per file. */
  private Dataset<Row> read(
      LandingTableSpec spec, ReportingWindow window, List<LandingFile> files) {
    LandingCsv csv = new LandingCsv(spec, pseudonymiser, window.last(), landing.reader());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(files, Math.max(1, files.size())).flatMap(csv::rows);
    return warehouse.spark().createDataFrame(rows, textSchema(spec));
  }

  /** Bronze's schema before run lineage: every declared column as text, then raw-file columns. */
  public static StructType textSchema(LandingTableSpec spec) {
    StructType schema = new StructType();
    for (String column : spec.columnNames()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema
        .add(
            Lineage.EXTRA,
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
            true)
        .add(Lineage.MALFORMED, DataTypes.StringType, true)
        .add(Lineage.SOURCE_FILE, DataTypes.StringType, false)
        .add(Lineage.LINE, DataTypes.LongType, false)
        .add(Lineage.FINGERPRINT, DataTypes.StringType, false);
  }
}
