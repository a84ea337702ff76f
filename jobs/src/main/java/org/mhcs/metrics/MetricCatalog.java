package org.mhcs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.mhcs.conf.Settings;

/**
 * Every metric the pipeline computes, declared once. Ids are public (metrics.md) and never change
 * once published.
 */
public final class MetricCatalog {
  public static final String COMMUNITY = "community";
  public static final String WORKFORCE = "workforce";
  public static final String INPATIENT = "inpatient";

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
                OpportunityRule.DIRECT_CARE_TIME),
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
                OpportunityRule.CONTACT_RATE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE),
            new Metric(
                "dna_rate_pct",
                "Did not attend rate %",
                COMMUNITY,
                "contacts coded did not attend (3, 7)",
                col(CommunityActivity.DNA_CONTACTS),
                "attended (5, 6) + did not attend (3, 7) contacts; cancellations (2, 4) are neither",
                col(CommunityActivity.ATTENDED_CONTACTS).plus(col(CommunityActivity.DNA_CONTACTS)),
                100,
                "percent",
                Direction.LOWER_IS_BETTER,
                minContacts,
                grain,
                OpportunityRule.DNA_RATE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE),
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
                OpportunityRule.NONE)));
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
        OpportunityRule.NONE);
  }

  public List<Metric> all() {
    return metrics;
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
