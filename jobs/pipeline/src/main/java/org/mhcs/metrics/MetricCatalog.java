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
            new Metric(
                "direct_care_pct",
                "Direct care time %",
                COMMUNITY,
                "attended direct-care minutes (care-activity minutes, else contact minutes;"
                    + " attended = codes 5, 6; direct = mechanisms 01, 02, 04, 11)",
                col(CommunityActivity.DIRECT_MINUTES),
                "available clinical minutes = "
                    + MetricCatalogPage.number(minutesPerDay)
                    + " × (Σ clinical contracted WTE × working days − Σ FTE days sick × 5/7)",
                col(CommunityActivity.AVAILABLE_DAYS).multiply(minutesPerDay),
                100,
                "percent",
                Direction.HIGHER_IS_BETTER,
                minDays * minutesPerDay,
                grain,
                Opportunity.of(OpportunityRule.DIRECT_CARE_TIME)),
            new Metric(
                    "contacts_per_clinician_day",
                    "Contacts per clinician per day",
                    COMMUNITY,
                    "attended direct-care contacts",
                    col(CommunityActivity.DIRECT_CONTACTS),
                    "available clinical days (as for direct_care_pct)",
                    col(CommunityActivity.AVAILABLE_DAYS),
                    1,
                    "contacts per clinical day",
                    Direction.HIGHER_IS_BETTER,
                    minDays,
                    grain,
                    Opportunity.of(OpportunityRule.CONTACT_RATE).overlapping("direct_care_pct"))
                .withFunnel(FunnelType.RATE),
            new Metric(
                "mean_f2f_contact_minutes",
                "Mean face-to-face contact duration (minutes)",
                COMMUNITY,
                "minutes of attended face-to-face (mechanism 01) contacts",
                col(CommunityActivity.F2F_MINUTES),
                "attended face-to-face contacts",
                col(CommunityActivity.F2F_CONTACTS),
                1,
                "minutes",
                Direction.CONTEXT,
                minContacts,
                grain,
                Opportunity.NONE),
            new Metric(
                "contacts_per_patient",
                "Contacts per patient",
                COMMUNITY,
                "attended direct-care contacts",
                col(CommunityActivity.DIRECT_CONTACTS),
                "distinct patients with at least one attended direct-care contact",
                col(CommunityActivity.PATIENTS),
                1,
                "contacts per patient",
                Direction.CONTEXT,
                minContacts,
                grain,
                Opportunity.NONE),
            new Metric(
                    "dna_rate_pct",
                    "Did not attend rate %",
                    COMMUNITY,
                    "contacts coded did not attend (3, 7)",
                    col(CommunityActivity.DNA_CONTACTS),
                    "attended (5, 6) + did not attend (3, 7) contacts; cancellations (2, 4) are neither",
                    col(CommunityActivity.ATTENDED_CONTACTS)
                        .plus(col(CommunityActivity.DNA_CONTACTS)),
                    100,
                    "percent",
                    Direction.LOWER_IS_BETTER,
                    minContacts,
                    grain,
                    Opportunity.of(OpportunityRule.DNA_RATE))
                .withFunnel(FunnelType.PROPORTION),
            new Metric(
                    "single_contact_discharge_pct",
                    "Single-contact discharge %",
                    COMMUNITY,
                    "referrals closed (discharged) in the month with exactly one attended contact"
                        + " (contacts counted over every month loaded)",
                    col(ReferralActivity.CLOSED_AFTER_ONE_CONTACT),
                    "referrals closed in the month",
                    col(ReferralActivity.CLOSED),
                    100,
                    "percent",
                    Direction.LOWER_IS_BETTER,
                    minReferrals,
                    grain,
                    Opportunity.NONE)
                .withFunnel(FunnelType.PROPORTION),
            new Metric(
                "monthly_discharge_rate_pct",
                "Monthly discharge rate %",
                COMMUNITY,
                "referrals closed (discharged) in the month",
                col(ReferralActivity.CLOSED),
                "referrals open at the start of the month (received before it, not discharged"
                    + " before it)",
                col(ReferralActivity.OPEN_AT_START),
                100,
                "percent",
                Direction.CONTEXT,
                minReferrals,
                grain,
                Opportunity.NONE),
            new Metric(
                "caseload_per_wte",
                "Caseload per clinical WTE",
                COMMUNITY,
                "referrals open at the end of the month",
                col(ReferralActivity.OPEN_AT_END),
                "contracted WTE of the service's clinicians (as for direct_care_pct)",
                col(CommunityActivity.CLINICAL_WTE),
                1,
                "open referrals per clinical WTE",
                Direction.CONTEXT,
                minServiceWte,
                grain,
                Opportunity.NONE),
            new Metric(
                SKILL_MIX,
                "Skill mix %",
                COMMUNITY,
                "contracted WTE of the staff group and band (the breakdown)",
                col(SkillMix.GROUP_WTE),
                "contracted WTE of every assignment the service line places",
                col(SkillMix.SERVICE_WTE),
                100,
                "percent",
                Direction.CONTEXT,
                minServiceWte,
                "organisation × service line × staff group and band (the breakdown) × month",
                Opportunity.NONE),
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
            new Metric(
                    "bank_agency_share_pct",
                    "Bank and agency share of care hours %",
                    INPATIENT,
                    "bank and agency hours (part of the care hours)",
                    col(InpatientStaffing.TEMPORARY_HOURS),
                    "care hours worked (RN + HCSW + AHP)",
                    col(InpatientStaffing.CARE_HOURS),
                    100,
                    "percent",
                    Direction.LOWER_IS_BETTER,
                    minCareHours,
                    "organisation × service line (of the ward) × month",
                    Opportunity.NONE)
                .withFunnel(FunnelType.PROPORTION),
            new Metric(
                "cost_per_care_hour",
                "Ward pay cost per care hour",
                INPATIENT,
                "ward pay cost (GBP) of the days the return gives one",
                col(InpatientStaffing.PAY_COST),
                "care hours worked on those days",
                col(InpatientStaffing.COSTED_HOURS),
                1,
                "GBP per care hour",
                Direction.LOWER_IS_BETTER,
                minCareHours,
                "organisation × service line (of the ward) × month",
                Opportunity.of(OpportunityRule.COST)),
            new Metric(
                "headroom_pct",
                "Roster headroom %",
                INPATIENT,
                "headroom hours: contracted hours set aside for leave, training and sickness",
                col(RosterPractice.HEADROOM_HOURS),
                "contracted hours (of the roster periods that return both)",
                col(RosterPractice.CONTRACTED_HOURS),
                100,
                "percent",
                Direction.LOWER_IS_BETTER,
                minCareHours,
                "organisation × service line (of the ward) × month of roster start",
                Opportunity.NONE),
            new Metric(
                "unused_hours",
                "Unused contracted hours",
                INPATIENT,
                "Σ over roster periods of contracted − worked hours, where positive",
                col(RosterPractice.UNUSED_HOURS),
                "1 (an absolute number of hours) where the organisation returned rosters",
                when(col(RosterPractice.ROSTERS).gt(0), lit(1.0)),
                1,
                "hours",
                Direction.LOWER_IS_BETTER,
                0,
                "organisation × service line (of the ward) × month of roster start",
                Opportunity.NONE),
            new Metric(
                "roster_approval_weeks",
                "Roster approval lead (weeks)",
                INPATIENT,
                "Σ over roster periods of (Roster_Start_Date − Approved_Date) in weeks",
                col(RosterPractice.LEAD_WEEKS),
                "roster periods",
                col(RosterPractice.ROSTERS),
                1,
                "weeks",
                Direction.HIGHER_IS_BETTER,
                1,
                "organisation × service line (of the ward) × month of roster start",
                Opportunity.NONE),
            new Metric(
                "nursing_cost_per_occupied_bed",
                "Ward pay cost per occupied bed per year",
                INPATIENT,
                "ward pay cost (GBP) of the days the return gives one",
                col(InpatientStaffing.PAY_COST),
                "occupied bed-years on those days: their patient days (at 23:59) ÷ 365, so the"
                    + " value is annualised",
                col(InpatientStaffing.COSTED_PATIENT_DAYS).divide(365.0),
                1,
                "GBP per occupied bed per year",
                Direction.LOWER_IS_BETTER,
                minPatientDays / 365.0,
                "organisation × service line (of the ward) × month",
                Opportunity.of(OpportunityRule.COST).overlapping("cost_per_care_hour")),
            new Metric(
                "alos_days",
                "Average length of ward stay (days)",
                INPATIENT,
                "days from start to end of the MHSDS ward stays that ended in the month",
                col(WardStays.STAY_DAYS),
                "ward stays that ended in the month",
                col(WardStays.ENDED_STAYS),
                1,
                "days",
                Direction.CONTEXT,
                minEndedStays,
                "organisation × service line (of the ward) × month of the stay's end",
                Opportunity.NONE),
            new Metric(
                    "sickness_rate_pct",
                    "Sickness absence rate %",
                    WORKFORCE,
                    "FTE calendar days lost to sickness, every assignment (ESR)",
                    col(WorkforceActivity.DAYS_SICK),
                    "FTE calendar days available, every assignment: summed over all staff groups"
                        + " before dividing (one denominator for all)",
                    col(WorkforceActivity.DAYS_AVAILABLE),
                    100,
                    "percent",
                    Direction.LOWER_IS_BETTER,
                    minStaffDays,
                    organisationGrain,
                    Opportunity.of(OpportunityRule.STAFF_TIME))
                .withFunnel(FunnelType.PROPORTION),
            new Metric(
                "turnover_12m_pct",
                "Twelve-month staff turnover %",
                WORKFORCE,
                "people (not assignments) who left in the twelve months ending with the month"
                    + " (ESR leavers)",
                col(WorkforceTurnover.LEAVERS),
                "mean of the headcount (people in post) at the end of the month before the twelve"
                    + " and at the end of the month; needs twelve months of ESR leavers loaded",
                col(WorkforceTurnover.MEAN_HEADCOUNT),
                100,
                "percent",
                Direction.LOWER_IS_BETTER,
                minWte,
                "organisation × twelve months ending with the month (service line ALL)",
                Opportunity.NONE),
            new Metric(
                "medical_staff_share_pct",
                "Medical staff share %",
                WORKFORCE,
                "contracted WTE of the Medical and Dental staff group",
                col(WorkforceActivity.MEDICAL_WTE),
                "contracted WTE of every assignment",
                col(WorkforceActivity.ALL_WTE),
                100,
                "percent",
                Direction.CONTEXT,
                minWte,
                organisationGrain,
                Opportunity.NONE),
            annual(
                "ef_cost_per_m2",
                "Estates and facilities cost per m²",
                ESTATES,
                "estates and facilities cost: estates and property maintenance + other hard FM +"
                    + " other soft FM (ERIC from 2016-17; hard FM + soft FM totals before)",
                TrustReturns.EF_COST,
                "gross internal floor area (m²)",
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
                "non-clinical floor area (m²; non-patient-occupied before 2015-16)",
                TrustReturns.NON_CLINICAL,
                "gross internal floor area (m²)",
                TrustReturns.FLOOR_AREA,
                100,
                "percent",
                Opportunity.NONE),
            annual(
                "empty_space_pct",
                "Empty space %",
                ESTATES,
                "empty floor area (m²): the trust's returned % × its occupied floor area, else Σ"
                    + " its sites' empty floor area",
                TrustReturns.EMPTY,
                "the occupied floor area the % is of, else Σ the gross internal floor area of the"
                    + " sites that returned an empty area",
                TrustReturns.EMPTY_BASE,
                100,
                "percent",
                Opportunity.NONE),
            annual(
                "underused_space_pct",
                "Under-used space %",
                ESTATES,
                "under-used floor area (m²): the trust's returned % × its occupied floor area, else"
                    + " Σ its sites' under-used floor area",
                TrustReturns.UNDERUSED,
                "the occupied floor area the % is of, else Σ the gross internal floor area of the"
                    + " sites that returned an under-used area",
                TrustReturns.UNDERUSED_BASE,
                100,
                "percent",
                Opportunity.NONE),
            annual(
                "energy_cost_per_kwh",
                "Energy cost per kWh",
                ESTATES,
                "energy costs, all supplies (GBP; not part of the three estates and facilities"
                    + " cost lines)",
                TrustReturns.ENERGY_COST,
                "energy consumed (kWh): electricity + gas + oil + coal + steam + hot water +"
                    + " renewable electricity and non-fossil fuel",
                TrustReturns.ENERGY_KWH,
                1,
                "GBP per kWh",
                Opportunity.of(OpportunityRule.COST)),
            new Metric(
                "unit_price",
                "Unit price by product",
                PROCUREMENT,
                "Σ Line_Total (Quantity × Unit_Price where absent) of the organisation's lines for"
                    + " the product",
                col(ProductPrices.SPEND),
                "Σ Quantity (units of issue) of those lines",
                col(Columns.QUANTITY),
                1,
                "GBP per unit of issue",
                Direction.LOWER_IS_BETTER,
                0,
                "organisation × product (NPC, the breakdown) × month",
                Opportunity.of(OpportunityRule.COST).against(TargetBasis.NATIONAL_MIN)),
            new Metric(
                "price_variation_pct_spend",
                "Price variation % of spend",
                PROCUREMENT,
                "Σ over the organisation's products in the category of max(0, its unit price −"
                    + " the national minimum unit price) × its quantity",
                col(ProductPrices.EXCESS_SPEND),
                "its spend in the category (lines with a mapped category)",
                col(ProductPrices.SPEND),
                100,
                "percent",
                Direction.LOWER_IS_BETTER,
                0,
                "organisation × national procurement category (the breakdown) × month",
                Opportunity.of(OpportunityRule.COST).overlapping("unit_price")),
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
    return new Metric(
        id,
        name,
        family,
        numeratorDefinition,
        col(numerator),
        denominatorDefinition,
        col(denominator),
        scale,
        unit,
        Direction.LOWER_IS_BETTER,
        0,
        "organisation × financial year (service line ALL)",
        opportunity);
  }

  /** One of the CHPPD metrics: hours of a staff group ÷ patient days, both tails of interest. */
  private static Metric chppd(
      String id, String name, String hours, String hoursColumn, double minPatientDays) {
    return new Metric(
        id,
        name,
        INPATIENT,
        hours + " in the month, over the days of the staffing return",
        col(hoursColumn),
        "patient days: Σ over those days of patients on the ward at 23:59 (Patients_At_Midnight,"
            + " else MHSDS ward stays started by the day and not ended by it), not the average"
            + " census",
        col(InpatientStaffing.PATIENT_DAYS),
        1,
        "care hours per patient day",
        Direction.CONTEXT,
        minPatientDays,
        "organisation × service line (of the ward) × month",
        Opportunity.NONE);
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
