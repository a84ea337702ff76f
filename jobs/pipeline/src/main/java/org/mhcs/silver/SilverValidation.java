package org.mhcs.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.ReloadScope;
import org.mhcs.ops.QuarantineColumns;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.Reference;
import org.mhcs.schema.Rule;
import org.mhcs.schema.SqlText;

/**
 * Splits one table's bronze rows in a reload scope into typed silver rows and quarantine rows, by
 * the checks its schema declares. The checked rows are cached until {@link #release} so counting,
 * quarantining and writing silver read bronze once.
 */
public final class SilverValidation {
  /** The failures that quarantine a row (all it broke), or none when the row is kept. */
  static final String FAILURES = "_failures";

  /**
   * In a table judged by field, a kept row's failures that each null one field; empty otherwise
   * ({@link LandingTableSpec#nullsField}).
   */
  static final String FIELD_FAILURES = "_field_failures";

  /**
   * Whether {@link #FAILURES} is not empty (the row is quarantined), and whether {@link
   * #FIELD_FAILURES} is not: computed once per row and cached beside them, so that the readers of
   * the checked rows (the scorecard's tag counts above all) look into the lists of the few rows
   * that have any, rather than into every row's.
   */
  static final String REJECTED = "_rejected";

  /** Whether {@link #FIELD_FAILURES} is not empty (a kept row had fields nulled); see above. */
  static final String NULLED = "_nulled";

  private final ReloadScope scope;
  private final Dataset<Row> checked;
  private final List<DataQuality.TagCount> tags;
  private final List<FileCounts> counts;

  /** The keys a reference may point at: {@code table}'s accepted rows for the period. */
  public record Referenced(Reference reference, Dataset<Row> rows) {}

  private SilverValidation(
      ReloadScope scope,
      Dataset<Row> checked,
      List<DataQuality.TagCount> tags,
      List<FileCounts> counts) {
    this.scope = scope;
    this.checked = checked;
    this.tags = tags;
    this.counts = counts;
  }

  /** Checks {@code bronze} (the scope's rows) and counts each file's outcome. */
  public static SilverValidation of(
      ReloadScope scope, Dataset<Row> bronze, CodeLists codeLists, List<Referenced> referenced) {
    LandingTableSpec spec = scope.spec();
    List<Check> checks = new ArrayList<>(RowChecks.of(spec, scope.window(), codeLists));
    Dataset<Row> typed = RowChecks.withTypedValues(bronze, spec);
    Dataset<Row> rows = spec.key().isEmpty() ? typed : KeyChecks.markDuplicates(typed, spec.key());
    for (int i = 0; i < referenced.size(); i++) {
      Referenced r = referenced.get(i);
      rows = KeyChecks.markOrphans(rows, r.reference(), r.rows(), i);
      List<String> from = r.reference().columns();
      Column text =
          concat_ws("|", from.stream().map(c -> col(RowChecks.quoted(c))).toArray(Column[]::new));
      checks.add(
          new Check(
              String.join("+", from) + " -> " + r.reference().table(),
              Rule.REFERENCE,
              col(KeyChecks.orphan(i)),
              text));
    }
    checks.sort((a, b) -> a.rule().compareTo(b.rule()));
    List<Column> failures = new ArrayList<>();
    Column shapeFailure = null;
    for (Check check : checks) {
      Column failure =
          when(
              coalesce(check.failed(), lit(false)),
              struct(
                  lit(check.field()).as("field"),
                  lit(check.rule().id()).as("rule"),
                  check.value().cast("string").as("value"),
                  lit(spec.nullsField(check.field(), check.rule())).as("nulls_field")));
      failures.add(failure);
      if (check.rule() == Rule.MALFORMED) {
        shapeFailure = failure;
      }
    }
    // A record of the wrong shape is judged on its shape alone: its values sit under the wrong
    // headings (or, in a table of identifiers, were not kept), so other rules would only be noise.
    Column allFailures = array(failures.toArray(Column[]::new));
    Column judged =
        when(col(Lineage.MALFORMED).isNotNull(), array(shapeFailure)).otherwise(allFailures);
    List<Column> keep = new ArrayList<>();
    for (String c : typed.columns()) {
      keep.add(typed.col(RowChecks.quoted(c)));
    }
    // A row is quarantined when it breaks any rule that is not a field's own (all of them, in a
    // table judged by row); it then lists every rule it broke. A kept row's failures null fields.
    String broken = "filter(" + FAILURES + ", f -> f IS NOT NULL)";
    String rowFailed = "exists(" + FAILURES + ", f -> NOT f.nulls_field)";
    Column rowFailures = expr(broken);
    Column fieldFailures = expr("filter(" + FAILURES + ", f -> false)");
    if (spec.judgedByField()) {
      rowFailures = expr("IF(" + rowFailed + ", " + broken + ", array())");
      fieldFailures = expr("IF(" + rowFailed + ", array(), " + broken + ")");
    }
    Dataset<Row> checkedRows =
        rows.withColumn(FAILURES, judged)
            .select(concat(keep, rowFailures.as(FAILURES), fieldFailures.as(FIELD_FAILURES)))
            .withColumn(REJECTED, size(col(FAILURES)).gt(0))
            .withColumn(NULLED, size(col(FIELD_FAILURES)).gt(0))
            .persist(StorageLevel.MEMORY_AND_DISK());
    List<DataQuality.TagCount> tags = DataQuality.count(spec, checkedRows);
    return new SilverValidation(scope, checkedRows, tags, DataQuality.files(spec, tags));
  }

