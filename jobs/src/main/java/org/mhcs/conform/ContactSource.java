package org.mhcs.conform;

/**
 * Where one activity data set (CSDS or MHSDS) keeps what a conformed contact needs: its tables and
 * the data set's own field names. This is the one place the two data sets' names meet.
 */
public record ContactSource(
    String dataset,
    String codeSystem,
    String referralTable,
    String referralTeamTable,
    String contactTable,
    String activityTable,
    String org,
    String referralId,
    String patientId,
    String teamId,
    String teamType,
    String contactId,
    String contactDate,
    String contactMinutes,
    String mechanism,
    String attendance,
    String activityContactId,
    String activityMinutes) {

  public static final ContactSource CSDS =
      new ContactSource(
          "csds",
          "CSDS.TeamType",
          "CYP101Referral",
          "CYP102ServiceTypeReferredTo",
          "CYP201CareContact",
          "CYP202CareActivity",
          "OrgID_Provider",
          "ServiceRequestID",
          "LocalPatientID",
          "TeamID_Local",
          "TeamType",
          "CareContactID",
          "Contact_Date",
          "CareContact_Duration",
          "ConsMechanism",
          "AttendanceStatus",
          "CareContactID",
          "CareActivity_Duration");

  public static final ContactSource MHSDS =
      new ContactSource(
          "mhsds",
          "MHSDS.ServTeamTypeRefToMH",
          "MHS101Referral",
          "MHS102ServiceTypeReferredTo",
          "MHS201CareContact",
          "MHS202CareActivity",
          "OrgIDProv",
          "ServiceRequestId",
          "LocalPatientId",
          "CareProfTeamLocalId",
          "ServTeamTypeRefToMH",
          "CareContactId",
          "CareContDate",
          "ClinContDurOfCareCont",
          "ConsMechanismMH",
          "AttendOrDNACode",
          "CareContactId",
          "ClinContDurOfCareAct");
}
