package org.mhcs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.Repository;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Estates metrics from a real ERIC row (Northumberland, Tyne and Wear, 2015-16, line 191 of NHS
 * Digital's published file, ingested through its schema), estates from a hand-made 2016-17-style
 * return with site-level shares, and corporate-services metrics from hand-made finance summaries.
 */
class EstatesAndCorporateMetricsTest {
  private static final MetricCatalog CATALOG = MetricCatalog.from(Settings.load(Map.of()));
  private static Dataset<Row> realTrusts;

  @BeforeAll
  static void loadTheRealFile() throws Exception {
    Warehouse warehouse = GoldenRuns.newWarehouse();
    Path landing = SharedSpark.newFolder("eric-metrics-");
    Path folder = Files.createDirectories(landing.resolve("eric/trust/2015-16"));
    Files.copy(
        Repository.ROOT.resolve("data/public/eric/trust/2015-16/ERIC-2015-16.csv"),
        folder.resolve("ERIC-2015-16.csv"));
    LandingLoads.load(warehouse, SchemaCatalog.bundled(), landing, Period.parse("2015-06"));
    realTrusts = warehouse.read(Table.silver("eric_trust")).where("_period = '2015-16'");
  }

  /** Finance summaries: RX4 (hand-made income for the real estates row) and ZZ1 (no ERIC). */
  private static Dataset<Row> finance() {
    return SharedSpark.session()
        .sql(
            "SELECT Org_Code, CAST(income AS DECIMAL(18,4)) AS Total_Operating_Income,"
                + " CAST(corporate AS DECIMAL(18,4)) AS Corporate_Services_Cost,"
                + " CAST(payslips AS INT) AS Payslips_Issued,"
                + " CAST(payroll AS DECIMAL(18,4)) AS Payroll_Cost,"
                + " CAST(hr AS DECIMAL(18,4)) AS HR_Cost,"
                + " CAST(headcount AS INT) AS Employees_Headcount FROM VALUES"
                + " ('RX4', 300000000, 15000000, 60000, 240000, 3000000, 4000),"
                + " ('ZZ1', 100000000, 8000000, 25000, 150000, NULL, 1500)"
                + " AS t(Org_Code, income, corporate, payslips, payroll, hr, headcount)");
  }

  @Test
  void estatesMetricsOfARealEricRowAreWorkedByHand() {
    Dataset<Row> returns =
        TrustReturns.aggregate(
                Optional.of(realTrusts.where("org_code = 'RX4'")),
                Optional.empty(),
                Optional.of(finance().where("Org_Code = 'RX4'")),
                "2015-16")
            .orElseThrow();
    // RX4 2015-16 as published (read from the file by a separate script, split on '$'):
    //   Hard FM 10,791,385 + Soft FM 13,426,640 = 24,218,025 (2015-16 has no maintenance split)
    //   GIA 161,289 m² → £150.1530 per m²; ÷ income 300,000,000 (hand-made) → 8.072675%
    //   non-clinical 50,356 m² ÷ 161,289 = 31.2210%
    //   empty 1.05% and under-used 2.47% of occupied 152,749 m² → 1,603.8645 and 3,772.9003 m²
    //   energy £2,001,621 ÷ (electricity 13,229,194 + gas 30,621,593 + oil 88,685 + renewable
    //   electricity 268,762 = 44,208,234 kWh) = £0.045277 per kWh
    Answers.assertRows(
        MetricRows.compared(
            MetricValues.fromReturns(CATALOG.family(MetricCatalog.ESTATES), returns)),
        List.of(
            MetricRows.expected(
                "ef_cost_pct_income", "RX4", "ALL", 24218025.0, 300000000.0, 8.072675, null),
            MetricRows.expected(
                "ef_cost_per_m2", "RX4", "ALL", 24218025.0, 161289.0, 150.15298625448727, null),
            MetricRows.expected("empty_space_pct", "RX4", "ALL", 1603.8645, 152749.0, 1.05, null),
            MetricRows.expected(
                "energy_cost_per_kwh",
                "RX4",
                "ALL",
                2001621.0,
                44208234.0,
                0.045277108332352746,
                null),
            MetricRows.expected(
                "non_clinical_space_pct",
                "RX4",
                "ALL",
                50356.0,
                161289.0,
                31.220976012003298,
                null),
            MetricRows.expected(
                "underused_space_pct", "RX4", "ALL", 3772.9003, 152749.0, 2.47, null)),
        1e-6);
  }

  @Test
  void aSplitCostReturnTakesSharesTheTrustLeftOutFromItsSites() {
    SparkSession spark = SharedSpark.session();
    // G01, 2016-17 style: maintenance 400,000 + other hard FM 350,000 + other soft FM 250,000
    //   = 1,000,000 over GIA 10,000 m² = £100 per m². Empty 2.00% of occupied 9,500 = 190 m².
    //   Under-used not returned by the trust, so its site return's shares (of each site's
    //   occupied area, gross where missing) fill it in: S1 2% of occupied 6,000 = 120 m²; S2
    //   none returned (left out of the base); AGGRE (occupied not returned) 3% of gross 2,000 =
    //   60 m² → 180 / 8,000 = 2.25%. The sites' empty shares lose to the trust's own 2%.
    //   Energy 50,000 ÷ (400,000 + 600,000 kWh) = £0.05 per kWh; non-clinical 3,000 / 10,000 = 30%.
    Dataset<Row> trust =
        spark.sql(
            "SELECT 'G01' AS org_code, CAST(400000 AS DECIMAL(18,4)) AS estates_maintenance_cost_gbp,"
                + " CAST(350000 AS DECIMAL(18,4)) AS other_hard_fm_cost_gbp,"
                + " CAST(250000 AS DECIMAL(18,4)) AS other_soft_fm_cost_gbp,"
                + " CAST(NULL AS DECIMAL(18,4)) AS hard_fm_cost_gbp,"
                + " CAST(NULL AS DECIMAL(18,4)) AS soft_fm_cost_gbp,"
                + " CAST(10000 AS DECIMAL(18,4)) AS gross_internal_floor_area_m2,"
                + " CAST(9500 AS DECIMAL(18,4)) AS occupied_floor_area_m2,"
                + " CAST(3000 AS DECIMAL(18,4)) AS non_clinical_space_m2,"
                + " CAST(2 AS DECIMAL(18,4)) AS empty_space_pct,"
                + " CAST(NULL AS DECIMAL(18,4)) AS underused_space_pct,"
                + " CAST(50000 AS DECIMAL(18,4)) AS energy_cost_gbp,"
                + " CAST(400000 AS DECIMAL(18,4)) AS electricity_kwh,"
                + " CAST(600000 AS DECIMAL(18,4)) AS gas_kwh,"
                + " CAST(NULL AS DECIMAL(18,4)) AS oil_kwh, CAST(NULL AS DECIMAL(18,4)) AS coal_kwh,"
                + " CAST(NULL AS DECIMAL(18,4)) AS steam_kwh,"
                + " CAST(NULL AS DECIMAL(18,4)) AS hot_water_kwh,"
                + " CAST(NULL AS DECIMAL(18,4)) AS renewable_electricity_kwh,"
                + " CAST(NULL AS DECIMAL(18,4)) AS renewable_fuel_kwh");
    Dataset<Row> sites =
        spark.sql(
            "SELECT org_code, site_code, CAST(gia AS DECIMAL(18,4)) AS gross_internal_floor_area_m2,"
                + " CAST(occupied AS DECIMAL(18,4)) AS occupied_floor_area_m2,"
                + " CAST(empty AS DECIMAL(18,4)) AS empty_space_pct,"
                + " CAST(underused AS DECIMAL(18,4)) AS underused_space_pct FROM VALUES"
                + " ('G01', 'S1', 6300, 6000, 1, 2), ('G01', 'S2', 4200, 4000, 1.25, NULL),"
                + " ('G01', 'AGGRE', 2000, NULL, 0, 3)"
                + " AS t(org_code, site_code, gia, occupied, empty, underused)");
    Dataset<Row> values =
        MetricValues.fromReturns(
            CATALOG.family(MetricCatalog.ESTATES),
            TrustReturns.aggregate(
                    Optional.of(trust), Optional.of(sites), Optional.empty(), "2016-17")
                .orElseThrow());
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            // No finance summary: no income, so no share of income.
            MetricRows.expected(
                "ef_cost_pct_income", "G01", "ALL", 1000000.0, null, null, "no_denominator"),
            MetricRows.expected("ef_cost_per_m2", "G01", "ALL", 1000000.0, 10000.0, 100.0, null),
            MetricRows.expected("empty_space_pct", "G01", "ALL", 190.0, 9500.0, 2.0, null),
            MetricRows.expected(
                "energy_cost_per_kwh", "G01", "ALL", 50000.0, 1000000.0, 0.05, null),
            MetricRows.expected(
                "non_clinical_space_pct", "G01", "ALL", 3000.0, 10000.0, 30.0, null),
            MetricRows.expected("underused_space_pct", "G01", "ALL", 180.0, 8000.0, 2.25, null)),
        1e-9);
  }

  @Test
  void corporateMetricsAndTheirOpportunityToTheMedianInPounds() {
    Dataset<Row> returns =
        TrustReturns.aggregate(
                Optional.empty(), Optional.empty(), Optional.of(finance()), "2024-25")
            .orElseThrow();
    Dataset<Row> values =
        MetricValues.fromReturns(CATALOG.family(MetricCatalog.CORPORATE), returns).cache();
    // RX4: 15m / 300m = 5%; £240,000 / 60,000 payslips = £4.00; £3m / 4,000 staff = £750.
    // ZZ1: 8m / 100m = 8%; £150,000 / 25,000 = £6.00; HR cost not returned: no value, flagged.
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected(
                "corporate_cost_pct_income", "RX4", "ALL", 15000000.0, 300000000.0, 5.0, null),
            MetricRows.expected(
                "corporate_cost_pct_income", "ZZ1", "ALL", 8000000.0, 100000000.0, 8.0, null),
            MetricRows.expected("cost_per_payslip", "RX4", "ALL", 240000.0, 60000.0, 4.0, null),
            MetricRows.expected("cost_per_payslip", "ZZ1", "ALL", 150000.0, 25000.0, 6.0, null),
            MetricRows.expected(
                "hr_cost_per_employee", "RX4", "ALL", 3000000.0, 4000.0, 750.0, null),
            MetricRows.expected(
                "hr_cost_per_employee", "ZZ1", "ALL", null, 1500.0, null, "not_returned")),
        1e-9);
    // Medians of two: 6.5% and £5.00. ZZ1 is worse on both: (8 − 6.5) points × £100m income =
    // £1,500,000; (£6 − £5) × 25,000 payslips = £25,000. RX4 is better: zero, never negative.
    Dataset<Row> opportunities =
        new OpportunityCalculator(CATALOG, Settings.load(Map.of()))
            .perOrganisation(values, NationalBenchmark.compute(values))
            .where("target_basis = 'median'");
    Answers.assertRows(
        opportunities
            .select(
                Columns.METRIC_ID,
                Columns.ORG_CODE,
                Columns.TARGET_VALUE,
                Columns.OPPORTUNITY_VALUE,
                Columns.OPPORTUNITY_UNIT)
            .orderBy(Columns.METRIC_ID, Columns.ORG_CODE),
        List.of(
            List.of("corporate_cost_pct_income", "RX4", 6.5, 0.0, "GBP"),
            List.of("corporate_cost_pct_income", "ZZ1", 6.5, 1500000.0, "GBP"),
            List.of("cost_per_payslip", "RX4", 5.0, 0.0, "GBP"),
            List.of("cost_per_payslip", "ZZ1", 5.0, 25000.0, "GBP"),
            // Only RX4 returned an HR cost: a distribution of one, its own median.
            List.of("hr_cost_per_employee", "RX4", 750.0, 0.0, "GBP")),
        1e-6);
    assertEquals(1L, values.where("flags IS NOT NULL").count());
  }
}
