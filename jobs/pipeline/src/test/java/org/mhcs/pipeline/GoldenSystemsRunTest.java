package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.Table;
import org.mhcs.systems.SystemStage;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Warehouse;

/**
 * The whole pipeline over {@code golden/systems} for June, July and August 2024: ESR sickness of
 * three trusts in region Y56. S01 is in ICB QX1 and S03 in QX2 throughout; S02 is in QX1 in the
 * June extract (etr-2024-06) and in QX2 in the August one (etr-2024-08), so it counts in QX1 in
 * June and July and in QX2 in August. Minimum denominators are lowered (GoldenRuns.SETTINGS), so
 * every trust is benchmarked.
 *
 * <p>Sick days / available days (sickness_rate_pct = 100 × sick ÷ available, lower is better):
 *
 * <pre>
 *            S01          S02          S03          QX1               QX2               Y56 = ENG
 *   June     40/1000 4%   60/1000 6%   90/1500 6%   100/2000 5%       90/1500 6%        190/3500 5.4286%
 *   July     55/1000 5.5% 75/1000 7.5% 80/1500 5.33% 130/2000 6.5%    80/1500 5.3333%   210/3500 6%
 *   August   50/1000 5%   70/1000 7%   85/1500 5.67% 50/1000 5% (S01)  155/2500 6.2%     205/3500 5.8571%
 * </pre>
 *
 * (QX2 in August: (70 + 85) / (1000 + 1500); the mean of S02's and S03's rates would be 6.33%.)
 */
class GoldenSystemsRunTest {
  private static final String SICKNESS = "sickness_rate_pct";
  static Warehouse warehouse;

  @BeforeAll
  static void runOnce() {
    warehouse = GoldenRuns.systems();
  }

  private static Dataset<Row> sickness(Table table, String... columns) {
    return warehouse
        .read(table)
        .where(functions.col("metric_id").equalTo(SICKNESS))
        .select(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values); // keeps nulls, unlike List.of
  }

  @Test
  void icbValuesComeFromSummedCountsOfTheMembersOfThatMonth() {
    // Two ICBs a month: the lower (better) is percent rank 0 and quartile 1 (at or below p25 of
    // two values), the higher 100 and quartile 4.
    Answers.assertRows(
        sickness(
                Table.SYSTEM_VALUE,
                "period",
                "level",
                "system_code",
                "n_members",
                "numerator",
                "denominator",
                "value",
                "flags",
                "percentile_rank",
                "quartile")
            .orderBy("period", "level", "system_code"),
        List.of(
            row("2024-06", "icb", "QX1", 2, 100.0, 2000.0, 5.0, null, 0.0, 1),
            row("2024-06", "icb", "QX2", 1, 90.0, 1500.0, 6.0, null, 100.0, 4),
            row("2024-06", "national", "ENG", 3, 190.0, 3500.0, 19000.0 / 3500, null, null, null),
            row("2024-06", "region", "Y56", 3, 190.0, 3500.0, 19000.0 / 3500, null, 0.0, 1),
            row("2024-07", "icb", "QX1", 2, 130.0, 2000.0, 6.5, null, 100.0, 4),
            row("2024-07", "icb", "QX2", 1, 80.0, 1500.0, 8000.0 / 1500, null, 0.0, 1),
            row("2024-07", "national", "ENG", 3, 210.0, 3500.0, 6.0, null, null, null),
            row("2024-07", "region", "Y56", 3, 210.0, 3500.0, 6.0, null, 0.0, 1),
            // S02 has moved: QX1 is S01 alone, QX2 is S02 and S03.
            row("2024-08", "icb", "QX1", 1, 50.0, 1000.0, 5.0, null, 0.0, 1),
            row("2024-08", "icb", "QX2", 2, 155.0, 2500.0, 6.2, null, 100.0, 4),
            row("2024-08", "national", "ENG", 3, 205.0, 3500.0, 20500.0 / 3500, null, null, null),
            row("2024-08", "region", "Y56", 3, 205.0, 3500.0, 20500.0 / 3500, null, 0.0, 1)),
        1e-9);
  }

  @Test
  void icbDistributionAndRanksWithinRegionAndIcbInAugust() {
    // ICBs 5 and 6.2: p = 5 + q × 1.2 → p10 5.12, p25 5.3, p50 5.6, p75 5.9, p90 6.08.
    Answers.assertRows(
        sickness(Table.SYSTEM_BENCHMARK, "level", "n_systems", "p10", "p25", "p50", "p75", "p90")
            .where("period = '2024-08' AND level = 'icb'"),
        List.of(row("icb", 2, 5.12, 5.3, 5.6, 5.9, 6.08)),
        1e-9);
    // Region Y56: S01 5 (1st), S03 5.6667 (2nd), S02 7 (3rd); median 5.6667.
    // QX1: S01 alone. QX2: S03 1st, S02 2nd; median (5.6667 + 7) / 2 = 6.3333.
    Answers.assertRows(
        sickness(
                Table.ORG_SYSTEM_POSITION,
                "org_code",
                "region_code",
                "region_n_orgs",
                "region_rank",
                "region_p50",
                "icb_code",
                "icb_n_orgs",
                "icb_rank",
                "icb_p50")
            .where("period = '2024-08'")
            .orderBy("org_code"),
        List.of(
            row("S01", "Y56", 3, 1, 8500.0 / 1500, "QX1", 1, 1, 5.0),
            row("S02", "Y56", 3, 3, 8500.0 / 1500, "QX2", 2, 2, (8500.0 / 1500 + 7) / 2),
            row("S03", "Y56", 3, 2, 8500.0 / 1500, "QX2", 2, 1, (8500.0 / 1500 + 7) / 2)),
        1e-9);
  }

