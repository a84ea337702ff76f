package org.mhcs.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {
  @Test
  void aMonthKnowsItsDaysAndItsFinancialYear() {
    // February 2024: a leap year, so the 29th; the financial year runs April 2023 to March 2024.
    Period february = Period.parse("2024-02");
    assertEquals(LocalDate.of(2024, 2, 1), february.firstDay());
    assertEquals(LocalDate.of(2024, 2, 29), february.lastDay());
    assertEquals("2023-24", february.financialYear());
    assertEquals(LocalDate.of(2023, 4, 1), february.financialYearStart());
    assertEquals(LocalDate.of(2024, 3, 31), february.financialYearEnd());
    // April starts the next one; 2099-12 spells its end year with two digits, 2099-00.
    assertEquals("2024-25", Period.parse("2024-04").financialYear());
    assertEquals("2099-00", Period.parse("2099-12").financialYear());
  }

  @Test
  void predicatesQuoteOnlyValidatedText() {
    Period june = Period.parse("2024-06");
    assertEquals("`period` = '2024-06'", june.predicate("period"));
    // Sorted values: '2024-06' before '2024-25'.
    assertEquals("`period` IN ('2024-06', '2024-25')", june.predicateWithYear("period"));
  }

  @Test
  void aRunMayBeForAFinancialYearOfAnnualReturns() {
    // 2016-17 runs April 2016 to March 2017; it is labelled, and selects gold, by the year alone.
    Period year = Period.parseRun("2016-17");
    assertTrue(year.isFinancialYear());
    assertEquals("2016-17", year.toString());
    assertEquals("2016-17", year.financialYear());
    assertEquals(LocalDate.of(2016, 4, 1), year.firstDay());
    assertEquals(LocalDate.of(2017, 3, 31), year.lastDay());
    assertEquals("`period` = '2016-17'", year.predicateWithYear("period"));
    // A month is still a month; a year and its first month differ.
    assertEquals(Period.parse("2016-04"), Period.parseRun("2016-04"));
    assertTrue(!Period.parseRun("2016-04").equals(year));
    // 2015-17 is no financial year; 2016-1 is neither form.
    for (String bad : new String[] {"2015-17", "2016-1", "2016-17'--"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Period.parseRun(bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertEquals(
        "period '2024-13' is neither a month (YYYY-MM, for example 2024-06) nor a financial year"
            + " (YYYY-YY, for example 2024-25, to run the annual returns alone)",
        assertThrows(IllegalArgumentException.class, () -> Period.parseRun("2024-13"))
            .getMessage());
  }

  @Test
  void textThatIsNotAMonthIsRefusedWithTheFormToUse() {
    for (String bad : new String[] {"2024-6", "2024-13", "24-06", "2024-06'--", "", "1999-12"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Period.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
