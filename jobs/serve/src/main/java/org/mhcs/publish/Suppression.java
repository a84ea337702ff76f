package org.mhcs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Small-number suppression for everything published (reports, exports), as NHS England publishes
 * counts of people and events: 0 stays 0, 1 to 7 becomes {@code *}, anything else is rounded to the
 * nearest 5, so a small count can be neither read nor recovered by subtraction from a total rounded
 * the same way. Which columns count people or events is declared in {@code schemas/} ({@code
 * suppress: true}).
 */
public final class Suppression {
  /** What a suppressed small count shows as. */
  public static final String MASK = "*";

  /** Counts from 1 to this are masked. */
  public static final int LARGEST_MASKED = 7;

  private static final int ROUND_TO = 5;

  private Suppression() {}

  /**
   * One published cell. Non-whole values (hours, £) are treated as counts too: anything above 0 and
   * below 7.5 rounds to a count from 1 to 7 and is masked.
   */
  public static String cell(Double value) {
    if (value == null || value.isNaN()) {
      return null;
    }
    double magnitude = Math.abs(value);
    if (magnitude == 0) {
      return "0";
    }
    if (magnitude < LARGEST_MASKED + 0.5) {
      return MASK;
    }
    long rounded = ROUND_TO * Math.round(magnitude / ROUND_TO);
    return Long.toString(value < 0 ? -rounded : rounded);
  }

  /** Whether the count in {@code value} is one that {@link #column} masks (1 to 7). */
  public static Column masks(Column value) {
    Column magnitude = functions.abs(value);
    return magnitude.gt(0).and(magnitude.lt(LARGEST_MASKED + 0.5));
  }

  /** The same rule as a Spark column (a string column), so exports never collect rows. */
  public static Column column(Column value) {
    Column magnitude = functions.abs(value);
    Column rounded =
        functions
            .round(magnitude.divide(ROUND_TO), 0)
            .multiply(ROUND_TO)
            .cast("long")
            .multiply(functions.signum(value).cast("long"));
    return when(value.isNull().or(functions.isnan(value)), lit(null).cast("string"))
        .when(magnitude.equalTo(0), lit("0"))
        .when(masks(value), lit(MASK))
        .otherwise(rounded.cast("string"));
  }

  /** {@code rows} with each of {@code columns} it holds replaced by its suppressed text. */
  public static Dataset<Row> apply(Dataset<Row> rows, Set<String> columns) {
    Dataset<Row> out = rows;
    for (String c : rows.columns()) {
      if (columns.contains(c)) {
        out = out.withColumn(c, column(col(c).cast("double")));
      }
    }
    return out;
  }
}