  @Test
  void icbTrendsWithTheTwoProportionTest() {
    // Two-proportion z-test of each ICB's month against the month before (ChangeTests):
    // pooled p = (n1 + n2) / (d1 + d2), z = (n2/d2 − n1/d1) / √(p (1 − p) (1/d1 + 1/d2)).
    // QX1 July: p = 230/4000 = 0.0575, sd √(0.0575 × 0.9425 × 0.001) = 0.0073616,
    //   z = 0.015 / 0.0073616 = 2.03759, p = 0.0415910 < 0.05: significant.
    // QX1 August (against S01 and S02 in July; the ICB's members changed, its figure is the
    //   ICB's): p = 180/3000 = 0.06, sd √(0.06 × 0.94 × 0.0015) = 0.0091978,
    //   z = −0.015 / 0.0091978 = −1.63082, p = 0.102928.
    // QX2 July: p = 170/3000, sd 0.0084424, z = −0.0066667 / 0.0084424 = −0.78967, p = 0.429723.
    // QX2 August: p = 235/4000 = 0.05875, sd √(0.05875 × 0.94125 × (1/1500 + 1/2500)) =
    //   0.0076802, z = 0.0086667 / 0.0076802 = 1.12845, p = 0.259131.
    // Second method: Pearson's chi-squared of each 2 × 2 table (sick, not sick × month) without
    //   continuity correction is z²: 4.15177, 2.65957, 0.62357, 1.27339, with the same p-values
    //   (scipy.stats.chi2_contingency). No August 2023: no year-earlier figures.
    // National median of the trusts: June 4, 6, 6 → 6; July 5.5, 7.5, 5.3333 → 5.5; August 5,
    //   7, 5.6667 → 5.6667. The basis (definition, mapping) is unchanged; June has no May to
    //   compare with.
    Answers.assertRows(
        sickness(
                Table.METRIC_TREND,
                "entity_code",
                "period",
                "value",
                "previous_period",
                "previous_value",
                "change",
                "change_p_value",
                "change_significant",
                "year_ago_value",
                "test",
                "national_p50",
                "basis_changed")
            .where("level = 'icb'")
            .orderBy("entity_code", "period"),
        List.of(
            row(
                "QX1",
                "2024-06",
                5.0,
                null,
                null,
                null,
                null,
                null,
                null,
                "two_proportion_z",
                6.0,
                null),
            row(
                "QX1",
                "2024-07",
                6.5,
                "2024-06",
                5.0,
                1.5,
                0.0415910,
                true,
                null,
                "two_proportion_z",
                5.5,
                false),
            row(
                "QX1",
                "2024-08",
                5.0,
                "2024-07",
                6.5,
                -1.5,
                0.1029283,
                false,
                null,
                "two_proportion_z",
                8500.0 / 1500,
                false),
            row(
                "QX2",
                "2024-06",
                6.0,
                null,
                null,
                null,
                null,
                null,
                null,
                "two_proportion_z",
                6.0,
                null),
            row(
                "QX2",
                "2024-07",
                8000.0 / 1500,
                "2024-06",
                6.0,
                8000.0 / 1500 - 6,
                0.4297234,
                false,
                null,
                "two_proportion_z",
                5.5,
                false),
            row(
                "QX2",
                "2024-08",
                6.2,
                "2024-07",
                8000.0 / 1500,
                6.2 - 8000.0 / 1500,
                0.2591310,
                false,
                null,
                "two_proportion_z",
                8500.0 / 1500,
                false)),
        1e-6);
    // Every trust, ICB, region and England each month: (3 + 2 + 1 + 1) × 3.
    assertEquals(21, warehouse.read(Table.METRIC_TREND).count());
  }

  @Test
  void theMovingTrustsOpportunityCountsInTheIcbItWasInThatMonth() {
    // Against the national median (the default target), in WTE: (value − median) / 100 × days
    // available / days in the month. June: median 6, nobody above. July: median 5.5, S02 7.5 →
    // 2 / 100 × 1000 / 31 = 0.645161, in QX1. August: median 5.6667, S02 7 → 1.3333 / 100 × 1000
    // / 31 = 0.430108, now in QX2.
    Answers.assertRows(
        warehouse
            .read(Table.SYSTEM_OPPORTUNITY)
            .where("level = 'icb' AND family = 'workforce'")
            .select("period", "system_code", "opportunity_unit", "metrics", "n_orgs", "total")
            .orderBy("period", "system_code"),
        List.of(
            row("2024-06", "QX1", "wte", SICKNESS, 0, 0.0),
            row("2024-06", "QX2", "wte", SICKNESS, 0, 0.0),
            row("2024-07", "QX1", "wte", SICKNESS, 1, 20.0 / 31),
            row("2024-07", "QX2", "wte", SICKNESS, 0, 0.0),
            row("2024-08", "QX1", "wte", SICKNESS, 0, 0.0),
            row("2024-08", "QX2", "wte", SICKNESS, 1, (7 - 8500.0 / 1500) * 10 / 31)),
        1e-9);
  }

  @Test
  void aRerunOfTheStageLeavesTheTrendTableAsItWas() {
    Warehouse copy = GoldenRuns.copyOf(warehouse, "systems-rerun-");
    long before = copy.version(Table.METRIC_TREND);
    Settings settings = Settings.load(GoldenRuns.SETTINGS);
    MetricCatalog catalog = MetricCatalog.from(settings);
    new SystemStage(
            copy,
            catalog,
            new OpportunityCalculator(catalog, settings),
            new RunLog("rerun", "2024-08", line -> {}))
        .execute(Period.parse("2024-08"));
    // system_value was rewritten (a new version with the same rows), the trend was not.
    assertEquals(before, copy.version(Table.METRIC_TREND));
  }
}
