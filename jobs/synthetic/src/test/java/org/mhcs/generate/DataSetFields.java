package org.mhcs.generate;

/**
 * One patient-level data set's table and field names as {@code shared/design/sources.md} spells
 * them, written out here (not taken from the generator) so the tests read the files as the pipeline
 * would.
 */
record DataSetFields(
    String source,
    String patientIndex,
    String referrals,
    String referralTeams,
    String contacts,
    String activities,
    String staff,
    String org,
    String referralId,
    String patientId,
    String teamId,
    String teamType,
    String contactId,
    String contactMinutes,
    String mechanism,
    String attendance,
    String activityId,
    String activityMinutes,
    String professionalId,
    String codeSystem) {

  static final DataSetFields CSDS =
      new DataSetFields(
          "csds",
          "CYP001MPI",
          "CYP101Referral",
          "CYP102ServiceTypeReferredTo",
          "CYP201CareContact",
          "CYP202CareActivity",
          "CYP901StaffDetails",
          "OrgID_Provider",
          "ServiceRequestID",
          "LocalPatientID",
          "TeamID_Local",
          "TeamType",
          "CareContactID",
          "CareContact_Duration",
          "ConsMechanism",
          "AttendanceStatus",
          "CareActivityID",
          "CareActivity_Duration",
          "CareProfessionalID_Local",
          "CSDS.TeamType");

  static final DataSetFields MHSDS =
      new DataSetFields(
          "mhsds",
          "MHS001MPI",
          "MHS101Referral",
          "MHS102ServiceTypeReferredTo",
          "MHS201CareContact",
          "MHS202CareActivity",
          "MHS901StaffDetails",
          "OrgIDProv",
          "ServiceRequestId",
          "LocalPatientId",
          "CareProfTeamLocalId",
          "ServTeamTypeRefToMH",
          "CareContactId",
          "ClinContDurOfCareCont",
          "ConsMechanismMH",
          "AttendOrDNACode",
          "CareActId",
          "ClinContDurOfCareAct",
          "CareProfLocalId",
          "MHSDS.ServTeamTypeRefToMH");
}
