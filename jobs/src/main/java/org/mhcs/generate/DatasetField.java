package org.mhcs.generate;

/**
 * What the care-contact simulation records, with the name CSDS and MHSDS each give it. The two data
 * sets record the same things under different names; this says which column a value belongs in,
 * while the table's schema says where that column sits in the file.
 */
enum DatasetField {
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

  DatasetField(String csds, String mhsds) {
    this.csds = csds;
    this.mhsds = mhsds;
  }

  /** The column's name in {@code dataset}'s tables. */
  String nameIn(Dataset dataset) {
    return dataset == Dataset.CSDS ? csds : mhsds;
  }
}
