package org.mhcs.generate;

/**
 * The two patient-level data sets the generator writes, with the tables each uses and the letter
 * that keeps their identifiers apart within a combined trust.
 */
enum Dataset {
  CSDS(
      'C',
      LandingTable.CSDS_REFERRAL,
      LandingTable.CSDS_REFERRAL_TEAM,
      LandingTable.CSDS_CARE_CONTACT,
      LandingTable.CSDS_CARE_ACTIVITY,
      LandingTable.CSDS_STAFF),
  MHSDS(
      'M',
      LandingTable.MHSDS_REFERRAL,
      LandingTable.MHSDS_REFERRAL_TEAM,
      LandingTable.MHSDS_CARE_CONTACT,
      LandingTable.MHSDS_CARE_ACTIVITY,
      LandingTable.MHSDS_STAFF);

  private final char letter;
  private final LandingTable referrals;
  private final LandingTable referralTeams;
  private final LandingTable contacts;
  private final LandingTable activities;
  private final LandingTable staff;

  Dataset(
      char letter,
      LandingTable referrals,
      LandingTable referralTeams,
      LandingTable contacts,
      LandingTable activities,
      LandingTable staff) {
    this.letter = letter;
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
