package org.mhcs.schema;

/** How a landing table's files are filed by period. */
public enum PeriodType {
  /** {@code <table>/YYYY-MM/}. */
  MONTHLY,
  /** {@code <table>/YYYY-YY/} (financial year). */
  FINANCIAL_YEAR,
  /** Reference tables: no period folder. */
  NONE
}
