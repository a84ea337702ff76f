package org.mhcs.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days (Monday to Friday less England's bank holidays) in a month.
 *
 * <p>Bank holidays come from {@code conf/bank_holidays.csv}; a month outside the years that file
 * covers is refused rather than silently counted without holidays.
 */
public final class WorkingDays {
  private static final String RESOURCE = "/mhcs/conf/bank_holidays.csv";

  private final Set<LocalDate> bankHolidays;
  private final int firstYear;
  private final int lastYear;

  private WorkingDays(Set<LocalDate> bankHolidays) {
    this.bankHolidays = bankHolidays;
    this.firstYear = bankHolidays.stream().mapToInt(LocalDate::getYear).min().orElse(0);
    this.lastYear = bankHolidays.stream().mapToInt(LocalDate::getYear).max().orElse(-1);
  }

  /** England's bank holidays as declared in {@code conf/bank_holidays.csv}. */
  public static WorkingDays england() {
    try (InputStream in = WorkingDays.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath: rebuild the project");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Set<LocalDate> dates = new TreeSet<>();
      reader.readLine(); // header
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          dates.add(LocalDate.parse(line.substring(0, line.indexOf(','))));
        }
      }
      return new WorkingDays(dates);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Monday–Friday days in {@code month} that are not bank holidays. */
  public int in(YearMonth month) {
    if (month.getYear() < firstYear || month.getYear() > lastYear) {
      throw new IllegalArgumentException(
          "conf/bank_holidays.csv covers "
              + firstYear
              + " to "
              + lastYear
              + " but period "
              + month
              + " is outside it: add that year's bank holidays to conf/bank_holidays.csv");
    }
    int days = 0;
    for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      boolean weekend =
          d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (!weekend && !bankHolidays.contains(d)) {
        days++;
      }
    }
    return days;
  }
}
