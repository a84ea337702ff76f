package org.mhcs.calendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;
import org.mhcs.schema.SqlText;

/**
 * A monthly reporting period, {@code YYYY-MM}. Only values that pass {@link #parse} exist, so a
 * period can be placed in a Delta predicate without escaping.
 */
public final class Period implements Serializable, Comparable<Period> {
  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  private final YearMonth month;

  private Period(YearMonth month) {
    this.month = month;
  }

  /** Parses {@code YYYY-MM}; the message says what was wrong and what is expected. */
  public static Period parse(String text) {
    if (text == null || !MONTH.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "period '" + text + "' is not a month: use YYYY-MM, for example 2024-06");
    }
    YearMonth month = YearMonth.parse(text);
    if (month.getYear() < 2000 || month.getYear() > 2099) {
      throw new IllegalArgumentException("period " + text + " is outside 2000-01 to 2099-12");
    }
    return new Period(month);
  }

  public static Period of(YearMonth month) {
    return parse(month.toString());
  }

  public YearMonth month() {
    return month;
  }

  public LocalDate firstDay() {
    return month.atDay(1);
  }

  public LocalDate lastDay() {
    return month.atEndOfMonth();
  }

  /** The financial year (April to March) holding this month, spelled {@code 2024-25}. */
  public String financialYear() {
    int start = financialYearStart().getYear();
    return String.format("%d-%02d", start, (start + 1) % 100);
  }

  public LocalDate financialYearStart() {
    int year = month.getMonthValue() >= 4 ? month.getYear() : month.getYear() - 1;
    return LocalDate.of(year, 4, 1);
  }

  public LocalDate financialYearEnd() {
    return financialYearStart().plusYears(1).minusDays(1);
  }

  /** {@code column = 'YYYY-MM'}, safe because the text was validated. */
  public String predicate(String column) {
    return "`" + column + "` = '" + this + "'";
  }

  /**
   * {@code column IN ('YYYY-MM', 'YYYY-YY')}: the month and its financial year, the period labels
   * of the gold rows a monthly run writes (annual returns give financial-year metrics).
   */
  public String predicateWithYear(String column) {
    return SqlText.in(column, java.util.List.of(toString(), financialYear()));
  }

  @Override
  public String toString() {
    return month.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Period p && p.month.equals(month);
  }

  @Override
  public int hashCode() {
    return month.hashCode();
  }

  @Override
  public int compareTo(Period other) {
    return month.compareTo(other.month);
  }
}
