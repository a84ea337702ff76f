package org.mhcs.generate;

/**
 * A job as ESR and the clinical systems record it: ESR staff group (the names in {@code
 * conf/clinical_staff_groups.csv}), Agenda for Change band, occupation code, the staff group code
 * written to CYP901 / MHS901, and a typical annual salary for pay costs.
 *
 * <p>Occupation codes and the two-digit staff-group codes are synthetic look-alikes of the NHS
 * Occupation Code Manual and the data sets' staff-group lists: plausible in shape, not checked
 * against the published lists (no metric uses them).
 */
enum StaffRole {
  COMMUNITY_NURSE_B5(Groups.NURSING, "Band 5", "N4C", "02", 33_000),
  COMMUNITY_NURSE_B6(Groups.NURSING, "Band 6", "N3C", "02", 41_000),
  NURSE_TEAM_LEAD_B7(Groups.NURSING, "Band 7", "N2C", "02", 49_000),
  NURSE_MANAGER_B8A(Groups.NURSING, "Band 8a", "N1C", "02", 57_000),
  HEALTH_VISITOR_B6(Groups.NURSING, "Band 6", "N3H", "02", 41_000),
  HEALTH_VISITOR_B7(Groups.NURSING, "Band 7", "N2H", "02", 49_000),
  MENTAL_HEALTH_NURSE_B5(Groups.NURSING, "Band 5", "N4M", "02", 33_000),
  MENTAL_HEALTH_NURSE_B6(Groups.NURSING, "Band 6", "N3M", "02", 41_000),
  MENTAL_HEALTH_NURSE_B7(Groups.NURSING, "Band 7", "N2M", "02", 49_000),
  HEALTHCARE_ASSISTANT_B3(Groups.SUPPORT, "Band 3", "H1C", "05", 25_000),
  NURSING_ASSOCIATE_B4(Groups.SUPPORT, "Band 4", "H2C", "05", 27_500),
  NURSERY_NURSE_B4(Groups.SUPPORT, "Band 4", "H3N", "05", 27_500),
  SUPPORT_WORKER_B3(Groups.SUPPORT, "Band 3", "H1M", "05", 25_000),
  THERAPY_ASSISTANT_B3(Groups.SUPPORT, "Band 3", "H2T", "05", 25_000),
  PHYSIOTHERAPIST_B6(Groups.AHP, "Band 6", "S3P", "03", 41_000),
  PHYSIOTHERAPIST_B7(Groups.AHP, "Band 7", "S2P", "03", 49_000),
  OCCUPATIONAL_THERAPIST_B5(Groups.AHP, "Band 5", "S4O", "03", 33_000),
  OCCUPATIONAL_THERAPIST_B6(Groups.AHP, "Band 6", "S3O", "03", 41_000),
  OCCUPATIONAL_THERAPIST_B7(Groups.AHP, "Band 7", "S2O", "03", 49_000),
  PODIATRIST_B5(Groups.AHP, "Band 5", "S4C", "03", 33_000),
  PODIATRIST_B6(Groups.AHP, "Band 6", "S3C", "03", 41_000),
  SPEECH_THERAPIST_B6(Groups.AHP, "Band 6", "S3S", "03", 41_000),
  SPEECH_THERAPIST_B7(Groups.AHP, "Band 7", "S2S", "03", 49_000),
  DIETITIAN_B6(Groups.AHP, "Band 6", "S3D", "03", 41_000),
  CLINICAL_PSYCHOLOGIST_B8A(Groups.SCIENTIFIC, "Band 8a", "S5A", "04", 57_000),
  PSYCHOLOGICAL_THERAPIST_B7(Groups.SCIENTIFIC, "Band 7", "S5T", "04", 49_000),
  CONSULTANT_PSYCHIATRIST(Groups.MEDICAL, "", "010", "01", 115_000),
  SPECIALTY_DOCTOR(Groups.MEDICAL, "", "0F0", "01", 80_000),
  ADMINISTRATOR_B3(Groups.ADMIN, "Band 3", "G2A", "", 25_000),
  TEAM_SECRETARY_B4(Groups.ADMIN, "Band 4", "G2B", "", 27_500),
  ESTATES_OFFICER_B2(Groups.ESTATES, "Band 2", "K1A", "", 24_000);

  /** ESR staff group names, exactly as {@code conf/clinical_staff_groups.csv} spells them. */
  static final class Groups {
    static final String NURSING = "Nursing and Midwifery Registered";
    static final String SUPPORT = "Additional Clinical Services";
    static final String AHP = "Allied Health Professionals";
    static final String SCIENTIFIC = "Add Prof Scientific and Technic";
    static final String MEDICAL = "Medical and Dental";
    static final String ADMIN = "Administrative and Clerical";
    static final String ESTATES = "Estates and Ancillary";

    private Groups() {}
  }

  /** Employer's on-costs (pension, National Insurance) on top of salary. */
  private static final double ON_COSTS = 1.27;

  private final String esrStaffGroup;
  private final String band;
  private final String occupationCode;
  private final String datasetStaffGroup;
  private final int annualSalary;

  StaffRole(
      String esrStaffGroup,
      String band,
      String occupationCode,
      String datasetStaffGroup,
      int annualSalary) {
    this.esrStaffGroup = esrStaffGroup;
    this.band = band;
    this.occupationCode = occupationCode;
    this.datasetStaffGroup = datasetStaffGroup;
    this.annualSalary = annualSalary;
  }

  String esrStaffGroup() {
    return esrStaffGroup;
  }

  /** {@code AfC_Band}; empty for medical staff, who are not on Agenda for Change. */
  String band() {
    return band;
  }

  String occupationCode() {
    return occupationCode;
  }

  /** The code written to CYP901 {@code StaffGroup} / MHS901 {@code CareProfStaffGpMH}. */
  String datasetStaffGroup() {
    return datasetStaffGroup;
  }

  /** Monthly pay cost in pence for {@code wteHundredths} (e.g. 80 = 0.8 WTE), with on-costs. */
  long monthlyPayCostPence(int wteHundredths, double variation) {
    return Math.round(annualSalary * ON_COSTS * wteHundredths / 12.0 * variation);
  }
}
