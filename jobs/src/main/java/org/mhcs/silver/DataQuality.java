package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
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

  /**
   * The scorecard rows of one validated scope. One pass tags each row (read, accepted, each rule it
   * breaks once, each required field it lacks) and counts tags per submitter; the few counts are
   * shaped into rows on the driver, with zeros for rules and fields nobody broke.
   */
  static List<Row> of(SilverValidation v) {
    LandingTableSpec spec = v.spec();
    Column submitter =
        spec.submitter() == null
            ? lit(null).cast("string")
            : trim(col(RowChecks.quoted(spec.submitter())));
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
    Map<List<String>, Map<String, Long>> counts = new HashMap<>();
    for (Row r :
        v.checked()
            .select(col(Lineage.PERIOD), submitter.as(SUBMITTER), explode(tags).as("tag"))
            .groupBy(Lineage.PERIOD, SUBMITTER, "tag")
            .count()
            .collectAsList()) {
      List<String> group = new ArrayList<>();
      group.add(r.getString(0));
      group.add(r.isNullAt(1) ? null : r.getString(1));
      counts.computeIfAbsent(group, g -> new HashMap<>()).put(r.getString(2), r.getLong(3));
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
