package org.mhcs.calendar;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The period a landing table's files cover in one run: {@code label} is its folder name and its
 * {@code _period} value in bronze and silver ({@code 2024-06}, {@code 2024-25} or {@code none});
 * event dates must fall within {@code first..last}. Labels come from a validated {@link Period}, so
 * they are safe in a Delta predicate.
 */
public record ReportingWindow(String label, LocalDate first, LocalDate last)
    implements Serializable {

  /** {@code `column` = 'label'}. */
  public String predicate(String column) {
    return "`" + column + "` = '" + label + "'";
  }
}
