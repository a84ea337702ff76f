package org.mhcs.benchmark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mhcs.testing.MetricRows.row;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;

class NationalBenchmarkTest {
  private static final String[] STATS = {
    "n_orgs", "p10", "p25", "p50", "p75", "p90", "mean", "min", "max"
  };

  @Test
  void percentilesInterpolateLinearlyBetweenOrderStatistics() {
    // Five organisations 10, 20, 30, 40, 100. Position of percentile p is p × (n − 1) = 4p:
    //   p10: 0.4 → 10 + 0.4 × (20 − 10) = 14      p25: 1.0 → 20
    //   p50: 2.0 → 30                             p75: 3.0 → 40
    //   p90: 3.6 → 40 + 0.6 × (100 − 40) = 76
    // mean (10 + 20 + 30 + 40 + 100) / 5 = 40.
    Dataset<Row> values =
        MetricRows.of(
            List.of(
                row("m", "O1", 10, null),
                row("m", "O2", 20, null),
                row("m", "O3", 30, null),
                row("m", "O4", 40, null),
                row("m", "O5", 100, null)));
    Answers.assertRows(
        NationalBenchmark.compute(values).selectExpr(STATS),
        List.of(List.of(5L, 14.0, 20.0, 30.0, 40.0, 76.0, 40.0, 10.0, 100.0)),
        1e-9);
  }

  @Test
  void flaggedOrganisationsAreReportedButLeftOutOfTheDistribution() {
    // O3 (1000) is below its minimum denominator: the distribution is 10, 20, 40 only.
    //   p10: 0.2 → 10 + 0.2 × 10 = 12; p25: 0.5 → 15; p50: 20; p75: 1.5 → 30; p90: 1.8 → 36.
    Dataset<Row> values =
        MetricRows.of(
            List.of(
                row("m", "O1", 10, null),
                row("m", "O2", 20, null),
                row("m", "O3", 1000, "below_min_denominator"),
                row("m", "O4", 40, null)));
    Answers.assertRows(
        NationalBenchmark.compute(values).selectExpr(STATS),
        List.of(List.of(3L, 12.0, 15.0, 20.0, 30.0, 36.0, 70.0 / 3, 10.0, 40.0)),
        1e-9);
  }

  @Test
  void refusesTwoValuesForOneOrganisation() {
    Dataset<Row> values =
        MetricRows.of(List.of(row("m", "O1", 10, null), row("m", "O1", 20, null)));
    assertThrows(IllegalStateException.class, () -> NationalBenchmark.compute(values));
  }
}
