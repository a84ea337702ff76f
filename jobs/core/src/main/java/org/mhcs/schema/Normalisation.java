package org.mhcs.schema;

import java.util.Locale;
import java.util.regex.Pattern;

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
  UPPER,
  /**
   * A date written {@code YYYYMMDD}, as the ODS extracts write open and close dates, rewritten as
   * {@code YYYY-MM-DD} so that a {@code date} column reads it; other text is left as landed, for
   * silver to quarantine as not a date.
   */
  BASIC_DATE;

  private static final Pattern EIGHT_DIGITS = Pattern.compile("[0-9]{8}");

  /** {@code value} normalised; null stays null. */
  public String apply(String value) {
    if (this == NONE || value == null) {
      return value;
    }
    String trimmed = value.trim();
    if (this == BASIC_DATE) {
      return EIGHT_DIGITS.matcher(trimmed).matches()
          ? trimmed.substring(0, 4) + "-" + trimmed.substring(4, 6) + "-" + trimmed.substring(6)
          : value;
    }
    return trimmed.toUpperCase(Locale.ROOT);
  }
}
