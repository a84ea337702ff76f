package org.mhcs.schema;

/**
 * The fields CSDS and MHSDS both record, each with the name each data set gives it: the one place
 * the two data sets' names meet. The pipeline reads contacts by these, and the generator writes
 * them; each table's schema says where a column sits in its file.
 */
public enum ActivityField {
  ORG("OrgID_Provider", "OrgIDProv"),
  REFERRAL_ID("ServiceRequestID", "ServiceRequestId"),
  PATIENT_ID("LocalPatientID", "LocalPatientId"),
  REFERRAL_RECEIVED("ReferralRequest_ReceivedDate", "ReferralRequestReceivedDate"),
  REFERRAL_SOURCE("SourceOfReferral", "SourceOfReferralMH"),
  DISCHARGED("Discharge_Date", "ServDischDate"),
  TEAM_ID("TeamID_Local", "CareProfTeamLocalId"),
  TEAM_TYPE("TeamType", "ServTeamTypeRefToMH"),
  REFERRAL_CLOSED("Referral_ClosureDate", "ReferClosureDate"),
  REFERRAL_REJECTED("Referral_RejectionDate", "ReferRejectionDate"),
  CONTACT_ID("CareContactID", "CareContactId"),
  CONTACT_DATE("Contact_Date", "CareContDate"),
  CONTACT_TIME("Contact_Time", "CareContTime"),
  CONTACT_MINUTES("CareContact_Duration", "ClinContDurOfCareCont"),
  MECHANISM("ConsMechanism", "ConsMechanismMH"),
  ATTENDANCE("AttendanceStatus", "AttendOrDNACode"),
  ACTIVITY_ID("CareActivityID", "CareActId"),
  ACTIVITY_MINUTES("CareActivity_Duration", "ClinContDurOfCareAct"),
  PROFESSIONAL_ID("CareProfessionalID_Local", "CareProfLocalId"),
  STAFF_GROUP("StaffGroup", "CareProfStaffGpMH"),
  OCCUPATION("OccupationCode", "OccCode");

  private final String csds;
  private final String mhsds;

  ActivityField(String csds, String mhsds) {
    this.csds = csds;
    this.mhsds = mhsds;
  }

  /** The column's name in the tables of {@code source} ({@code csds} or {@code mhsds}). */
  public String nameIn(String source) {
    return switch (source) {
      case "csds" -> csds;
      case "mhsds" -> mhsds;
      default -> throw new IllegalArgumentException("no activity fields for source " + source);
    };
  }
}
