package org.mhcs.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/**
 * The landing tables the generator writes, each with its header: exactly the fields {@code
 * shared/design/sources.md} lists for it (required and optional), in that order.
 */
enum LandingTable {
  CSDS_REFERRAL(
      "csds",
      "CYP101Referral",
      "OrgID_Provider",
      "ServiceRequestID",
      "LocalPatientID",
      "ReferralRequest_ReceivedDate",
      "SourceOfReferral",
      "Discharge_Date"),
  CSDS_REFERRAL_TEAM(
      "csds",
      "CYP102ServiceTypeReferredTo",
      "OrgID_Provider",
      "ServiceRequestID",
      "TeamID_Local",
      "TeamType",
      "Referral_ClosureDate",
      "Referral_RejectionDate"),
  CSDS_CARE_CONTACT(
      "csds",
      "CYP201CareContact",
      "OrgID_Provider",
      "CareContactID",
      "ServiceRequestID",
      "TeamID_Local",
      "Contact_Date",
      "Contact_Time",
      "CareContact_Duration",
      "ConsMechanism",
      "AttendanceStatus"),
  CSDS_CARE_ACTIVITY(
      "csds",
      "CYP202CareActivity",
      "OrgID_Provider",
      "CareActivityID",
      "CareContactID",
      "CareProfessionalID_Local",
      "CareActivity_Duration",
      "Activity_Type"),
  CSDS_STAFF(
      "csds",
      "CYP901StaffDetails",
      "OrgID_Provider",
      "CareProfessionalID_Local",
      "StaffGroup",
      "OccupationCode"),
  MHSDS_REFERRAL(
      "mhsds",
      "MHS101Referral",
      "OrgIDProv",
      "ServiceRequestId",
      "LocalPatientId",
      "ReferralRequestReceivedDate",
      "SourceOfReferralMH",
      "ServDischDate"),
  MHSDS_REFERRAL_TEAM(
      "mhsds",
      "MHS102ServiceTypeReferredTo",
      "OrgIDProv",
      "ServiceRequestId",
      "ServTeamTypeRefToMH",
      "CareProfTeamLocalId",
      "ReferClosureDate",
      "ReferRejectionDate"),
  MHSDS_CARE_CONTACT(
      "mhsds",
      "MHS201CareContact",
      "OrgIDProv",
      "CareContactId",
      "ServiceRequestId",
      "CareProfTeamLocalId",
      "CareContDate",
      "CareContTime",
      "ClinContDurOfCareCont",
      "ConsMechanismMH",
      "AttendOrDNACode"),
  MHSDS_CARE_ACTIVITY(
      "mhsds",
      "MHS202CareActivity",
      "OrgIDProv",
      "CareActId",
      "CareContactId",
      "CareProfLocalId",
      "ClinContDurOfCareAct"),
  MHSDS_STAFF(
      "mhsds",
      "MHS901StaffDetails",
      "OrgIDProv",
      "CareProfLocalId",
      "CareProfStaffGpMH",
      "OccCode"),
  ESR_STAFF_IN_POST(
      "esr",
      "staff_in_post",
      "Org_Code",
      "Unique_NHS_Identifier",
      "Assignment_Number",
      "CareProfLocalId",
      "Staff_Group",
      "Occupation_Code",
      "AfC_Band",
      "Contracted_WTE",
      "Cost_Centre",
      "Team_Local_Id",
      "Ward_Code",
      "Monthly_Pay_Cost",
      "Assignment_Category"),
  ESR_SICKNESS(
      "esr",
      "sickness",
      "Org_Code",
      "Unique_NHS_Identifier",
      "Assignment_Number",
      "Staff_Group",
      "FTE_Days_Sick",
      "FTE_Days_Available"),
  REF_ORGANISATIONS(
      "ref", "organisations", "Org_Code", "Org_Name", "Org_Type", "Region", "ICS_Code");

  private final String source;
  private final String table;
  private final List<String> columns;

  LandingTable(String source, String table, String... columns) {
    this.source = source;
    this.table = table;
    this.columns = List.of(columns);
  }

  String source() {
    return source;
  }

  String table() {
    return table;
  }

  List<String> columns() {
    return columns;
  }

  /** The key {@link GeneratedLanding} counts rows under, e.g. {@code csds/CYP201CareContact}. */
  String key() {
    return source + "/" + table;
  }

  /** Reference tables have no period folder. */
  boolean periodic() {
    return !"ref".equals(source);
  }

  /** The folder the table's files go to: {@code <landing>/<source>/<table>[/<period>]}. */
  Path folder(Path landingDir, YearMonth period) {
    Path folder = landingDir.resolve(source).resolve(table);
    return periodic() ? folder.resolve(period.toString()) : folder;
  }
}
