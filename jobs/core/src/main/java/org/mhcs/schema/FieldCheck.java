package org.mhcs.schema;

/**
 * A check on a column's text that must run as the file is read, before a sensitive value is
 * pseudonymised, declared as {@code check:} on the column.
 */
public enum FieldCheck {
  /** No check beyond the column's type, code list and range. */
  NONE,
  /**
   * Ten digits whose last is the modulus 11 check digit of the first nine (NHS Data Dictionary):
   * weights 10 down to 2, check digit 11 minus the remainder, 11 read as 0, 10 never valid.
   */
  NHS_NUMBER;

  /**
   * Whether {@code value} (trimmed) passes; null passes, as emptiness is {@code required}'s job.
   */
  public boolean accepts(String value) {
    if (this == NONE || value == null) {
      return true;
    }
    String digits = value.trim();
    if (digits.length() != 10) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      if (i < 9) {
        sum += (c - '0') * (10 - i);
      }
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == digits.charAt(9) - '0';
  }
}
