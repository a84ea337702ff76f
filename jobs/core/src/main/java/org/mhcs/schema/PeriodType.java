package org.mhcs.schema;

import org.mhcs.calendar.Period;
import org.mhcs.calendar.ReportingWindow;

/** How a landing table's files are filed by period. */
public enum PeriodType {
  /** {@code <table>/YYYY-MM/}. */
  MONTHLY,
  /** {@code <table>/YYYY-YY/}: the financial year (April to March) holding the run's month. */
  FINANCIAL_YEAR,
  /** Reference tables: no period folder. */
  NONE;

  /** The folder name value of {@code _period} used for reference tables. */
  public static final String NO_PERIOD = "none";

  /** Whether a run for {@code period} reads tables of this type (a year's run: annual ones). */
  public boolean readIn(Period period) {
    return this != MONTHLY || !period.isFinancialYear();
  }

  /** What a run for {@code month} reads for a table of this type: its label and dates. */
  public ReportingWindow window(Period month) {
    if (!readIn(month)) {
      throw new IllegalStateException("a run for " + month + " reads no monthly table");
    }
    return switch (this) {
      case MONTHLY -> new ReportingWindow(month.toString(), month.firstDay(), month.lastDay());
      case FINANCIAL_YEAR ->
          new ReportingWindow(
              month.financialYear(), month.financialYearStart(), month.financialYearEnd());
      case NONE -> new ReportingWindow(NO_PERIOD, month.firstDay(), month.lastDay());
    };
  }
}
