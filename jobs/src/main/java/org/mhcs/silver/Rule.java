package org.mhcs.silver;

import java.util.Locale;

/** The validation rules a landing row can fail, in the order they are checked. */
public enum Rule {
  /** A required field is empty. */
  REQUIRED,
  /** A value does not parse as the declared type (number, ISO date). */
  TYPE,
  /** A code that is not in the declared code list. */
  CODE_LIST,
  /** A number outside the declared min..max. */
  RANGE,
  /** An event date outside the reporting period. */
  PERIOD,
  /** A second row with the same key in the same submission. */
  DUPLICATE_KEY;

  /** The name stored in {@code ops.quarantine.rule}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
