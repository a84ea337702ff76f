package org.mhcs.generate;

/**
 * The two patient-level data sets the generator writes, with the tables each uses and the letter
 * that keeps their identifiers apart within a combined trust.
 */
enum PatientDataSet {
  CSDS(
      'C',
      "OrgID_CCG_Residence",
      LandingTable.CSDS_PATIENT,
      LandingTable.CSDS_REFERRAL,
      LandingTable.CSDS_REFERRAL_TEAM,
      LandingTable.CSDS_CARE_CONTACT,
      LandingTable.CSDS_CARE_ACTIVITY,
      LandingTable.CSDS_STAFF),
  MHSDS(
      'M',
      "OrgIDCCGRes",
      LandingTable.MHSDS_PATIENT,
      LandingTable.MHSDS_REFERRAL,
      LandingTable.MHSDS_REFERRAL_TEAM,
      LandingTable.MHSDS_CARE_CONTACT,
      LandingTable.MHSDS_CARE_ACTIVITY,
      LandingTable.MHSDS_STAFF);

  private final char letter;
  private final String residenceColumn;
  private final LandingTable patients;
  private final LandingTable referrals;
  private final LandingTable referralTeams;
  private final LandingTable contacts;
  private final LandingTable activities;
  private final LandingTable staff;

  PatientDataSet(
      char letter,
      String residenceColumn,
      LandingTable patients,
      LandingTable referrals,
      LandingTable referralTeams,
      LandingTable contacts,
      LandingTable activities,
      LandingTable staff) {
    this.letter = letter;
    this.residenceColumn = residenceColumn;
    this.patients = patients;
    this.referrals = referrals;
    this.referralTeams = referralTeams;
    this.contacts = contacts;
    this.activities = activities;
    this.staff = staff;
  }

  char letter() {
    return letter;
  }

  /** The landing source, {@code csds} or {@code mhsds}. */
  String source() {
    return contacts.source();
  }

  /** The master patient index, CYP001MPI / MHS001MPI. */
  LandingTable patients() {
    return patients;
  }

  /** The index's commissioner-of-residence column, the one its two spellings differ in. */
  String residenceColumn() {
    return residenceColumn;
  }

  LandingTable referrals() {
    return referrals;
  }

  LandingTable referralTeams() {
    return referralTeams;
  }

  LandingTable contacts() {
    return contacts;
  }

  LandingTable activities() {
    return activities;
  }

  LandingTable staff() {
    return staff;
  }
}
