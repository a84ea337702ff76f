package org.mhcs.calendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;
import org.mhcs.schema.SqlText;

/**
 * A reporting period: a month, {@code YYYY-MM}, or, for a run of the annual returns alone, a
 * financial year, {@code YYYY-YY} (April to March). Only values that pass {@link #parse} or {@link
 * #parseRun} exist, so a period can be placed in a Delta predicate without escaping.
 */
public final class Period implements Serializable, Comparable<Period> {
  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
  private static final Pattern FINANCIAL_YEAR = Pattern.compile("(\\d{4})-(\\d{2})");

  /** The month; for a financial year, its first month (April). */
  private final YearMonth month;

  private final boolean wholeYear;

  private Period(YearMonth month, boolean wholeYear) {
    this.month = month;
    this.wholeYear = wholeYear;
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
    return new Period(month, false);
  }

  /**
   * Parses what a run may be for: a month ({@code 2024-06}), or a financial year ({@code 2024-25})
   * whose run reads only the annual returns.
   */
  public static Period parseRun(String text) {
    if (text != null && MONTH.matcher(text).matches()) {
      return parse(text);
    }
    java.util.regex.Matcher year = text == null ? null : FINANCIAL_YEAR.matcher(text);
    if (year == null
        || !year.matches()
        || (Integer.parseInt(year.group(1)) + 1) % 100 != Integer.parseInt(year.group(2))) {
      throw new IllegalArgumentException(
          "period '"
              + text
              + "' is neither a month (YYYY-MM, for example 2024-06) nor a financial year"
              + " (YYYY-YY, for example 2024-25, to run the annual returns alone)");
    }
    Period april = parse(year.group(1) + "-04");
    return new Period(april.month, true);
  }

  /** Whether this is a financial year's run of the annual returns, not a month. */
  public boolean isFinancialYear() {
    return wholeYear;
  }

  public static Period of(YearMonth month) {
    return parse(month.toString());
  }

  public YearMonth month() {
    return month;
  }

  public LocalDate firstDay() {
    return wholeYear ? financialYearStart() : month.atDay(1);
  }

  public LocalDate lastDay() {
    return wholeYear ? financialYearEnd() : month.atEndOfMonth();
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

  /** The period before: the month before, or for a financial year the financial year before. */
  public Period previous() {
    return new Period(wholeYear ? month.minusYears(1) : month.minusMonths(1), wholeYear);
  }

  /** The same period a year earlier: twelve months before, or the financial year before. */
  public Period yearEarlier() {
    return new Period(month.minusYears(1), wholeYear);
  }

  /** {@code column = 'YYYY-MM'} (or the year's label), safe because the text was validated. */
  public String predicate(String column) {
    return "`" + column + "` = '" + this + "'";
  }

  /**
   * {@code column IN ('YYYY-MM', 'YYYY-YY')}: the month and its financial year, the period labels
   * of the gold rows a monthly run writes (annual returns give financial-year metrics); for a
   * financial year's run, its label alone.
   */
  public String predicateWithYear(String column) {
    return wholeYear
        ? predicate(column)
        : SqlText.in(column, java.util.List.of(toString(), financialYear()));
  }

  @Override
  public String toString() {
    return wholeYear ? financialYear() : month.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Period p && p.month.equals(month) && p.wholeYear == wholeYear;
  }

  @Override
  public int hashCode() {
    return month.hashCode() * 2 + (wholeYear ? 1 : 0);
  }

  @Override
  public int compareTo(Period other) {
    int byMonth = month.compareTo(other.month);
    return byMonth != 0 ? byMonth : Boolean.compare(wholeYear, other.wholeYear);
  }
}
