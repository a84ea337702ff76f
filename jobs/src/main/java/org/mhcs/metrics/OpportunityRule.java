package org.mhcs.metrics;

/**
 * How a gap to target turns into clinical days released (then WTE and patients). Every rule is the
 * gap times the organisation's own volume, in the metric's terms.
 */
public enum OpportunityRule {
  /** No opportunity (context metrics). */
  NONE,
  /**
   * Direct care time: (target − value) percentage points × available clinical days. The days of
   * direct care the service would add at the target share, in clinical days.
   */
  DIRECT_CARE_TIME,
  /**
   * Contacts per clinical day: (target − value) × available days = extra contacts, ÷ target rate =
   * the clinical days the same contacts would need less at the target rate.
   */
  CONTACT_RATE,
  /**
   * DNA rate: (value − target) percentage points × booked contacts = DNAs avoided, each freeing a
   * slot as long as the service's mean face-to-face contact, ÷ minutes in a clinical day.
   */
  DNA_RATE
}
