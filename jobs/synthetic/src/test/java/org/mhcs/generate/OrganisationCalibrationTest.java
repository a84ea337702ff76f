package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the workforce, estates, corporate and procurement metrics of {@code
 * shared/design/metrics.md} from the written CSV files (scale 0.05) with plain Java, one value per
 * organisation, and checks them against the ranges the 2018 review saw.
 */
class OrganisationCalibrationTest {
  private static Path root;
  private static final Map<String, Double> income = new HashMap<>();

  @BeforeAll
  static void read() {
    root = LandingFixture.demo().landingDir();
    LandingFixture.forEachRow(
        root,
        "finance",
        "trust_summary",
        row -> income.put(row.get("Org_Code"), row.decimal("Total_Operating_Income")));
  }

  @Test
  void sicknessAbsenceIsFourToSixPercent() {
    // sickness_rate_pct = Σ FTE_Days_Sick ÷ Σ FTE_Days_Available × 100
    Map<String, double[]> days = new TreeMap<>();
    LandingFixture.forEachRow(
        root,
        "esr",
        "sickness",
        row -> {
          double[] d = days.computeIfAbsent(row.get("Org_Code"), k -> new double[2]);
          d[0] += row.decimal("FTE_Days_Sick");
          d[1] += row.decimal("FTE_Days_Available");
        });
    List<Double> rates = new ArrayList<>();
    double[] national = new double[2];
    days.values()
        .forEach(
            d -> {
              rates.add(100 * d[0] / d[1]);
              national[0] += d[0];
              national[1] += d[1];
            });
    MetricRanges.assertMedianIn("sickness % per organisation", rates, 4, 6);
    MetricRanges.assertAllIn("sickness % per organisation", rates, 2, 9);
    double pooled = 100 * national[0] / national[1];
    MetricRanges.report("sickness % national", pooled);
    assertTrue(pooled >= 4 && pooled <= 6, "national sickness rate " + pooled);
  }

  @Test
  void monthlyLeaversGiveATwelveMonthTurnoverOfNineToFortyFivePercent() {
    // turnover_12m_pct = leavers in 12 months ÷ mean headcount × 100; a month's leavers × 12.
    Map<String, Set<String>> headcount = new TreeMap<>();
    LandingFixture.forEachRow(
        root,
        "esr",
        "staff_in_post",
        row ->
            headcount
                .computeIfAbsent(row.get("Org_Code"), k -> new HashSet<>())
                .add(row.get("Unique_NHS_Identifier")));
    Map<String, Integer> leavers = new HashMap<>();
    LandingFixture.forEachRow(
        root, "esr", "leavers", row -> leavers.merge(row.get("Org_Code"), 1, Integer::sum));
    List<Double> turnover = new ArrayList<>();
    long staff = 0;
    long left = 0;
    for (Map.Entry<String, Set<String>> e : headcount.entrySet()) {
      int n = leavers.getOrDefault(e.getKey(), 0);
      turnover.add(100.0 * 12 * n / e.getValue().size());
      staff += e.getValue().size();
      left += n;
    }
    MetricRanges.assertMedianIn("12-month turnover % per organisation", turnover, 9, 45);
    double national = 100.0 * 12 * left / staff;
    MetricRanges.report("12-month turnover % national", national);
    assertTrue(national >= 9 && national <= 45, "national turnover " + national);
  }

  @Test
  void estatesAndFacilitiesCostsAreInTheReviewRanges() {
    List<Double> perSquareMetre = new ArrayList<>();
    List<Double> shareOfIncome = new ArrayList<>();
    LandingFixture.forEachRow(
        root,
        "eric",
        "trust",
        row -> {
          // ef_cost_per_m2 = (estates maintenance + other hard FM + other soft FM) ÷ GIA
          double cost =
              row.grouped("estates_maintenance_cost_gbp")
                  + row.grouped("other_hard_fm_cost_gbp")
                  + row.grouped("other_soft_fm_cost_gbp");
          perSquareMetre.add(cost / row.grouped("gross_internal_floor_area_m2"));
          // ef_cost_pct_income = the same costs ÷ Total_Operating_Income × 100
          shareOfIncome.add(100 * cost / income.get(row.get("org_code")));
        });
    MetricRanges.assertAllIn("E&F cost per m²", perSquareMetre, 30, 230);
    MetricRanges.assertAllIn("E&F cost % of income", shareOfIncome, 5, 28);
    double mean = shareOfIncome.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    MetricRanges.report("E&F cost % of income (mean)", mean);
    assertTrue(mean > 8 && mean < 13, "E&F % of income averages about 10, not " + mean);
  }

  @Test
  void corporateServicesCostsAreInTheReviewRanges() {
    List<Double> corporate = new ArrayList<>();
    List<Double> perPayslip = new ArrayList<>();
    List<Double> hrPerEmployee = new ArrayList<>();
    LandingFixture.forEachRow(
        root,
        "finance",
        "trust_summary",
        row -> {
          corporate.add(
              100 * row.decimal("Corporate_Services_Cost") / row.decimal("Total_Operating_Income"));
          perPayslip.add(row.decimal("Payroll_Cost") / row.decimal("Payslips_Issued"));
          hrPerEmployee.add(row.decimal("HR_Cost") / row.decimal("Employees_Headcount"));
        });
    MetricRanges.assertAllIn("corporate cost % of income", corporate, 4, 9);
    MetricRanges.assertAllIn("cost per payslip £", perPayslip, 1.70, 9.10);
    MetricRanges.assertAllIn("HR cost per employee £", hrPerEmployee, 530, 1520);
  }

  @Test
  void theSameProductCostsOrganisationsVeryDifferentPrices() {
    // unit_price = Σ Line_Total ÷ Σ Quantity per organisation × NPC (Quantity × Unit_Price where
    // the total is absent)
    Map<String, Map<String, double[]>> byProduct = new TreeMap<>();
    LandingFixture.forEachRow(
        root,
        "ppib",
        "purchase_line",
        row -> {
          double quantity = row.decimal("Quantity");
          String total = row.get("Line_Total");
          double value =
              total.isEmpty() ? quantity * row.decimal("Unit_Price") : Double.parseDouble(total);
          double[] sums =
              byProduct
                  .computeIfAbsent(row.get("NPC"), k -> new TreeMap<>())
                  .computeIfAbsent(row.get("Org_Code"), k -> new double[2]);
          sums[0] += value;
          sums[1] += quantity;
        });
    List<Double> spreads = new ArrayList<>();
    for (Map<String, double[]> buyers : byProduct.values()) {
      if (buyers.size() >= 5) {
        List<Double> prices = new ArrayList<>();
        buyers.values().forEach(s -> prices.add(s[0] / s[1]));
        spreads.add(MetricRanges.percentile(prices, 1) / MetricRanges.percentile(prices, 0));
      }
    }
    assertTrue(spreads.size() >= 20, "products bought by five or more: " + spreads.size());
    // The review: one dressing at £1.62 at one trust and £20.29 at another (12.5 times).
    MetricRanges.report("largest price spread (max ÷ min)", MetricRanges.percentile(spreads, 1));
    assertTrue(MetricRanges.percentile(spreads, 1) >= 5, "largest spread " + spreads);
    MetricRanges.assertMedianIn("price spread (max ÷ min) per product", spreads, 1.3, 6);
  }
}
