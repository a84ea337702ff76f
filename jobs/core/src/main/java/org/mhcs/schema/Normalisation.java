package org.mhcs.schema;

import java.util.Locale;

/**
 * How a code column's text is normalised as it is read, declared as {@code normalise:} on the
 * column, so that every later comparison (submitter, key, reference, code list) sees one spelling.
 */
public enum Normalisation {
  /** Kept as landed. */
  NONE,
  /**
   * Trimmed and upper-cased, for codes that are case-insensitive by definition, such as ODS
   * organisation codes: {@code " x02 "} is {@code X02}.
   */
  UPPER;

  /** {@code value} normalised; null stays null. */
  public String apply(String value) {
    if (this == NONE || value == null) {
      return value;
    }
    return value.trim().toUpperCase(Locale.ROOT);
  }
}
