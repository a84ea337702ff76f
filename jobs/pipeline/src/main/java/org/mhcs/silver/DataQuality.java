package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.Rule;
import org.mhcs.schema.SqlText;

/**
 * {@code ops.data_quality}: a scorecard per submitter, table and period, one row per measure, so BI
 * tools can chart it without reshaping. Measures: {@code accepted} (rows accepted of rows read),
 * {@code completeness} per required field (rows with a value of rows read) and {@code rejects} per
 * rule (rows breaking it of rows read); in a table judged by field, {@code nulled} per rule (kept
 * rows with a field nulled for breaking it, of rows read); the conform stage adds {@code unmapped}.
 * Like gold, it is derived from silver and carries no run id, so a rerun of the same input leaves
 * it identical (ops.loaded_files says which run validated each file).
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
  public static final String NULLED = "nulled";

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
  private static final String NULLED_BY = "nulled:";
  private static final String FIELDS = "fields";

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
   * row's tags (read, accepted, each rule it breaks, each required field it lacks) are counted per
   * file and submitter in one aggregate, a column per tag (no row is multiplied by its tags). The
   * result is small: files × submitters × tags, leaving out tags no row carries.
   */
  static List<TagCount> count(LandingTableSpec spec, Dataset<Row> checked) {
    Column submitter = RowChecks.submitter(spec);
    // A row's failure lists are looked into only when its flag says they are not empty: most rows
    // have none, and a higher-order function (exists) is interpreted, not compiled, by Spark.
    String failures = SilverValidation.FAILURES;
    String rejected = SilverValidation.REJECTED + " AND ";
    List<String> tags = new ArrayList<>();
    List<Column> sums = new ArrayList<>();
    tags.add(OK);
    sums.add(tagged("NOT " + SilverValidation.REJECTED));
    for (Rule rule : Rule.values()) {
      tags.add(RULE + rule.id());
      sums.add(tagged(rejected + "exists(" + failures + ", f -> f.rule = '" + rule.id() + "')"));
    }
    if (spec.judgedByField()) {
      String fieldFailures = SilverValidation.FIELD_FAILURES;
      String nulled = SilverValidation.NULLED + " AND ";
      tags.add(FIELDS);
      sums.add(
          sum(when(col(SilverValidation.NULLED), expr("size(" + fieldFailures + ")")).otherwise(0))
              .cast("long"));
      for (Rule rule : Rule.values()) {
        tags.add(NULLED_BY + rule.id());
        sums.add(
            tagged(nulled + "exists(" + fieldFailures + ", f -> f.rule = '" + rule.id() + "')"));
      }
    }
    for (ColumnSpec c : spec.columns()) {
      if (c.required()) {
        tags.add(MISSING + c.name());
        sums.add(
            tagged(
                rejected
                    + "exists("
                    + failures
                    + ", f -> f.rule = '"
                    + Rule.REQUIRED.id()
                    + "' AND f.field = "
                    + SqlText.literal(c.name())
                    + ")"));
      }
    }
    List<TagCount> counts = new ArrayList<>();
    for (Row r :
        checked
            .groupBy(
                col(Lineage.SOURCE_FILE),
                col(Lineage.FINGERPRINT),
                col(Lineage.PERIOD),
                submitter.as(SUBMITTER))
            .agg(functions.count(lit(1)), sums.toArray(Column[]::new))
            .collectAsList()) {
      String file = r.getString(0);
      String fingerprint = r.getString(1);
      String period = r.getString(2);
      String by = r.isNullAt(3) ? null : r.getString(3);
      counts.add(new TagCount(file, fingerprint, period, by, ROW, r.getLong(4)));
      for (int i = 0; i < tags.size(); i++) {
        long n = r.getLong(5 + i);
        if (n > 0) {
          counts.add(new TagCount(file, fingerprint, period, by, tags.get(i), n));
        }
      }
    }
    return counts;
  }

  /** How many rows of a group satisfy {@code condition} (SQL). */
  private static Column tagged(String condition) {
    return sum(when(expr(condition), 1L).otherwise(0L));
  }

  /** Each file's reconciliation from the tag counts: read = accepted + quarantined. */
  static List<FileCounts> files(LandingTableSpec spec, List<TagCount> tags) {
    Map<List<String>, long[]> counts = new TreeMap<>(Comparator.comparing(List::toString));
    Map<List<String>, Set<String>> submitters = new HashMap<>();
    for (TagCount t : tags) {
      List<String> file = List.of(t.file(), t.fingerprint());
      long[] c = counts.computeIfAbsent(file, f -> new long[3]);
      if (t.is(ROW)) {
        c[0] += t.count();
        if (t.submitter() != null) {
          submitters.computeIfAbsent(file, f -> new TreeSet<>()).add(t.submitter());
        }
      } else if (t.is(OK)) {
        c[1] += t.count();
      } else if (t.is(FIELDS)) {
        c[2] += t.count();
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
                    c[0] - c[1],
                    c[2])));
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
          if (spec.judgedByField()) {
            for (Rule rule : Rule.values()) {
              if (spec.columns().stream().anyMatch(c -> spec.nullsField(c.name(), rule))) {
                shape.add(NULLED, rule.id(), tagged.getOrDefault(NULLED_BY + rule.id(), 0L));
              }
            }
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
