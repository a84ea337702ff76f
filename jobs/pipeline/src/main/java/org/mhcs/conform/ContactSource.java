package org.mhcs.conform;

import org.mhcs.schema.ActivityField;

/**
 * One activity data set (CSDS or MHSDS) as the conformed contacts read it: its tables and the code
 * system of its team types. Field names come from {@link ActivityField}, where the two data sets'
 * names are declared side by side.
 */
public record ContactSource(
    String dataset,
    CodeSystem teamCodeSystem,
    String referralTable,
    String referralTeamTable,
    String contactTable,
    String activityTable) {

  public static final ContactSource CSDS =
      new ContactSource(
          "csds",
          CodeSystem.CSDS_TEAM_TYPE,
          "CYP101Referral",
          "CYP102ServiceTypeReferredTo",
          "CYP201CareContact",
          "CYP202CareActivity");

  public static final ContactSource MHSDS =
      new ContactSource(
          "mhsds",
          CodeSystem.MHSDS_TEAM_TYPE,
          "MHS101Referral",
          "MHS102ServiceTypeReferredTo",
          "MHS201CareContact",
          "MHS202CareActivity");

  /** The contact table as {@code source/table}, e.g. {@code csds/CYP201CareContact}. */
  public String contactTableId() {
    return dataset + "/" + contactTable;
  }

  /** This data set's name for {@code field}. */
  public String field(ActivityField field) {
    return field.nameIn(dataset);
  }

  public String org() {
    return field(ActivityField.ORG);
  }

  public String referralId() {
    return field(ActivityField.REFERRAL_ID);
  }

  public String patientId() {
    return field(ActivityField.PATIENT_ID);
  }

  public String teamId() {
    return field(ActivityField.TEAM_ID);
  }

  public String teamType() {
    return field(ActivityField.TEAM_TYPE);
  }

  public String contactId() {
    return field(ActivityField.CONTACT_ID);
  }

  public String contactDate() {
    return field(ActivityField.CONTACT_DATE);
  }

  public String contactMinutes() {
    return field(ActivityField.CONTACT_MINUTES);
  }

  public String mechanism() {
    return field(ActivityField.MECHANISM);
  }

  public String attendance() {
    return field(ActivityField.ATTENDANCE);
  }

  /** The contact id as the activity table names it (the same field as on the contact). */
  public String activityContactId() {
    return field(ActivityField.CONTACT_ID);
  }

  public String activityMinutes() {
    return field(ActivityField.ACTIVITY_MINUTES);
  }
}
