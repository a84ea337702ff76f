package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.ingest.Lineage;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;

/**
 * {@code ops.data_quality}: a scorecard per submitter, table and period, one row per measure, so BI
 * tools can chart it without reshaping. Measures: {@code accepted} (rows accepted of rows read),
 * {@code completeness} per required field (rows with a value of rows read) and {@code rejects} per
 * rule (rows breaking it of rows read); the conform stage adds {@code unmapped}. Like gold, it is
 * derived from silver and carries no run id, so a rerun of the same input leaves it identical
 * (ops.loaded_files says which run validated each file).
 */
public final class DataQuality {
  public static final String PERIOD = "period";
  public static final String SUBMITTER = "submitter";
  public static final String SOURCE_TABLE = "source_table";
  public static final String MEASURE = "measure";
  public static final String ITEM = "item";
  public static final String NUMERATOR = "numerator";
  public static final String DENOMINATOR = "denominator";
  public static final String PERCENT = "percent";

  public static final String ACCEPTED = "accepted";
  public static final String COMPLETENESS = "completeness";
  public static final String REJECTS = "rejects";
  public static final String UNMAPPED = "unmapped";

  public static final StructType SCHEMA =
      new StructType()
          .add(PERIOD, DataTypes.StringType, false)
          .add(SUBMITTER, DataTypes.StringType, true)
          .add(SOURCE_TABLE, DataTypes.StringType, false)
          .add(MEASURE, DataTypes.StringType, false)
          .add(ITEM, DataTypes.StringType, false)
          .add(NUMERATOR, DataTypes.LongType, false)
          .add(DENOMINATOR, DataTypes.LongType, false)
          .add(PERCENT, DataTypes.DoubleType, true);

  private static final String ROW = "row";
  private static final String OK = "ok";
  private static final String RULE = "rule:";
  private static final String MISSING = "missing:";

  private DataQuality() {}

  /** How many checked rows of one file, period and submitter carry one tag. */
  record TagCount(
      String file, String fingerprint, String period, String submitter, String tag, long count) {
    boolean is(String wanted) {
      return tag.equals(wanted);
    }
  }

  /**
   * The one pass over a scope's checked rows that both reconciliation and the scorecard need: each
   * row is tagged (read, accepted, each rule it breaks once, each required field it lacks) and the
   * tags are counted per file and submitter. The result is small: files × submitters × tags.
   */
  static List<TagCount> count(LandingTableSpec spec, Dataset<Row> checked) {
    Column submitter = RowChecks.submitter(spec);
    String failures = SilverValidation.FAILURES;
    Column tags =
        expr(
            "concat(array('"
                + ROW
                + "'), if(size("
                + failures
                + ") = 0, array('"
                + OK
                + "'), array()), array_distinct(transform("
                + failures
                + ", f -> concat('"
                + RULE
                + "', f.rule))), transform(filter("
                + failures
                + ", f -> f.rule = 'required'), f -> concat('"
                + MISSING
                + "', f.field)))");
    return checked
        .select(
            col(Lineage.SOURCE_FILE),
            col(Lineage.FINGERPRINT),
            col(Lineage.PERIOD),
            submitter.as(SUBMITTER),
            explode(tags).as("tag"))
        .groupBy(Lineage.SOURCE_FILE, Lineage.FINGERPRINT, Lineage.PERIOD, SUBMITTER, "tag")
        .count()
        .collectAsList()
        .stream()
        .map(
            r ->
                new TagCount(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.isNullAt(3) ? null : r.getString(3),
                    r.getString(4),
                    r.getLong(5)))
        .toList();
  }

  /** Each file's reconciliation from the tag counts: read = accepted + quarantined. */
  static List<FileCounts> files(LandingTableSpec spec, List<TagCount> tags) {
    Map<List<String>, long[]> counts = new TreeMap<>(Comparator.comparing(List::toString));
    Map<List<String>, Set<String>> submitters = new HashMap<>();
    for (TagCount t : tags) {
      List<String> file = List.of(t.file(), t.fingerprint());
      long[] c = counts.computeIfAbsent(file, f -> new long[2]);
      if (t.is(ROW)) {
        c[0] += t.count();
        if (t.submitter() != null) {
          submitters.computeIfAbsent(file, f -> new TreeSet<>()).add(t.submitter());
        }
      } else if (t.is(OK)) {
        c[1] += t.count();
      }
    }
    List<FileCounts> files = new ArrayList<>();
    counts.forEach(
        (file, c) ->
            files.add(
                new FileCounts(
                    spec.id(),
                    file.get(0),
                    file.get(1),
                    List.copyOf(submitters.getOrDefault(file, Set.of())),
                    c[0],
                    c[1],
                    c[0] - c[1])));
    return files;
  }

  /**
   * The scorecard rows of one validated scope, shaped on the driver from its tag counts, with zeros
   * for rules and fields nobody broke.
   */
  static List<Row> of(SilverValidation v) {
    LandingTableSpec spec = v.spec();
    Map<List<String>, Map<String, Long>> counts = new HashMap<>();
    for (TagCount t : v.tags()) {
      List<String> group = new ArrayList<>();
      group.add(t.period());
      group.add(t.submitter());
      counts.computeIfAbsent(group, g -> new HashMap<>()).merge(t.tag(), t.count(), Long::sum);
    }
    List<Row> rows = new ArrayList<>();
    counts.forEach(
        (group, tagged) -> {
          long read = tagged.getOrDefault(ROW, 0L);
          Shape shape = new Shape(group.get(0), group.get(1), spec.id(), read, rows);
          shape.add(ACCEPTED, "rows", tagged.getOrDefault(OK, 0L));
          for (ColumnSpec c : spec.columns()) {
            if (c.required()) {
              shape.add(COMPLETENESS, c.name(), read - tagged.getOrDefault(MISSING + c.name(), 0L));
            }
          }
          for (Rule rule : Rule.values()) {
            shape.add(REJECTS, rule.id(), tagged.getOrDefault(RULE + rule.id(), 0L));
          }
        });
    return rows;
  }

  /** Builds the rows of one period × submitter × table. */
  private record Shape(String period, String submitter, String table, long read, List<Row> rows) {
    void add(String measure, String item, long numerator) {
      rows.add(
          RowFactory.create(
              period,
              submitter,
              table,
              measure,
              item,
              numerator,
              read,
              read == 0 ? null : Math.round(10000.0 * numerator / read) / 100.0));
    }
  }
}
