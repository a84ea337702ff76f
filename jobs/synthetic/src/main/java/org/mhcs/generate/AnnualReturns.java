package org.mhcs.generate;

import java.util.Locale;

/**
 * Writes one trust's annual returns for the financial year holding the month: its ERIC trust row
 * and site rows (estates), and its finance summary (income and corporate services).
 *
 * <p>Every figure scales with the trust's size and depends on (seed, trust, financial year) alone,
 * so each month of a year writes the same returns. The trust's habits are drawn as the ratios the
 * benchmarks compare, within the ranges the 2018 review saw, and the amounts follow from them:
 * estates and facilities cost from income (5–28%, 10% on average), floor area from that cost (about
 * £30–£230 per m²), corporate services 4–9% of income, payroll £1.70–£9.10 a payslip, HR
 * £530–£1,520 an employee. Sites share out the trust's floor area and costs exactly.
 *
 * <p>The ERIC files carry the published files' quirks: '$' delimiters and a row of group headings
 * above the header, about a third of rows with numbers in thousands separators ({@code 12,345}),
 * and optional numbers a trust did not return (gas for all-electric estates, backlog, the pre-2016
 * cost totals, an AGGRE row's occupied area) as the format's null token, {@code Not Applicable}.
 * The site return numbers its site types and sums the sites a trust does not list into one AGGRE
 * row.
 */
final class AnnualReturns {
  private static final double GROUPED_ROW_SHARE = 0.35;

  private static final String[] TENURES = {"Freehold", "Leasehold", "PFI", ""};
  private static final double[] TENURE_SHARES = RandomDraws.cumulative(0.6, 0.3, 0.05, 0.05);

  private final Organisation org;
  private final ChunkOutput out;
  private final RandomDraws random;

  /** The trust's ERIC organisation type, drawn for its trust row and repeated on its sites. */
  private String ericType;

  AnnualReturns(Organisation org, ReportingMonth month, ChunkOutput out, long seed) {
    this.org = org;
    this.out = out;
    // The year the financial year holding the month starts in, as the annual tables are filed.
    int financialYear = LandingTable.ERIC_TRUST.window(month.period()).first().getYear();
    this.random =
        RandomDraws.forStream(seed, RandomDraws.ANNUAL_RETURNS, org.index(), financialYear);
  }

  /** The trust's estate as the trust row states it and its sites share it out. */
  private record Estate(
      long floorArea,
      long maintenance,
      long otherHard,
      long soft,
      long electricityKwh,
      long gasKwh,
      long energyCost,
      int sites) {
    long hard() {
      return maintenance + otherHard;
    }
  }

  /** Writes the trust's ERIC trust row, its sites (unless that row was broken) and finances. */
  void write() {
    long income =
        Math.round(incomeMillions(org.type()) * 1e6 * org.size() * random.uniform(0.9, 1.1));
    long estatesAndFacilities = Math.round(income * ratio(0.10, 0.3, 0.055, 0.26));
    long maintenance = Math.round(estatesAndFacilities * random.uniform(0.22, 0.35));
    long otherHard = Math.round(estatesAndFacilities * random.uniform(0.22, 0.35));
    long floorArea = Math.round(estatesAndFacilities / ratio(100, 0.45, 35, 225));
    long electricity = Math.round(floorArea * random.uniform(80, 140));
    long gas = random.chance(0.1) ? 0 : Math.round(floorArea * random.uniform(120, 260));
    Estate estate =
        new Estate(
            floorArea,
            maintenance,
            otherHard,
            estatesAndFacilities - maintenance - otherHard,
            electricity,
            gas,
            Math.round(electricity * 0.24 + gas * 0.07),
            siteCount());
    // Sites point at their trust's row: a broken trust row takes them with it.
    if (writeTrust(income, estate)) {
      writeSites(estate);
    }
    writeFinances(income);
  }

