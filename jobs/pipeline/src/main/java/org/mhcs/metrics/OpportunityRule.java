package org.mhcs.metrics;

import java.util.List;

/**
 * How a gap to target turns into something released. Every rule is the gap times the organisation's
 * own volume, in the metric's terms, and is never negative.
 */
public enum OpportunityRule {
  /** No opportunity (context metrics, or no unit the review counts). */
  NONE("none", List.of()),
  /**
   * Direct care time: (target − value) percentage points × available clinical days. The days of
   * direct care the service would add at the target share, in clinical days.
   */
  DIRECT_CARE_TIME(
      "(target − value) percentage points × available clinical days", Units.CLINICAL_TIME),
  /**
   * Contacts per clinical day: (target − value) × available days = extra contacts, ÷ target rate =
   * the clinical days the same contacts would need less at the target rate.
   */
  CONTACT_RATE(
      "(target − value) × available days = extra contacts, ÷ the target rate", Units.CLINICAL_TIME),
  /**
   * DNA rate: (value − target) percentage points × booked contacts = DNAs avoided, each freeing a
   * slot as long as the service's mean face-to-face contact, ÷ minutes in a clinical day.
   */
  DNA_RATE(
      "(value − target) points × booked contacts = DNAs avoided × the service's mean"
          + " face-to-face minutes ÷ minutes in a clinical day",
      Units.CLINICAL_TIME),
  /**
   * A cost or price: (value − target) ÷ scale × the denominator (care hours, m², payslips, units
   * bought, income for a share of income) = pounds.
   */
  COST("(value − target) ÷ scale × the denominator, in GBP", List.of(Units.GBP)),
  /**
   * Staff time lost (sickness): (value − target) points × FTE calendar days available = FTE days, ÷
   * calendar days in the period = staff-equivalents.
   */
  STAFF_TIME(
      "(value − target) points × FTE calendar days available ÷ calendar days in the period, in WTE",
      List.of(Units.WTE));

  private final String formula;
  private final List<String> units;

  OpportunityRule(String formula, List<String> units) {
    this.formula = formula;
    this.units = units;
  }

  /** The rule in words, for the catalogue. */
  public String formula() {
    return formula;
  }

  /** The units the opportunity is given in ({@code gold.opportunity.opportunity_unit}). */
  public List<String> units() {
    return units;
  }

  /** The opportunity units, as {@code gold.opportunity} spells them. */
  public static final class Units {
    public static final String GBP = "GBP";
    public static final String CLINICAL_DAYS = "clinical_days";
    public static final String WTE = "wte";
    public static final String PATIENTS = "patients";

    /** Clinical days released, as staff-equivalents and as patients too. */
    static final List<String> CLINICAL_TIME = List.of(CLINICAL_DAYS, WTE, PATIENTS);

    private Units() {}
  }
}
