package org.mhcs.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;
import org.mhcs.testing.Answers;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;

/**
 * A field silver nulled for breaking its rule (named in {@code _nulled_fields}) leaves out only the
 * figures built from it: a total with a nulled part is unknown, not a smaller total.
 */
class NulledFieldsInReturnsTest {
  private static final MetricCatalog CATALOG = MetricCatalog.from(Settings.load(Map.of()));

  @Test
  void aNulledPartLeavesItsTotalOutAndTheTrustsOtherFiguresIn() {
    // Both trusts, 2016-17 style, GIA 10,000 m², energy £40,000 over 800,000 kWh of gas.
    // A01: maintenance 1,000,000 + other hard FM −50,000 (a balancing item: credits) + other
    //   soft FM 500,000 = 1,450,000 → £145 per m²; £0.05 per kWh.
    // B02: other soft FM broke its rule, so silver nulled it: the total is unknown (counting it as
    //   none would give £95 per m²), while energy is still £0.05 per kWh.
    // C03: gas broke its rule: energy consumed is unknown; costs £100 per m² stand.
    Dataset<Row> trusts =
        SharedSpark.session()
            .sql(
                "SELECT org_code, CAST(m AS DECIMAL(18,4)) AS estates_maintenance_cost_gbp,"
                    + " CAST(h AS DECIMAL(18,4)) AS other_hard_fm_cost_gbp,"
                    + " CAST(s AS DECIMAL(18,4)) AS other_soft_fm_cost_gbp,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS hard_fm_cost_gbp,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS soft_fm_cost_gbp,"
                    + " CAST(10000 AS DECIMAL(18,4)) AS gross_internal_floor_area_m2,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS occupied_floor_area_m2,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS non_clinical_space_m2,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS empty_space_pct,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS underused_space_pct,"
                    + " CAST(40000 AS DECIMAL(18,4)) AS energy_cost_gbp,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS electricity_kwh,"
                    + " CAST(gas AS DECIMAL(18,4)) AS gas_kwh,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS oil_kwh,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS coal_kwh,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS steam_kwh,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS hot_water_kwh,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS renewable_electricity_kwh,"
                    + " CAST(NULL AS DECIMAL(18,4)) AS renewable_fuel_kwh,"
                    + " nulled AS _nulled_fields FROM VALUES"
                    + " ('A01', 1000000, -50000, 500000, 800000, NULL),"
                    + " ('B02', 1000000, -50000, NULL, 800000, 'other_soft_fm_cost_gbp'),"
                    + " ('C03', 600000, 100000, 300000, NULL, 'gas_kwh')"
                    + " AS t(org_code, m, h, s, gas, nulled)");
    Dataset<Row> values =
        MetricValues.fromReturns(
            List.of(CATALOG.get("ef_cost_per_m2"), CATALOG.get("energy_cost_per_kwh")),
            TrustReturns.aggregate(
                    Optional.of(trusts), Optional.empty(), Optional.empty(), "2016-17")
                .orElseThrow());
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected("ef_cost_per_m2", "A01", "ALL", 1450000.0, 10000.0, 145.0, null),
            MetricRows.expected(
                "ef_cost_per_m2", "B02", "ALL", null, 10000.0, null, "not_returned"),
            MetricRows.expected("ef_cost_per_m2", "C03", "ALL", 1000000.0, 10000.0, 100.0, null),
            MetricRows.expected("energy_cost_per_kwh", "A01", "ALL", 40000.0, 800000.0, 0.05, null),
            MetricRows.expected("energy_cost_per_kwh", "B02", "ALL", 40000.0, 800000.0, 0.05, null),
            MetricRows.expected(
                "energy_cost_per_kwh", "C03", "ALL", 40000.0, null, null, "no_denominator")),
        1e-9);
  }
}
