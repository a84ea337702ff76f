package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * The procurement aggregates: what each organisation paid per product (NPC) in the month, spend ÷
 * quantity over all its lines, and per national procurement category how much of its spend was
 * above the lowest price any organisation paid for the same products.
 */
public final class ProductPrices {
  public static final String SPEND = "spend_gbp";
  public static final String EXCESS_SPEND = "spend_above_national_min_gbp";

  private ProductPrices() {}

  /** Per organisation × NPC (the breakdown): spend and quantity. */
  public static Dataset<Row> byProduct(Dataset<Row> purchases) {
    return spendAndQuantity(
        purchases,
        col(Columns.PERIOD),
        col(Columns.ORG_CODE),
        col(Columns.NPC).as(Columns.BREAKDOWN));
  }

  private static Dataset<Row> spendAndQuantity(Dataset<Row> purchases, Column... grain) {
    return purchases
        .groupBy(grain)
        .agg(
            sum(Columns.LINE_TOTAL).cast("double").as(SPEND),
            sum(Columns.QUANTITY).cast("double").as(Columns.QUANTITY))
        .withColumn(Columns.SERVICE_LINE, lit(Columns.ALL));
  }

  /**
   * Per organisation × national procurement category (the breakdown): its spend, and Σ over its
   * products of max(0, its unit price − the national minimum unit price) × its quantity. Lines
   * whose category is unmapped are left out (they are in {@code ops.unmapped_codes}).
   */
  public static Dataset<Row> byCategory(Dataset<Row> purchases) {
    Dataset<Row> products =
        spendAndQuantity(
                purchases.where(col(Columns.PROCUREMENT_CATEGORY).isNotNull()),
                col(Columns.PERIOD),
                col(Columns.ORG_CODE),
                col(Columns.NPC).as(Columns.BREAKDOWN),
                col(Columns.PROCUREMENT_CATEGORY))
            .where(col(Columns.QUANTITY).gt(0))
            .withColumn("unit_price", col(SPEND).divide(col(Columns.QUANTITY)));
    Dataset<Row> lowest =
        products
            .groupBy(col(Columns.BREAKDOWN).as("m_npc"))
            .agg(min("unit_price").as("national_min"));
    return products
        .join(lowest, col(Columns.BREAKDOWN).equalTo(col("m_npc")))
        .groupBy(
            col(Columns.PERIOD),
            col(Columns.ORG_CODE),
            col(Columns.PROCUREMENT_CATEGORY).as(Columns.BREAKDOWN))
        .agg(
            // Exact sums, so the result does not depend on the order shuffle blocks arrive in.
            ExactSums.sumOf(col(SPEND)).as(SPEND),
            ExactSums.sumOf(
                    greatest(lit(0.0), col("unit_price").minus(col("national_min")))
                        .multiply(col(Columns.QUANTITY)))
                .as(EXCESS_SPEND))
        .withColumn(Columns.SERVICE_LINE, lit(Columns.ALL));
  }
}
