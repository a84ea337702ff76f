package org.mhcs.schema;

import java.util.Locale;

/** The validation rules a landing row can fail, in the order they are checked. */
public enum Rule {
  /** The record has more or fewer fields than the header (a stray delimiter, a cut line). */
  MALFORMED,
  /** A required field is empty. */
  REQUIRED,
  /** A value does not parse as the declared type (number, ISO date, birth date). */
  TYPE,
  /** An NHS number that is not ten digits ending in its modulus 11 check digit. */
  NHS_NUMBER,
  /** A code that is not in the declared code list. */
  CODE_LIST,
  /** A number outside the declared min..max. */
  RANGE,
  /** An event date outside the reporting period. */
  PERIOD,
  /** A record open over time (referral, spell, stay) that was not open in the period. */
  OPEN_IN_PERIOD,
  /** A reference to a row of another table (a contact's referral) that does not exist. */
  REFERENCE,
  /** A second row with the same key in the same submission. */
  DUPLICATE_KEY;

  /** The name stored in {@code ops.quarantine.rule}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