  private static Column[] concat(List<Column> columns, Column... more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(List.of(more));
    return all.toArray(Column[]::new);
  }

  public ReloadScope scope() {
    return scope;
  }

  public LandingTableSpec spec() {
    return scope.spec();
  }

  public List<FileCounts> counts() {
    return counts;
  }

  /** The checked rows' tag counts per file and submitter, for the scorecard. */
  List<DataQuality.TagCount> tags() {
    return tags;
  }

  /**
   * Rows that passed every check, typed as declared, with their lineage; in a table judged by
   * field, the fields that broke their rule are null and named in {@link Lineage#NULLED_FIELDS}.
   */
  public Dataset<Row> accepted() {
    List<String> nullable = spec().nullableOnFailure();
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : spec().columns()) {
      Column value = RowChecks.typedValue(column);
      if (nullable.contains(column.name())) {
        value = when(failed(column.name()).unary_$bang(), value);
      }
      columns.add(value.as(column.name()));
    }
    for (String lineage : Lineage.ALL) {
      columns.add(col(lineage));
    }
    if (spec().judgedByField()) {
      columns.add(
          when(
                  col(NULLED),
                  concat_ws(
                      ",", expr("array_distinct(transform(" + FIELD_FAILURES + ", f -> f.field))")))
              .as(Lineage.NULLED_FIELDS));
    }
    return checked.where(not(col(REJECTED))).select(columns.toArray(Column[]::new));
  }

  /** Rows that failed, one each, naming the first rule broken and listing all of them. */
  public Dataset<Row> quarantined() {
    return checked
        .where(col(REJECTED))
        .select(
            whereItWas(
                col(FAILURES).getItem(0),
                concat_ws(",", expr("transform(" + FAILURES + ", f -> f.rule)"))
                    .as(QuarantineColumns.ALL_RULES)));
  }

  /**
   * The quarantine columns of one failure: the row's period, table, submitter, file and line, then
   * the failure's field, rule and value, then {@code more}, then the run.
   */
  private Column[] whereItWas(Column failure, Column... more) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(Lineage.PERIOD).as(QuarantineColumns.PERIOD));
    columns.add(lit(spec().id()).as(QuarantineColumns.SOURCE_TABLE));
    columns.add(RowChecks.submitter(spec()).as(QuarantineColumns.SUBMITTER));
    columns.add(col(Lineage.SOURCE_FILE).as(QuarantineColumns.SOURCE_FILE));
    columns.add(col(Lineage.LINE).as(QuarantineColumns.LINE));
    columns.add(failure.getField("field").as(QuarantineColumns.FIELD));
    columns.add(failure.getField("rule").as(QuarantineColumns.RULE));
    columns.add(failure.getField("value").as(QuarantineColumns.VALUE));
    columns.addAll(List.of(more));
    columns.add(col(Lineage.RUN_ID).as(QuarantineColumns.RUN_ID));
    return columns.toArray(Column[]::new);
  }

  /** Whether a kept row's {@code field} broke its rule. */
  private static Column failed(String field) {
    return col(NULLED)
        .and(expr("exists(" + FIELD_FAILURES + ", f -> f.field = " + SqlText.literal(field) + ")"));
  }

  /** One row per field nulled in a kept row: where it was, the rule it broke and its value. */
  public Dataset<Row> quarantinedFields() {
    return checked
        .where(col(NULLED))
        .withColumn("_field_failure", explode(col(FIELD_FAILURES)))
        .select(whereItWas(col("_field_failure")));
  }

  /** Frees the cached rows. */
  public void release() {
    checked.unpersist();
  }
}
