package org.mhcs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.conf.Settings;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.testing.Answers;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;

/**
 * The same dressing bought at three prices by three trusts (the review's £1.62 and £20.29 among
 * them), and a pair of gloves bought by two: unit prices, price variation as a share of spend, and
 * the opportunity to the national minimum and to the median, all worked by hand.
 */
class ProcurementMetricsTest {
  private static final MetricCatalog CATALOG = MetricCatalog.from(Settings.load(Map.of()));

  /** Conformed purchase lines (silver.conformed_purchases' columns the metrics read). */
  private static Dataset<Row> purchases() {
    return SharedSpark.session()
        .sql(
            "SELECT '2024-06' AS period, org_code, npc, procurement_category,"
                + " CAST(quantity AS DECIMAL(18,4)) AS quantity,"
                + " CAST(line_total AS DECIMAL(18,4)) AS line_total FROM VALUES"
                // DRS1 dressing: T1 two lines of 10 at £1.62 = 20 for £32.40 → £1.62;
                + " ('T1', 'DRS1', 'wound_care', 10, 16.20), ('T1', 'DRS1', 'wound_care', 10, 16.20),"
                // T2 5 at £5.00 + 15 at £3.00 = 20 for £70 → £3.50 (spend ÷ quantity, not the
                // mean of the line prices, which would be £4.00);
                + " ('T2', 'DRS1', 'wound_care', 5, 25.00), ('T2', 'DRS1', 'wound_care', 15, 45.00),"
                // T3 4 at £20.29 = £81.16 → £20.29.
                + " ('T3', 'DRS1', 'wound_care', 4, 81.16),"
                // GLV1 gloves (same national category here): T1 10 for £20 → £2.00; T2 30 for £30
                // → £1.00. A line whose category is unmapped counts in unit price only.
                + " ('T1', 'GLV1', 'wound_care', 10, 20.00), ('T2', 'GLV1', 'wound_care', 30, 30.00),"
                + " ('T3', 'GLV1', NULL, 1, 9.00)"
                + " AS t(org_code, npc, procurement_category, quantity, line_total)");
  }

  @Test
  void unitPricesPriceVariationAndOpportunities() {
    Dataset<Row> purchases = purchases();
    Dataset<Row> values =
        MetricValues.compute(List.of(CATALOG.get("unit_price")), ProductPrices.byProduct(purchases))
            .unionByName(
                MetricValues.compute(
                    List.of(CATALOG.get("price_variation_pct_spend")),
                    ProductPrices.byCategory(purchases)))
            .cache();
    // Price variation, national minimum DRS1 £1.62 and GLV1 £1.00 (T3's unmapped £9.00 line is
    // not in the category comparison):
    //   T1: DRS1 0 + GLV1 (2.00 − 1.00) × 10 = £10 of £52.40 spend = 19.0840%
    //   T2: DRS1 (3.50 − 1.62) × 20 = £37.60 + GLV1 0, of £100 = 37.60%
    //   T3: DRS1 (20.29 − 1.62) × 4 = £74.68 of £81.16 = 92.0158%
    Answers.assertRows(
        values
            .select(
                Columns.METRIC_ID,
                Columns.ORG_CODE,
                Columns.BREAKDOWN,
                Columns.NUMERATOR,
                Columns.DENOMINATOR,
                Columns.VALUE)
            .orderBy(Columns.METRIC_ID, Columns.BREAKDOWN, Columns.ORG_CODE),
        List.of(
            List.of("price_variation_pct_spend", "T1", "wound_care", 10.0, 52.4, 100 * 10 / 52.4),
            List.of("price_variation_pct_spend", "T2", "wound_care", 37.6, 100.0, 37.6),
            List.of(
                "price_variation_pct_spend", "T3", "wound_care", 74.68, 81.16, 100 * 74.68 / 81.16),
            List.of("unit_price", "T1", "DRS1", 32.4, 20.0, 1.62),
            List.of("unit_price", "T2", "DRS1", 70.0, 20.0, 3.5),
            List.of("unit_price", "T3", "DRS1", 81.16, 4.0, 20.29),
            List.of("unit_price", "T1", "GLV1", 20.0, 10.0, 2.0),
            List.of("unit_price", "T2", "GLV1", 30.0, 30.0, 1.0),
            List.of("unit_price", "T3", "GLV1", 9.0, 1.0, 9.0)),
        1e-9);

    Dataset<Row> opportunities =
        new OpportunityCalculator(CATALOG, Settings.load(Map.of()))
            .perOrganisation(values, NationalBenchmark.compute(values))
            .where("metric_id = 'unit_price'")
            .cache();
    // To the national minimum (unit price's default): DRS1 min £1.62: T2 (3.50 − 1.62) × 20 =
    // £37.60, T3 (20.29 − 1.62) × 4 = £74.68; GLV1 min £1.00: T1 (2 − 1) × 10 = £10, T3 (9 − 1)
    // × 1 = £8. To the median: DRS1 median £3.50: T3 (20.29 − 3.50) × 4 = £67.16; GLV1 median of
    // 1, 2, 9 is £2.00: T3 (9 − 2) × 1 = £7.
    Answers.assertRows(
        opportunities
            .where("opportunity_value > 0")
            .select(
                Columns.TARGET_BASIS,
                Columns.BREAKDOWN,
                Columns.ORG_CODE,
                Columns.TARGET_VALUE,
                Columns.OPPORTUNITY_VALUE)
            .orderBy(Columns.TARGET_BASIS, Columns.BREAKDOWN, Columns.ORG_CODE),
        List.of(
            List.of("median", "DRS1", "T3", 3.5, 67.16),
            List.of("median", "GLV1", "T3", 2.0, 7.0),
            List.of("national_min", "DRS1", "T2", 1.62, 37.6),
            List.of("national_min", "DRS1", "T3", 1.62, 74.68),
            List.of("national_min", "GLV1", "T1", 1.0, 10.0),
            List.of("national_min", "GLV1", "T3", 1.0, 8.0),
            // Better quartile (p25, lower is better): DRS1 1.62 + 0.5 × (3.50 − 1.62) = 2.56;
            // GLV1 1.00 + 0.5 × (2 − 1) = 1.50.
            List.of("upper_quartile", "DRS1", "T2", 2.56, (3.5 - 2.56) * 20),
            List.of("upper_quartile", "DRS1", "T3", 2.56, (20.29 - 2.56) * 4),
            List.of("upper_quartile", "GLV1", "T1", 1.5, 5.0),
            List.of("upper_quartile", "GLV1", "T3", 1.5, 7.5)),
        1e-9);
    // Second method: on the mapped lines, the national-minimum opportunity is the price-variation
    // numerators' sum, 10 + 37.60 + 74.68 = £122.28 (T3's unmapped GLV1 line adds its £8).
    double toMinimum =
        opportunities
            .where("target_basis = 'national_min'")
            .agg(org.apache.spark.sql.functions.sum(Columns.OPPORTUNITY_VALUE))
            .first()
            .getDouble(0);
    double variation =
        values
            .where("metric_id = 'price_variation_pct_spend'")
            .agg(org.apache.spark.sql.functions.sum(Columns.NUMERATOR))
            .first()
            .getDouble(0);
    assertEquals(122.28 + 8.0, toMinimum, 1e-9);
    assertEquals(122.28, variation, 1e-9);
  }
}
