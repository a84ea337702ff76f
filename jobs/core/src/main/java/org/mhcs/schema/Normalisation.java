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
   * Trimmed, without the list number some publications put before a code's text: ERIC's site types
   * read {@code 4. Mental Health (including Specialist services)} in some years and {@code Mental
   * Health (including Specialist services)} in others, and both are one code.
   */
  UNNUMBERED,
  /**
   * A date written {@code YYYYMMDD}, as the ODS extracts write open and close dates, rewritten as
   * {@code YYYY-MM-DD} so that a {@code date} column reads it; other text is left as landed, for
   * silver to quarantine as not a date.
   */
  BASIC_DATE;

  /** A list number: one or two digits, a full stop, then the text (not a decimal such as 1.5). */
  private static final Pattern LIST_NUMBER = Pattern.compile("^\\d{1,2}\\.\\s*(?=\\D)");

  private static final Pattern EIGHT_DIGITS = Pattern.compile("[0-9]{8}");

  /** {@code value} normalised; null stays null. */
  public String apply(String value) {
    if (this == NONE || value == null) {
      return value;
    }
    String trimmed = value.trim();
    return switch (this) {
      case UPPER -> trimmed.toUpperCase(Locale.ROOT);
      case UNNUMBERED -> LIST_NUMBER.matcher(trimmed).replaceFirst("");
      case BASIC_DATE ->
          EIGHT_DIGITS.matcher(trimmed).matches()
              ? trimmed.substring(0, 4) + "-" + trimmed.substring(4, 6) + "-" + trimmed.substring(6)
              : value;
      case NONE -> value;
    };
  }
}
