package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.ingest.Lineage;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;

/**
 * {@code ops.data_quality}: a scorecard per submitter, table and period, one row per measure, so BI
 * tools can chart it without reshaping. Measures: {@code accepted} (rows accepted of rows read),
 * {@code completeness} per required field (rows with a value of rows read) and {@code rejects} per
 * rule (rows breaking it of rows read). Unmapped codes add {@code unmapped} rows in the conform
 * stage.
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
  public static final String RUN_ID = "run_id";

  public static final String ACCEPTED = "accepted";
  public static final String COMPLETENESS = "completeness";
  public static final String REJECTS = "rejects";
  public static final String UNMAPPED = "unmapped";

  private DataQuality() {}

  /** The scorecard rows of one validated scope. */
  static Dataset<Row> of(SilverValidation v, String runId) {
    LandingTableSpec spec = v.spec();
    Column submitter =
        spec.submitter() == null
            ? lit(null).cast("string")
            : trim(col(RowChecks.quoted(spec.submitter())));
    List<Column> aggregates = new ArrayList<>();
    List<String[]> items = new ArrayList<>();
    aggregates.add(count(lit(1)).as("_read"));
    aggregates.add(
        sum(when(size(col(SilverValidation.FAILURES)).equalTo(0), 1).otherwise(0)).as("_m0"));
    items.add(new String[] {ACCEPTED, "rows"});
    for (ColumnSpec c : spec.columns()) {
      if (c.required()) {
        Column text = col(RowChecks.quoted(c.name()));
        aggregates.add(
            sum(when(text.isNotNull().and(trim(text).notEqual("")), 1).otherwise(0))
                .as("_m" + items.size()));
        items.add(new String[] {COMPLETENESS, c.name()});
      }
    }
    for (Rule rule : Rule.values()) {
      aggregates.add(
          sum(when(
                      expr(
                          "exists("
                              + SilverValidation.FAILURES
                              + ", f -> f.rule = '"
                              + rule.id()
                              + "')"),
                      1)
                  .otherwise(0))
              .as("_m" + items.size()));
      items.add(new String[] {REJECTS, rule.id()});
    }
    Dataset<Row> sums =
        v.checked()
            .groupBy(col(Lineage.PERIOD).as(PERIOD), submitter.as(SUBMITTER))
            .agg(
                aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    // One row per measure: stack the sums (_m<i> is item i).
    StringBuilder stack = new StringBuilder("stack(" + items.size());
    for (int i = 0; i < items.size(); i++) {
      stack.append(String.format(", '%s', '%s', _m%d", items.get(i)[0], items.get(i)[1], i));
    }
    stack.append(") as (" + MEASURE + ", " + ITEM + ", " + NUMERATOR + ")");
    return sums.selectExpr(PERIOD, SUBMITTER, "_read", stack.toString())
        .select(
            col(PERIOD),
            col(SUBMITTER),
            lit(spec.id()).as(SOURCE_TABLE),
            col(MEASURE),
            col(ITEM),
            col(NUMERATOR).cast("long").as(NUMERATOR),
            col("_read").as(DENOMINATOR),
            expr("round(100.0 * " + NUMERATOR + " / _read, 2)").cast("double").as(PERCENT),
            lit(runId).as(RUN_ID));
  }
}
