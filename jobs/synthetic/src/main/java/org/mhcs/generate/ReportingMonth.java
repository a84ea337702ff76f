package org.mhcs.generate;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mhcs.calendar.WorkingDays;

/**
 * The month being generated: its days (pre-encoded as ISO dates, since every contact row needs
 * one), which of them are weekdays, its working-day count and the short tag used in identifiers.
 */
final class ReportingMonth {
  private final YearMonth period;
  private final int workingDays;
  private final byte[][] dayText;
  private final int[] weekdays;
  private final int[] weekendDays;
  private final boolean[] weekend;
  private final String tag;

  ReportingMonth(YearMonth period) {
    this.period = period;
    // Throws, naming conf/bank_holidays.csv, for a year the calendar does not cover.
    this.workingDays = WorkingDays.england().in(period);
    int days = period.lengthOfMonth();
    this.dayText = new byte[days][];
    this.weekend = new boolean[days];
    List<Integer> week = new ArrayList<>();
    List<Integer> weekendList = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      LocalDate date = period.atDay(d + 1);
      dayText[d] = date.toString().getBytes(StandardCharsets.US_ASCII);
      boolean isWeekend =
          date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
      (isWeekend ? weekendList : week).add(d);
      weekend[d] = isWeekend;
    }
    this.weekdays = week.stream().mapToInt(Integer::intValue).toArray();
    this.weekendDays = weekendList.stream().mapToInt(Integer::intValue).toArray();
    this.tag =
        String.format(Locale.ROOT, "%02d%02d", period.getYear() % 100, period.getMonthValue());
  }

  YearMonth period() {
    return period;
  }

  /** Monday–Friday less England's bank holidays, as the pipeline counts them. */
  int workingDays() {
    return workingDays;
  }

  int calendarDays() {
    return dayText.length;
  }

  LocalDate firstDay() {
    return period.atDay(1);
  }

  /** Day {@code index} (0 = the 1st) as {@code YYYY-MM-DD}. */
  byte[] dayText(int index) {
    return dayText[index];
  }

  /** {@code date} as {@code YYYY-MM-DD}, for dates outside the month. */
  byte[] isoDate(LocalDate date) {
    return date.toString().getBytes(StandardCharsets.US_ASCII);
  }

  LocalDate lastDay() {
    return period.atEndOfMonth();
  }

  /** Day indexes Monday to Friday (bank holidays included: community teams work many of them). */
  int[] weekdays() {
    return weekdays;
  }

  int[] weekendDays() {
    return weekendDays;
  }

  /** Whether day {@code index} (0 = the 1st) is a Saturday or Sunday. */
  boolean isWeekend(int index) {
    return weekend[index];
  }

  /** {@code YYMM}, put into contact and referral identifiers so months never reuse one. */
  String tag() {
    return tag;
  }

  /** A number for seeding: the same month always gives the same draws. */
  long seedPart() {
    return period.getYear() * 12L + period.getMonthValue();
  }
}
