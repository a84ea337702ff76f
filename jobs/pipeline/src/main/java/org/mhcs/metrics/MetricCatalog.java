package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.mhcs.conf.Settings;
import org.mhcs.warehouse.Columns;

/**
 * Every metric the pipeline computes, declared once. Ids are public (metrics.md) and never change
 * once published.
 */
public final class MetricCatalog {
  public static final String COMMUNITY = "community";
  public static final String WORKFORCE = "workforce";
  public static final String INPATIENT = "inpatient";
  public static final String ESTATES = "estates";
  public static final String PROCUREMENT = "procurement";
  public static final String CORPORATE = "corporate";

  /** Skill mix has a breakdown (staff group and band), so its own aggregate. */
  public static final String SKILL_MIX = "skill_mix_pct";

  private final List<Metric> metrics;

  private MetricCatalog(List<Metric> metrics) {
    this.metrics = metrics;
  }

  /** The catalogue with the thresholds and constants {@code settings} give. */
  public static MetricCatalog from(Settings settings) {
    double minutesPerDay = settings.get(Settings.CLINICAL_MINUTES_PER_DAY);
    double minDays = settings.get(Settings.MIN_AVAILABLE_DAYS);
    double minContacts = settings.get(Settings.MIN_CONTACTS);
    double minStaffDays = settings.get(Settings.MIN_FTE_DAYS_AVAILABLE);
    double minWte = settings.get(Settings.MIN_WTE);
    double minPatientDays = settings.get(Settings.MIN_PATIENT_DAYS);
    double minCareHours = settings.get(Settings.MIN_CARE_HOURS);
    double minEndedStays = settings.get(Settings.MIN_ENDED_STAYS);
    double minReferrals = settings.get(Settings.MIN_REFERRALS);
    double minServiceWte = settings.get(Settings.MIN_SERVICE_WTE);
    String grain = "organisation × service line × month";
    String organisationGrain = "organisation × month (service line ALL)";
    return new MetricCatalog(
        List.of(
            Metric.builder("direct_care_pct")
                .name("Direct care time %")
                .family(COMMUNITY)
                .numerator(
                    "attended direct-care minutes (care-activity minutes, else contact minutes;"
                        + " attended = codes 5, 6; direct = mechanisms 01, 02, 04, 11)",
                    col(CommunityActivity.DIRECT_MINUTES))
                .denominator(
                    "available clinical minutes = "
                        + MetricCatalogPage.number(minutesPerDay)
                        + " × (Σ clinical contracted WTE × working days − Σ FTE days sick × 5/7)",
                    col(CommunityActivity.AVAILABLE_DAYS).multiply(minutesPerDay))
                .scale(100)
                .unit("percent")
                .direction(Direction.HIGHER_IS_BETTER)
                .minDenominator(minDays * minutesPerDay)
                .grain(grain)
                .opportunity(Opportunity.of(OpportunityRule.DIRECT_CARE_TIME))
                .build(),
            Metric.builder("contacts_per_clinician_day")
                .name("Contacts per clinician per day")
                .family(COMMUNITY)
                .numerator("attended direct-care contacts", col(CommunityActivity.DIRECT_CONTACTS))
                .denominator(
                    "available clinical days (as for direct_care_pct)",
                    col(CommunityActivity.AVAILABLE_DAYS))
                .unit("contacts per clinical day")
                .direction(Direction.HIGHER_IS_BETTER)
                .minDenominator(minDays)
                .grain(grain)
                .opportunity(
                    Opportunity.of(OpportunityRule.CONTACT_RATE).overlapping("direct_care_pct"))
                .funnel(FunnelType.RATE)
                .build(),
            Metric.builder("mean_f2f_contact_minutes")
                .name("Mean face-to-face contact duration (minutes)")
                .family(COMMUNITY)
                .numerator(
                    "minutes of attended face-to-face (mechanism 01) contacts",
                    col(CommunityActivity.F2F_MINUTES))
                .denominator("attended face-to-face contacts", col(CommunityActivity.F2F_CONTACTS))
                .unit("minutes")
                .direction(Direction.CONTEXT)
                .minDenominator(minContacts)
                .grain(grain)
                .build(),
            Metric.builder("contacts_per_patient")
                .name("Contacts per patient")
                .family(COMMUNITY)
                .numerator("attended direct-care contacts", col(CommunityActivity.DIRECT_CONTACTS))
                .denominator(
                    "distinct patients with at least one attended direct-care contact",
                    col(CommunityActivity.PATIENTS))
                .unit("contacts per patient")
                .direction(Direction.CONTEXT)
                .minDenominator(minContacts)
                .grain(grain)
                .build(),
            Metric.builder("dna_rate_pct")
                .name("Did not attend rate %")
                .family(COMMUNITY)
                .numerator(
                    "contacts coded did not attend (3, 7)", col(CommunityActivity.DNA_CONTACTS))
                .denominator(
                    "attended (5, 6) + did not attend (3, 7) contacts; cancellations (2, 4) are neither",
                    col(CommunityActivity.ATTENDED_CONTACTS)
                        .plus(col(CommunityActivity.DNA_CONTACTS)))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minContacts)
                .grain(grain)
                .opportunity(Opportunity.of(OpportunityRule.DNA_RATE))
                .funnel(FunnelType.PROPORTION)
                .build(),
            Metric.builder("single_contact_discharge_pct")
                .name("Single-contact discharge %")
                .family(COMMUNITY)
                .numerator(
                    "referrals closed (discharged) in the month with exactly one attended contact"
                        + " (contacts counted over every month loaded)",
                    col(ReferralActivity.CLOSED_AFTER_ONE_CONTACT))
                .denominator("referrals closed in the month", col(ReferralActivity.CLOSED))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minReferrals)
                .grain(grain)
                .funnel(FunnelType.PROPORTION)
                .build(),
            Metric.builder("monthly_discharge_rate_pct")
                .name("Monthly discharge rate %")
                .family(COMMUNITY)
                .numerator(
                    "referrals closed (discharged) in the month", col(ReferralActivity.CLOSED))
                .denominator(
                    "referrals open at the start of the month (received before it, not discharged"
                        + " before it)",
                    col(ReferralActivity.OPEN_AT_START))
                .scale(100)
                .unit("percent")
                .direction(Direction.CONTEXT)
                .minDenominator(minReferrals)
                .grain(grain)
                .build(),
            Metric.builder("caseload_per_wte")
                .name("Caseload per clinical WTE")
                .family(COMMUNITY)
                .numerator(
                    "referrals open at the end of the month", col(ReferralActivity.OPEN_AT_END))
                .denominator(
                    "contracted WTE of the service's clinicians (as for direct_care_pct)",
                    col(CommunityActivity.CLINICAL_WTE))
                .unit("open referrals per clinical WTE")
                .direction(Direction.CONTEXT)
                .minDenominator(minServiceWte)
                .grain(grain)
                .build(),
            Metric.builder(SKILL_MIX)
                .name("Skill mix %")
                .family(COMMUNITY)
                .numerator(
                    "contracted WTE of the staff group and band (the breakdown)",
                    col(SkillMix.GROUP_WTE))
                .denominator(
                    "contracted WTE of every assignment the service line places",
                    col(SkillMix.SERVICE_WTE))
                .scale(100)
                .unit("percent")
                .direction(Direction.CONTEXT)
                .minDenominator(minServiceWte)
                .grain("organisation × service line × staff group and band (the breakdown) × month")
                .build(),
            chppd(
                "chppd_total",
                "Care hours per patient day (total)",
                "care hours worked by registered nurses, healthcare support workers and allied"
                    + " health professionals (RN + HCSW + AHP)",
                InpatientStaffing.CARE_HOURS,
                minPatientDays),
            chppd(
                "chppd_rn",
                "Care hours per patient day (registered nurses)",
                "registered nurse hours worked",
                InpatientStaffing.RN_HOURS,
                minPatientDays),
            chppd(
                "chppd_hcsw",
                "Care hours per patient day (healthcare support workers)",
                "healthcare support worker hours worked",
                InpatientStaffing.HCSW_HOURS,
                minPatientDays),
            chppd(
                "chppd_ahp",
                "Care hours per patient day (allied health professionals)",
                "allied health professional hours worked (none where the return has no AHP hours)",
                InpatientStaffing.AHP_HOURS,
                minPatientDays),
            Metric.builder("bank_agency_share_pct")
                .name("Bank and agency share of care hours %")
                .family(INPATIENT)
                .numerator(
                    "bank and agency hours (part of the care hours)",
                    col(InpatientStaffing.TEMPORARY_HOURS))
                .denominator(
                    "care hours worked (RN + HCSW + AHP)", col(InpatientStaffing.CARE_HOURS))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minCareHours)
                .grain("organisation × service line (of the ward) × month")
                .funnel(FunnelType.PROPORTION)
                .build(),
            Metric.builder("cost_per_care_hour")
                .name("Ward pay cost per care hour")
                .family(INPATIENT)
                .numerator(
                    "ward pay cost (GBP) of the days the return gives one",
                    col(InpatientStaffing.PAY_COST))
                .denominator("care hours worked on those days", col(InpatientStaffing.COSTED_HOURS))
                .unit("GBP per care hour")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minCareHours)
                .grain("organisation × service line (of the ward) × month")
                .opportunity(Opportunity.of(OpportunityRule.COST))
                .build(),
            Metric.builder("headroom_pct")
                .name("Roster headroom %")
                .family(INPATIENT)
                .numerator(
                    "headroom hours: contracted hours set aside for leave, training and sickness",
                    col(RosterPractice.HEADROOM_HOURS))
                .denominator(
                    "contracted hours (of the roster periods that return both)",
                    col(RosterPractice.CONTRACTED_HOURS))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minCareHours)
                .grain("organisation × service line (of the ward) × month of roster start")
                .build(),
            Metric.builder("unused_hours")
                .name("Unused contracted hours")
                .family(INPATIENT)
                .numerator(
                    "Σ over roster periods of contracted − worked hours, where positive",
                    col(RosterPractice.UNUSED_HOURS))
                .denominator(
                    "1 (an absolute number of hours) where the organisation returned rosters",
                    when(col(RosterPractice.ROSTERS).gt(0), lit(1.0)))
                .unit("hours")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(0)
                .grain("organisation × service line (of the ward) × month of roster start")
                .build(),
            Metric.builder("roster_approval_weeks")
                .name("Roster approval lead (weeks)")
                .family(INPATIENT)
                .numerator(
                    "Σ over roster periods of (Roster_Start_Date − Approved_Date) in weeks",
                    col(RosterPractice.LEAD_WEEKS))
                .denominator("roster periods", col(RosterPractice.ROSTERS))
                .unit("weeks")
                .direction(Direction.HIGHER_IS_BETTER)
                .minDenominator(1)
                .grain("organisation × service line (of the ward) × month of roster start")
                .build(),
            Metric.builder("nursing_cost_per_occupied_bed")
                .name("Ward pay cost per occupied bed per year")
                .family(INPATIENT)
                .numerator(
                    "ward pay cost (GBP) of the days the return gives one",
                    col(InpatientStaffing.PAY_COST))
                .denominator(
                    "occupied bed-years on those days: their patient days (at 23:59) ÷ 365, so the"
                        + " value is annualised",
                    col(InpatientStaffing.COSTED_PATIENT_DAYS).divide(365.0))
                .unit("GBP per occupied bed per year")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minPatientDays / 365.0)
                .grain("organisation × service line (of the ward) × month")
                .opportunity(Opportunity.of(OpportunityRule.COST).overlapping("cost_per_care_hour"))
                .build(),
            Metric.builder("alos_days")
                .name("Average length of ward stay (days)")
                .family(INPATIENT)
                .numerator(
                    "days from start to end of the MHSDS ward stays that ended in the month",
                    col(WardStays.STAY_DAYS))
                .denominator("ward stays that ended in the month", col(WardStays.ENDED_STAYS))
                .unit("days")
                .direction(Direction.CONTEXT)
                .minDenominator(minEndedStays)
                .grain("organisation × service line (of the ward) × month of the stay's end")
                .build(),
            Metric.builder("sickness_rate_pct")
                .name("Sickness absence rate %")
                .family(WORKFORCE)
                .numerator(
                    "FTE calendar days lost to sickness, every assignment (ESR)",
                    col(WorkforceActivity.DAYS_SICK))
                .denominator(
                    "FTE calendar days available, every assignment: summed over all staff groups"
                        + " before dividing (one denominator for all)",
                    col(WorkforceActivity.DAYS_AVAILABLE))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minStaffDays)
                .grain(organisationGrain)
                .opportunity(Opportunity.of(OpportunityRule.STAFF_TIME))
                .funnel(FunnelType.PROPORTION)
                .build(),
            Metric.builder("turnover_12m_pct")
                .name("Twelve-month staff turnover %")
                .family(WORKFORCE)
                .numerator(
                    "people (not assignments) who left in the twelve months ending with the month"
                        + " (ESR leavers)",
                    col(WorkforceTurnover.LEAVERS))
                .denominator(
                    "mean of the headcount (people in post) at the end of the month before the twelve"
                        + " and at the end of the month; needs twelve months of ESR leavers loaded",
                    col(WorkforceTurnover.MEAN_HEADCOUNT))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(minWte)
                .grain("organisation × twelve months ending with the month (service line ALL)")
                .build(),
            Metric.builder("medical_staff_share_pct")
                .name("Medical staff share %")
                .family(WORKFORCE)
                .numerator(
                    "contracted WTE of the Medical and Dental staff group",
                    col(WorkforceActivity.MEDICAL_WTE))
                .denominator("contracted WTE of every assignment", col(WorkforceActivity.ALL_WTE))
                .scale(100)
                .unit("percent")
                .direction(Direction.CONTEXT)
                .minDenominator(minWte)
                .grain(organisationGrain)
                .build(),
            annual(
                "ef_cost_per_m2",
                "Estates and facilities cost per m²",
                ESTATES,
                "estates and facilities cost: estates and property maintenance + other hard FM +"
                    + " other soft FM (ERIC trust return from 2016-17; hard FM + soft FM totals"
                    + " before)",
                TrustReturns.EF_COST,
                "gross internal floor area (m², ERIC trust return)",
                TrustReturns.FLOOR_AREA,
                1,
                "GBP per m²",
                Opportunity.of(OpportunityRule.COST)),
            annual(
                "ef_cost_pct_income",
                "Estates and facilities cost % of income",
                ESTATES,
                "estates and facilities cost (as for ef_cost_per_m2)",
                TrustReturns.EF_COST,
                "Total_Operating_Income (finance summary)",
                TrustReturns.INCOME,
                100,
                "percent",
                Opportunity.of(OpportunityRule.COST).overlapping("ef_cost_per_m2")),
            annual(
                "non_clinical_space_pct",
                "Non-clinical space %",
                ESTATES,
                "non-clinical floor area (m², ERIC trust return; non-patient-occupied before"
                    + " 2015-16)",
                TrustReturns.NON_CLINICAL,
                "gross internal floor area (m², ERIC trust return)",
                TrustReturns.FLOOR_AREA,
                100,
                "percent",
                Opportunity.NONE),
            annual(
                "empty_space_pct",
                "Empty space %",
                ESTATES,
                "empty floor area (m²): ERIC trust return's empty % × its occupied floor area;"
                    + " where the trust left the % out, Σ over its site return's rows (AGGRE"
                    + " included) of the site's empty % × its occupied floor area (gross where"
                    + " missing)",
                TrustReturns.EMPTY,
                "the floor area the % is of: the trust's occupied, else Σ the site rows' occupied"
                    + " (gross where missing) of the rows that returned the %",
                TrustReturns.EMPTY_BASE,
                100,
                "percent",
                Opportunity.NONE),
            annual(
                "underused_space_pct",
                "Under-used space %",
                ESTATES,
                "under-used floor area (m²): ERIC trust return's under-used % × its occupied floor"
                    + " area; where the trust left the % out, Σ over its site return's rows (AGGRE"
                    + " included) of the site's under-used % × its occupied floor area (gross where"
                    + " missing)",
                TrustReturns.UNDERUSED,
                "the floor area the % is of: the trust's occupied, else Σ the site rows' occupied"
                    + " (gross where missing) of the rows that returned the %",
                TrustReturns.UNDERUSED_BASE,
                100,
                "percent",
                Opportunity.NONE),
            annual(
                "energy_cost_per_kwh",
                "Energy cost per kWh",
                ESTATES,
                "energy costs, all supplies (GBP, ERIC trust return; not part of the three estates"
                    + " and facilities cost lines)",
                TrustReturns.ENERGY_COST,
                "energy consumed (kWh, ERIC trust return): electricity + gas + oil + coal + steam +"
                    + " hot water + renewable electricity and non-fossil fuel",
                TrustReturns.ENERGY_KWH,
                1,
                "GBP per kWh",
                Opportunity.of(OpportunityRule.COST)),
            Metric.builder("unit_price")
                .name("Unit price by product")
                .family(PROCUREMENT)
                .numerator(
                    "Σ Line_Total (Quantity × Unit_Price where absent) of the organisation's lines for"
                        + " the product",
                    col(ProductPrices.SPEND))
                .denominator("Σ Quantity (units of issue) of those lines", col(Columns.QUANTITY))
                .unit("GBP per unit of issue")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(0)
                .grain("organisation × product (NPC, the breakdown) × month")
                .opportunity(Opportunity.of(OpportunityRule.COST).against(TargetBasis.NATIONAL_MIN))
                .build(),
            Metric.builder("price_variation_pct_spend")
                .name("Price variation % of spend")
                .family(PROCUREMENT)
                .numerator(
                    "Σ over the organisation's products in the category of max(0, its unit price −"
                        + " the national minimum unit price) × its quantity",
                    col(ProductPrices.EXCESS_SPEND))
                .denominator(
                    "its spend in the category (lines with a mapped category)",
                    col(ProductPrices.SPEND))
                .scale(100)
                .unit("percent")
                .direction(Direction.LOWER_IS_BETTER)
                .minDenominator(0)
                .grain("organisation × national procurement category (the breakdown) × month")
                .opportunity(Opportunity.of(OpportunityRule.COST).overlapping("unit_price"))
                .build(),
            annual(
                "corporate_cost_pct_income",
                "Corporate services cost % of income",
                CORPORATE,
                "Corporate_Services_Cost",
                TrustReturns.CORPORATE_COST,
                "Total_Operating_Income",
                TrustReturns.INCOME,
                100,
                "percent",
                Opportunity.of(OpportunityRule.COST)),
            annual(
                "cost_per_payslip",
                "Cost per payslip",
                CORPORATE,
                "Payroll_Cost (payroll service)",
                TrustReturns.PAYROLL_COST,
                "Payslips_Issued in the year",
                TrustReturns.PAYSLIPS,
                1,
                "GBP per payslip",
                Opportunity.of(OpportunityRule.COST).overlapping("corporate_cost_pct_income")),
            annual(
                "hr_cost_per_employee",
                "HR cost per employee",
                CORPORATE,
                "HR_Cost (HR service)",
                TrustReturns.HR_COST,
                "Employees_Headcount",
                TrustReturns.HEADCOUNT,
                1,
                "GBP per employee",
                Opportunity.of(OpportunityRule.COST).overlapping("corporate_cost_pct_income"))));
  }

  /**
   * A metric of a trust's annual return (ERIC or the finance summary): organisation × financial
   * year, lower is better, every return benchmarked (whole trusts: no small denominators).
   */
  private static Metric annual(
      String id,
      String name,
      String family,
      String numeratorDefinition,
      String numerator,
      String denominatorDefinition,
      String denominator,
      double scale,
      String unit,
      Opportunity opportunity) {
    return Metric.builder(id)
        .name(name)
        .family(family)
        .numerator(numeratorDefinition, col(numerator))
        .denominator(denominatorDefinition, col(denominator))
        .scale(scale)
        .unit(unit)
        .direction(Direction.LOWER_IS_BETTER)
        .minDenominator(0)
        .grain("organisation × financial year (service line ALL)")
        .opportunity(opportunity)
        .build();
  }

  /** One of the CHPPD metrics: hours of a staff group ÷ patient days, both tails of interest. */
  private static Metric chppd(
      String id, String name, String hours, String hoursColumn, double minPatientDays) {
    return Metric.builder(id)
        .name(name)
        .family(INPATIENT)
        .numerator(hours + " in the month, over the days of the staffing return", col(hoursColumn))
        .denominator(
            "patient days: Σ over those days of patients on the ward at 23:59 (Patients_At_Midnight,"
                + " else MHSDS ward stays started by the day and not ended by it), not the average"
                + " census",
            col(InpatientStaffing.PATIENT_DAYS))
        .unit("care hours per patient day")
        .direction(Direction.CONTEXT)
        .minDenominator(minPatientDays)
        .grain("organisation × service line (of the ward) × month")
        .build();
  }

  public List<Metric> all() {
    return metrics;
  }

  /** The families in catalogue order. */
  public List<String> families() {
    return metrics.stream().map(Metric::family).distinct().toList();
  }

  public List<Metric> family(String family) {
    return metrics.stream().filter(m -> m.family().equals(family)).toList();
  }

  public Optional<Metric> find(String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public Metric get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no metric '" + id + "'"));
  }
}
