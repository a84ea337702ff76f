package org.mhcs.metrics;

/**
 * How a gap to target turns into clinical days released (then WTE and patients). Every rule is the
 * gap times the organisation's own volume, in the metric's terms.
 */
public enum OpportunityRule {
  /** No opportunity (context metrics). */
  NONE("none (context)"),
  /**
   * Direct care time: (target − value) percentage points × available clinical days. The days of
   * direct care the service would add at the target share, in clinical days.
   */
  DIRECT_CARE_TIME("(median − value) percentage points × available clinical days"),
  /**
   * Contacts per clinical day: (target − value) × available days = extra contacts, ÷ target rate =
   * the clinical days the same contacts would need less at the target rate.
   */
  CONTACT_RATE("(median − value) × available days = extra contacts, ÷ the median rate"),
  /**
   * DNA rate: (value − target) percentage points × booked contacts = DNAs avoided, each freeing a
   * slot as long as the service's mean face-to-face contact, ÷ minutes in a clinical day.
   */
  DNA_RATE(
      "(value − median) points × booked contacts = DNAs avoided × the service's mean"
          + " face-to-face minutes ÷ minutes in a clinical day");

  private final String clinicalDays;

  OpportunityRule(String clinicalDays) {
    this.clinicalDays = clinicalDays;
  }

  /** The clinical days released, in words, for the catalogue. */
  public String clinicalDays() {
    return clinicalDays;
  }
}
