package org.mhcs.metrics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.schema.Lineage;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * The per organisation × financial year figures the estates and corporate-services metrics are
 * ratios of: ERIC's trust return (costs, floor areas, energy, and the empty and under-used shares;
 * its site return fills in a share only where the trust left it out) and the finance summary,
 * joined full outer so a trust with only one return still shows. A figure a trust did not return
 * stays null: it is not a zero.
 */
public final class TrustReturns {
  public static final String EF_COST = "ef_cost_gbp";
  public static final String FLOOR_AREA = "gross_internal_floor_area_m2";
  public static final String NON_CLINICAL = "non_clinical_space_m2";
  public static final String EMPTY = "empty_m2";
  public static final String EMPTY_BASE = "empty_base_m2";
  public static final String UNDERUSED = "underused_m2";
  public static final String UNDERUSED_BASE = "underused_base_m2";
  public static final String ENERGY_COST = "energy_cost_gbp";
  public static final String ENERGY_KWH = "energy_kwh";
  public static final String INCOME = "total_operating_income";
  public static final String CORPORATE_COST = "corporate_services_cost";
  public static final String PAYROLL_COST = "payroll_cost";
  public static final String PAYSLIPS = "payslips_issued";
  public static final String HR_COST = "hr_cost";
  public static final String HEADCOUNT = "employees_headcount";

  /** ERIC's energy consumed, kWh (CHP inputs and outputs are left out: the fuel is in gas). */
  private static final List<String> ENERGY_SUPPLIES =
      List.of(
          "electricity_kwh",
          "gas_kwh",
          "oil_kwh",
          "coal_kwh",
          "steam_kwh",
          "hot_water_kwh",
          "renewable_electricity_kwh",
          "renewable_fuel_kwh");

  private static final List<String> ESTATES =
      List.of(
          EF_COST,
          FLOOR_AREA,
          NON_CLINICAL,
          EMPTY,
          EMPTY_BASE,
          UNDERUSED,
          UNDERUSED_BASE,
          ENERGY_COST,
          ENERGY_KWH);
  private static final List<String> FINANCE =
      List.of(INCOME, CORPORATE_COST, PAYROLL_COST, PAYSLIPS, HR_COST, HEADCOUNT);

  private TrustReturns() {}

  /**
   * @param ericTrusts silver {@code eric/trust} rows of the financial year, if landed
   * @param ericSites silver {@code eric/site} rows of the year (AGGRE rows included), if landed
   * @param finance silver {@code finance/trust_summary} rows of the year, if landed
   * @param year the financial year's label, e.g. {@code 2024-25}
   */
  public static Optional<Dataset<Row>> aggregate(
      Optional<Dataset<Row>> ericTrusts,
      Optional<Dataset<Row>> ericSites,
      Optional<Dataset<Row>> finance,
      String year) {
    if (ericTrusts.isEmpty() && finance.isEmpty()) {
      return Optional.empty();
    }
    // A return that has not landed contributes its columns as nulls, so every metric resolves.
    Dataset<Row> estates =
        ericTrusts.map(t -> estates(t, ericSites)).orElseGet(() -> nulls(finance.get(), ESTATES));
    Dataset<Row> money =
        finance.map(TrustReturns::finance).orElseGet(() -> nulls(ericTrusts.get(), FINANCE));
    return Optional.of(
        estates
            .join(money, new String[] {Columns.ORG_CODE}, "full_outer")
            .withColumn(Columns.PERIOD, lit(year))
            .withColumn(Columns.SERVICE_LINE, lit(Columns.ALL)));
  }

  /** The organisations of {@code other} with {@code columns} all null. */
  private static Dataset<Row> nulls(Dataset<Row> other, List<String> columns) {
    String org = List.of(other.columns()).contains("Org_Code") ? "Org_Code" : "org_code";
    Dataset<Row> orgs = other.select(col(org).as(Columns.ORG_CODE)).where("false");
    for (String c : columns) {
      orgs = orgs.withColumn(c, lit(null).cast("double"));
    }
    return orgs;
  }

