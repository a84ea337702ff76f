package org.mhcs.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.Lineage;
import org.mhcs.ops.QuarantineColumns;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.warehouse.Period;

/**
 * Splits one table's bronze rows for a period into typed silver rows and quarantine rows, by the
 * checks its schema declares. The checked rows are cached until {@link #release} so counting,
 * quarantining and writing silver read bronze once.
 */
public final class SilverValidation {
  private static final String FAILURES = "_failures";

  private final LandingTableSpec spec;
  private final Dataset<Row> checked;
  private final List<FileCounts> counts;

  private SilverValidation(LandingTableSpec spec, Dataset<Row> checked, List<FileCounts> counts) {
    this.spec = spec;
    this.checked = checked;
    this.counts = counts;
  }

  /** Checks {@code bronze} (one period of one table) and counts each file's outcome. */
  public static SilverValidation of(
      LandingTableSpec spec, Dataset<Row> bronze, Period period, CodeLists codeLists) {
    List<Column> failures = new ArrayList<>();
    for (Check check : RowChecks.of(spec, period, codeLists)) {
      failures.add(
          when(
              coalesce(check.failed(), lit(false)),
              struct(
                  lit(check.field()).as("field"),
                  lit(check.rule().id()).as("rule"),
                  check.value().cast("string").as("value"))));
    }
    Dataset<Row> checked =
        bronze
            .withColumn(FAILURES, array(failures.toArray(Column[]::new)))
            .withColumn(FAILURES, expr("filter(" + FAILURES + ", f -> f is not null)"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    List<FileCounts> counts =
        checked
            .groupBy(Lineage.SOURCE_FILE)
            .agg(
                count(lit(1)).as("read"),
                sum(when(size(col(FAILURES)).gt(0), 1).otherwise(0)).as("quarantined"))
            .orderBy(Lineage.SOURCE_FILE)
            .collectAsList()
            .stream()
            .map(
                r -> {
                  long read = r.getLong(1);
                  long quarantined = r.getLong(2);
                  return new FileCounts(r.getString(0), read, read - quarantined, quarantined);
                })
            .toList();
    return new SilverValidation(spec, checked, counts);
  }

  public LandingTableSpec spec() {
    return spec;
  }

  public List<FileCounts> counts() {
    return counts;
  }

  /** Rows that passed every check, typed as declared, with their lineage. */
  public Dataset<Row> accepted() {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : spec.columns()) {
      columns.add(RowChecks.typed(column).as(column.name()));
    }
    for (String lineage : Lineage.ALL) {
      columns.add(col(lineage));
    }
    return checked.where(size(col(FAILURES)).equalTo(0)).select(columns.toArray(Column[]::new));
  }

  /** Rows that failed, one each, naming the first rule broken and listing all of them. */
  public Dataset<Row> quarantined() {
    return checked
        .where(size(col(FAILURES)).gt(0))
        .select(
            col(Lineage.PERIOD).as(QuarantineColumns.PERIOD),
            lit(spec.id()).as(QuarantineColumns.SOURCE_TABLE),
            col(Lineage.SOURCE_FILE).as(QuarantineColumns.SOURCE_FILE),
            col(Lineage.LINE).as(QuarantineColumns.LINE),
            col(FAILURES).getItem(0).getField("field").as(QuarantineColumns.FIELD),
            col(FAILURES).getItem(0).getField("rule").as(QuarantineColumns.RULE),
            col(FAILURES).getItem(0).getField("value").as(QuarantineColumns.VALUE),
            concat_ws(",", expr("transform(" + FAILURES + ", f -> f.rule)"))
                .as(QuarantineColumns.ALL_RULES),
            col(Lineage.RUN_ID).as(QuarantineColumns.RUN_ID));
  }

  /** Frees the cached rows. */
  public void release() {
    checked.unpersist();
  }
}
