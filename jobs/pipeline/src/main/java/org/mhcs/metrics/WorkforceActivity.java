package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * The per organisation × month aggregates workforce metrics are ratios of (service line {@code
 * ALL}): sickness days from ESR's sickness extract, summed over every assignment before any
 * dividing, and contracted WTE by staff group from the conformed capacity. Joined full outer, so an
 * organisation with only one of the two still shows; when one source has not landed at all, the
 * metrics of the other are still computed.
 */
public final class WorkforceActivity {
  public static final String DAYS_SICK = "fte_days_sick";
  public static final String DAYS_AVAILABLE = "fte_days_available";
  public static final String MEDICAL_WTE = "medical_wte";
  public static final String ALL_WTE = "all_wte";

  /** ESR's staff group of doctors and dentists, as ESR spells it. */
  static final String MEDICAL = "Medical and Dental";

  private WorkforceActivity() {}

  /**
   * @param sickness silver {@code esr/sickness} rows of the month, if landed
   * @param capacity {@code silver.conformed_capacity} rows of the month (every assignment), if
   *     built; at least one of the two is present, and the other's figures are then null
   */
  public static Dataset<Row> aggregate(
      Optional<Dataset<Row>> sickness, Optional<Dataset<Row>> capacity, String period) {
    Optional<Dataset<Row>> sick =
        sickness.map(
            s ->
                s.groupBy(col("Org_Code").as(Columns.ORG_CODE))
                    .agg(
                        sum("FTE_Days_Sick").cast("double").as(DAYS_SICK),
                        sum("FTE_Days_Available").cast("double").as(DAYS_AVAILABLE)));
    Optional<Dataset<Row>> wte =
        capacity.map(
            c ->
                c.groupBy(Columns.ORG_CODE)
                    .agg(
                        sum(when(
                                    col(Columns.STAFF_GROUP).equalTo(MEDICAL),
                                    col(Columns.CONTRACTED_WTE))
                                .otherwise(lit(0)))
                            .cast("double")
                            .as(MEDICAL_WTE),
                        sum(Columns.CONTRACTED_WTE).cast("double").as(ALL_WTE)));
    Dataset<Row> joined =
        sick.isPresent() && wte.isPresent()
            ? sick.get().join(wte.get(), new String[] {Columns.ORG_CODE}, "full_outer")
            : sick.map(s -> withNulls(s, MEDICAL_WTE, ALL_WTE))
                .orElseGet(() -> withNulls(wte.orElseThrow(), DAYS_SICK, DAYS_AVAILABLE));
    return joined
        .withColumn(Columns.PERIOD, lit(period))
        .withColumn(Columns.SERVICE_LINE, lit(Columns.ALL));
  }

  /** {@code rows} with {@code columns} added as null figures: their source did not land. */
  private static Dataset<Row> withNulls(Dataset<Row> rows, String... columns) {
    for (String c : columns) {
      rows = rows.withColumn(c, lit(null).cast("double"));
    }
    return rows;
  }
}