  private static Dataset<Row> estates(Dataset<Row> trusts, Optional<Dataset<Row>> sites) {
    // From 2016-17 ERIC splits hard FM into estates maintenance and other hard FM; the earlier
    // totals cover the same costs, so a year without the split uses them.
    Column split =
        col("estates_maintenance_cost_gbp")
            .isNotNull()
            .or(col("other_hard_fm_cost_gbp").isNotNull())
            .or(col("other_soft_fm_cost_gbp").isNotNull());
    // A part nulled for breaking its rule makes the total unknown: counting it as none would
    // understate the trust's costs rather than leave it out.
    Nulled nulled = new Nulled(trusts);
    Column efCost =
        when(
                nulled.any(
                    "estates_maintenance_cost_gbp",
                    "other_hard_fm_cost_gbp",
                    "other_soft_fm_cost_gbp",
                    "hard_fm_cost_gbp",
                    "soft_fm_cost_gbp"),
                lit(null).cast("double"))
            .when(
                split,
                amount("estates_maintenance_cost_gbp")
                    .plus(amount("other_hard_fm_cost_gbp"))
                    .plus(amount("other_soft_fm_cost_gbp")))
            .when(
                col("hard_fm_cost_gbp").isNotNull().or(col("soft_fm_cost_gbp").isNotNull()),
                amount("hard_fm_cost_gbp").plus(amount("soft_fm_cost_gbp")));
    // The returned shares are of the occupied floor area (of the gross where that is missing).
    // An occupied area nulled for breaking its rule leaves the base unknown, not the gross.
    Column base =
        when(
            nulled.any("occupied_floor_area_m2").unary_$bang(),
            coalesce(col("occupied_floor_area_m2"), col(FLOOR_AREA)).cast("double"));
    Dataset<Row> trust =
        trusts.select(
            col("org_code").as(Columns.ORG_CODE),
            efCost.as(EF_COST),
            col(FLOOR_AREA).cast("double").as(FLOOR_AREA),
            col("non_clinical_space_m2").cast("double").as(NON_CLINICAL),
            shareOf("empty_space_pct", base).as("t_empty"),
            when(col("empty_space_pct").isNotNull(), base).as("t_empty_base"),
            shareOf("underused_space_pct", base).as("t_underused"),
            when(col("underused_space_pct").isNotNull(), base).as("t_underused_base"),
            col("energy_cost_gbp").cast("double").as(ENERGY_COST),
            when(nulled.any(ENERGY_SUPPLIES.toArray(String[]::new)), lit(null).cast("double"))
                .otherwise(energyConsumed())
                .as(ENERGY_KWH));
    if (sites.isEmpty()) {
      return trust
          .withColumnRenamed("t_empty", EMPTY)
          .withColumnRenamed("t_empty_base", EMPTY_BASE)
          .withColumnRenamed("t_underused", UNDERUSED)
          .withColumnRenamed("t_underused_base", UNDERUSED_BASE);
    }
    // A share the trust left out comes from its site return: every row, the AGGRE row of the
    // sites it does not list one by one included, as an area (the site's % of its own occupied
    // floor area, of the gross where that is missing) over the area the % is of, counting only
    // the rows that returned the share. Products are summed exactly, then scaled from percent.
    Column siteBase = coalesce(col("occupied_floor_area_m2"), col(FLOOR_AREA));
    Dataset<Row> site =
        sites
            .get()
            .groupBy(col("org_code").as("s_org"))
            .agg(
                ExactSums.sumOf(col("empty_space_pct").multiply(siteBase))
                    .divide(100)
                    .as("s_empty"),
                ExactSums.sumOf(when(col("empty_space_pct").isNotNull(), siteBase))
                    .as("s_empty_base"),
                ExactSums.sumOf(col("underused_space_pct").multiply(siteBase))
                    .divide(100)
                    .as("s_underused"),
                ExactSums.sumOf(when(col("underused_space_pct").isNotNull(), siteBase))
                    .as("s_underused_base"));
    Column fromTrust = col("t_empty_base").isNotNull();
    Column underusedFromTrust = col("t_underused_base").isNotNull();
    return trust
        .join(site, col(Columns.ORG_CODE).equalTo(col("s_org")), "left")
        .select(
            col(Columns.ORG_CODE),
            col(EF_COST),
            col(FLOOR_AREA),
            col(NON_CLINICAL),
            when(fromTrust, col("t_empty")).otherwise(col("s_empty")).as(EMPTY),
            when(fromTrust, col("t_empty_base")).otherwise(col("s_empty_base")).as(EMPTY_BASE),
            when(underusedFromTrust, col("t_underused"))
                .otherwise(col("s_underused"))
                .as(UNDERUSED),
            when(underusedFromTrust, col("t_underused_base"))
                .otherwise(col("s_underused_base"))
                .as(UNDERUSED_BASE),
            col(ENERGY_COST),
            col(ENERGY_KWH));
  }

  /**
   * Which fields silver nulled in a row for breaking their rule ({@link Lineage#NULLED_FIELDS}).
   */
  private record Nulled(boolean recorded) {
    Nulled(Dataset<Row> rows) {
      // Silver written before fields were judged one by one has no such column: none nulled.
      this(List.of(rows.columns()).contains(Lineage.NULLED_FIELDS));
    }

    Column any(String... fields) {
      Column any = lit(false);
      if (recorded) {
        Column names = split(coalesce(col(Lineage.NULLED_FIELDS), lit("")), ",");
        for (String field : fields) {
          any = any.or(array_contains(names, field));
        }
      }
      return any;
    }
  }

  /** kWh of every supply ERIC counts, utility and renewable; null when none was returned. */
  private static Column energyConsumed() {
    Column any = lit(false);
    Column total = lit(0.0);
    for (String supply : ENERGY_SUPPLIES) {
      any = any.or(col(supply).isNotNull());
      total = total.plus(amount(supply));
    }
    return when(any, total);
  }

  private static Dataset<Row> finance(Dataset<Row> summary) {
    return summary.select(
        col("Org_Code").as(Columns.ORG_CODE),
        col("Total_Operating_Income").cast("double").as(INCOME),
        col("Corporate_Services_Cost").cast("double").as(CORPORATE_COST),
        col("Payroll_Cost").cast("double").as(PAYROLL_COST),
        col("Payslips_Issued").cast("double").as(PAYSLIPS),
        col("HR_Cost").cast("double").as(HR_COST),
        col("Employees_Headcount").cast("double").as(HEADCOUNT));
  }

  /** Area the returned percentage of {@code base} stands for. */
  private static Column shareOf(String percentColumn, Column base) {
    return col(percentColumn).cast("double").multiply(base).divide(100);
  }

  /** One part of a sum, a part not returned counting as none where another part was. */
  private static Column amount(String column) {
    return coalesce(col(column).cast("double"), lit(0.0));
  }
}
