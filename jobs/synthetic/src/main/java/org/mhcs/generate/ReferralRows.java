package org.mhcs.generate;

import static org.mhcs.schema.ActivityField.DISCHARGED;
import static org.mhcs.schema.ActivityField.ORG;
import static org.mhcs.schema.ActivityField.PATIENT_ID;
import static org.mhcs.schema.ActivityField.REFERRAL_CLOSED;
import static org.mhcs.schema.ActivityField.REFERRAL_ID;
import static org.mhcs.schema.ActivityField.REFERRAL_RECEIVED;
import static org.mhcs.schema.ActivityField.REFERRAL_REJECTED;
import static org.mhcs.schema.ActivityField.REFERRAL_SOURCE;
import static org.mhcs.schema.ActivityField.TEAM_ID;
import static org.mhcs.schema.ActivityField.TEAM_TYPE;

import java.nio.charset.StandardCharsets;
import org.mhcs.schema.ActivityField;

/**
 * Writes one provider's referral and referral-team rows in one data set, for every kind of referral
 * (community ones with or without contacts, and those behind hospital spells); each kind numbers
 * its referrals under its own identifier prefix.
 */
final class ReferralRows {
  private final PatientDataSet dataset;
  private final String org;
  private final byte[] prefix;
  private final PatientRegister patients;

  /**
   * @param prefix the identifier prefix (the number follows, eight digits)
   */
  ReferralRows(PatientDataSet dataset, String org, String prefix, PatientRegister patients) {
    this.dataset = dataset;
    this.org = org;
    this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
    this.patients = patients;
  }

  /**
   * @param source the referral source code, or null to leave it empty
   * @param discharged null while the referral is open
   */
  void referral(
      LandingRow row,
      long referral,
      int patient,
      byte[] received,
      String source,
      byte[] discharged) {
    row.text(column(ORG), org).id(column(REFERRAL_ID), prefix, referral, 8);
    patients
        .writeId(row, column(PATIENT_ID), patient)
        .ascii(column(REFERRAL_RECEIVED), received)
        .text(column(REFERRAL_SOURCE), source)
        .ascii(column(DISCHARGED), discharged)
        .end();
  }

  /** {@code closed} and {@code rejected} are null unless the referral to the team ended so. */
  void referralTeam(LandingRow row, long referral, TeamPlan team, byte[] closed, byte[] rejected) {
    row.text(column(ORG), org)
        .id(column(REFERRAL_ID), prefix, referral, 8)
        .text(column(TEAM_ID), team.id())
        .text(column(TEAM_TYPE), team.teamType())
        .ascii(column(REFERRAL_CLOSED), closed)
        .ascii(column(REFERRAL_REJECTED), rejected)
        .end();
  }

  /** The referral's identifier as written, for rows that point at it. */
  LandingRow writeId(LandingRow row, String column, long referral) {
    return row.id(column, prefix, referral, 8);
  }

  private String column(ActivityField field) {
    return field.nameIn(dataset.source());
  }
}