  /**
   * @return false if the row was written broken
   */
  private boolean writeTrust(long income, Estate estate) {
    boolean grouped = random.chance(GROUPED_ROW_SHARE);
    long gia = estate.floorArea();
    long occupied = Math.round(gia * random.uniform(0.92, 0.99));
    long nonClinical = Math.round(occupied * random.uniform(0.25, 0.5));
    ericType = ericOrganisationType(income);
    LandingRow row =
        out.breakableRow(LandingTable.ERIC_TRUST)
            .text("org_code", org.code())
            .text("org_name", org.name().toUpperCase(Locale.ROOT))
            .text("commissioning_region", commissioningRegion())
            .text("org_type", ericType)
            .text("estates_development_strategy", yesOrNo(0.9))
            .text("healthy_transport_plan", yesOrNo(0.7))
            .text("adaptation_plan", yesOrNo(0.75))
            .number("total_sites", estate.sites())
            .amount("gross_internal_floor_area_m2", gia, grouped)
            .amount("occupied_floor_area_m2", occupied, grouped)
            .amount("clinical_space_m2", occupied - nonClinical, grouped)
            .amount("non_clinical_space_m2", nonClinical, grouped)
            .hundredths("empty_space_pct", Math.round(100 * ratio(3.7, 0.6, 0.2, 15)))
            .amount("estates_maintenance_cost_gbp", estate.maintenance(), grouped)
            .amount("other_hard_fm_cost_gbp", estate.otherHard(), grouped)
            .amount("other_soft_fm_cost_gbp", estate.soft(), grouped)
            .amount("energy_cost_gbp", estate.energyCost(), grouped)
            .amount("electricity_kwh", estate.electricityKwh(), grouped);
    long underused = Math.round(100 * ratio(2.2, 0.7, 0.1, 10));
    long backlog = Math.round(gia * random.uniform(40, 400));
    amountOrNotApplicable(row, "underused_space_pct", random.chance(0.15) ? -1 : underused, false);
    // The totals of the returns before 2016-17, which some trusts still fill in.
    boolean oldTotals = random.chance(0.5);
    amountOrNotApplicable(row, "hard_fm_cost_gbp", oldTotals ? estate.hard() : -1, grouped);
    amountOrNotApplicable(row, "soft_fm_cost_gbp", oldTotals ? estate.soft() : -1, grouped);
    amountOrNotApplicable(row, "gas_kwh", estate.gasKwh() > 0 ? estate.gasKwh() : -1, grouped);
    amountOrNotApplicable(
        row, "risk_adjusted_backlog_gbp", random.chance(0.15) ? -1 : backlog, grouped);
    row.end();
    return !row.broken();
  }

  /**
   * Writes the trust's site return as ERIC publishes it: its first sites one by one, the rest
   * summed into one AGGRE row, together sharing out the trust's floor area and costs exactly. Site
   * types are numbered; empty and under-used space are percentages of the site's occupied area.
   */
  private void writeSites(Estate estate) {
    int n = estate.sites();
    // A trust lists its main sites; the last quarter or so (one at least) go into its AGGRE row.
    int listed = n - 1 - random.below(Math.max(1, n / 4));
    double[] weights = new double[listed + 1];
    for (int s = 0; s < n; s++) {
      weights[Math.min(s, listed)] += s == 0 ? random.uniform(3, 5) : random.uniform(0.3, 1.5);
    }
    long[] areas = shares(estate.floorArea(), weights);
    long[] maintenance = shares(estate.maintenance(), weights);
    long[] otherHard = shares(estate.otherHard(), weights);
    long[] soft = shares(estate.soft(), weights);
    long[] energy = shares(estate.energyCost(), weights);
    // Other hard FM is the return's balancing item: now and then a site's is negative (a
    // recharge), and the main site carries the difference, so the trust's total still holds.
    for (int s = 1; s < listed; s++) {
      if (random.chance(0.05)) {
        long credit = otherHard[s] + Math.round(random.uniform(1_000, 20_000));
        otherHard[s] -= credit;
        otherHard[0] += credit;
      }
    }
    for (int s = 0; s <= listed; s++) {
      boolean aggregate = s == listed;
      boolean grouped = random.chance(GROUPED_ROW_SHARE);
      EricSiteKind kind =
          aggregate ? EricSiteKind.AGGREGATE : EricSiteKind.of(org.type(), s, random);
      long occupied = Math.round(areas[s] * random.uniform(0.92, 0.99));
      long nonClinical = Math.round(occupied * random.uniform(0.25, 0.5));
      long emptyPct = Math.round(100 * random.uniform(0, 7));
      long underusedPct = random.chance(0.2) ? -1 : Math.round(100 * random.uniform(0, 5));
      // Some trusts do not know the occupied area of the sites they sum into AGGRE.
      boolean occupiedKnown = !aggregate || random.chance(0.5);
      LandingRow row =
          out.breakableRow(LandingTable.ERIC_SITE)
              .text("org_code", org.code())
              .text("org_name", org.name().toUpperCase(Locale.ROOT))
              .text("commissioning_region", commissioningRegion())
              .text("org_type", ericType)
              .text(
                  "site_code",
                  aggregate
                      ? EricSiteKind.AGGREGATE_SITE_CODE
                      : String.format(Locale.ROOT, "%s%02d", org.code(), s + 1))
              .text("site_name", kind.name(org.place(), s + 1))
              .text("site_type", kind.publishedSiteType())
              .amount("estates_maintenance_cost_gbp", maintenance[s], grouped)
              .amount("other_hard_fm_cost_gbp", otherHard[s], grouped)
              .amount("other_soft_fm_cost_gbp", soft[s], grouped)
              .amount("gross_internal_floor_area_m2", areas[s], grouped)
              .hundredths("empty_space_pct", emptyPct)
              .amount("energy_cost_gbp", energy[s], grouped);
      amountOrNotApplicable(row, "occupied_floor_area_m2", occupiedKnown ? occupied : -1, grouped);
      amountOrNotApplicable(
          row, "clinical_space_m2", occupiedKnown ? occupied - nonClinical : -1, grouped);
      amountOrNotApplicable(
          row, "non_clinical_space_m2", occupiedKnown ? nonClinical : -1, grouped);
      amountOrNotApplicable(row, "underused_space_pct", underusedPct, false);
      // Questions about one site's parking and cleaning: the AGGRE row answers none of them.
      if (aggregate) {
        row.notApplicable("disabled_parking_charge")
            .notApplicable("routine_cleaning_wet_mopping_disposable");
      } else {
        row.text("disabled_parking_charge", yesOrNo(0.3))
            .text("routine_cleaning_wet_mopping_disposable", random.chance(0.6) ? "Yes" : "No");
      }
      row.end();
    }
  }

  private void writeFinances(long income) {
    long headcount = Math.round(income / random.uniform(55_000, 70_000));
    long payslips = Math.round(headcount * 12 * random.uniform(1.03, 1.2));
    out.breakableRow(LandingTable.FINANCE_TRUST_SUMMARY)
        .text("Org_Code", org.code())
        .number("Total_Operating_Income", income)
        .number("Corporate_Services_Cost", Math.round(income * ratio(0.062, 0.2, 0.042, 0.088)))
        .number("Payslips_Issued", payslips)
        .number("Payroll_Cost", Math.round(payslips * ratio(4.2, 0.4, 1.8, 9.0)))
        .number("HR_Cost", Math.round(headcount * ratio(900, 0.28, 560, 1500)))
        .number("Employees_Headcount", headcount)
        .end();
  }

  /**
   * A strategy or plan the trust has with probability {@code share}: Yes, No, or now and then None.
   */
  private String yesOrNo(double share) {
    return random.chance(0.03) ? "None" : random.chance(share) ? "Yes" : "No";
  }

  /** {@code value} (percentages in hundredths, else whole), or Not Applicable when negative. */
  private static void amountOrNotApplicable(
      LandingRow row, String column, long value, boolean grouped) {
    if (value < 0) {
      row.notApplicable(column);
    } else if (column.endsWith("_pct")) {
      row.hundredths(column, value);
    } else {
      row.amount(column, value, grouped);
    }
  }

  /** A trust's ratio: log-normal about {@code mean}, kept within the range the review saw. */
  private double ratio(double mean, double sigma, double low, double high) {
    return Math.max(low, Math.min(high, random.logNormalWithMean(mean, sigma)));
  }

  /** Sites in the ERIC return: more for bigger trusts, fewer big ones for acute trusts. */
  private int siteCount() {
    double perSize =
        switch (org.type()) {
          case MENTAL_HEALTH -> 10;
          case COMMUNITY -> 14;
          case COMBINED -> 16;
          case ACUTE -> 6;
        };
    return (int)
        Math.max(2, Math.min(40, Math.round(perSize * org.size() * random.uniform(0.7, 1.3))));
  }

  /** Typical income of a trust of median size, £ million a year. */
  private static double incomeMillions(OrganisationType type) {
    return switch (type) {
      case MENTAL_HEALTH -> 220;
      case COMMUNITY -> 150;
      case COMBINED -> 380;
      case ACUTE -> 520;
    };
  }

  /** The NHS England commissioning region, as the ERIC files spell it. */
  private String commissioningRegion() {
    return org.region().toUpperCase(Locale.ROOT) + " REGION";
  }

  /** The ERIC organisation type ({@code conf/code_lists/eric_org_type.csv}). */
  private String ericOrganisationType(long income) {
    return switch (org.type()) {
      case MENTAL_HEALTH, COMBINED -> "MENTAL HEALTH AND LEARNING DISABILITY";
      case COMMUNITY -> "COMMUNITY";
      case ACUTE ->
          income < 300e6
              ? "ACUTE - SMALL"
              : income < 500e6
                  ? "ACUTE - MEDIUM"
                  : random.chance(0.25) ? "ACUTE - TEACHING" : "ACUTE - LARGE";
    };
  }

  /** {@code total} shared out in proportion to {@code weights}, whole numbers adding up to it. */
  private static long[] shares(long total, double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    long[] shares = new long[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      shares[i] = (long) Math.floor(total * weights[i] / sum);
      given += shares[i];
    }
    // The pounds and square metres left by rounding down go to the largest site.
    shares[0] += total - given;
    return shares;
  }
}
