package org.mhcs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Patients on each ward at 23:59 on each day of the month, counted from the MHSDS ward stays as
 * metrics.md defines it: a stay counts on day d when it started on or before d and has no end or
 * ends after d. Keyed {@code org|ward}; day 0 is the 1st.
 */
final class WardCensus {
  private WardCensus() {}

  static Map<String, int[]> count(Path landing) {
    int days = LandingFixture.PERIOD.lengthOfMonth();
    Map<String, int[]> census = new HashMap<>();
    LandingFixture.forEachRow(
        landing,
        "mhsds",
        "MHS502WardStay",
        row -> {
          int[] patients =
              census.computeIfAbsent(
                  row.get("OrgIDProv") + "|" + row.get("WardCode"), k -> new int[days]);
          LocalDate start = LocalDate.parse(row.get("StartDateWardStay"));
          String end = row.get("EndDateWardStay");
          LocalDate ended = end.isEmpty() ? null : LocalDate.parse(end);
          for (int d = 0; d < days; d++) {
            LocalDate day = LandingFixture.PERIOD.atDay(d + 1);
            if (!start.isAfter(day) && (ended == null || ended.isAfter(day))) {
              patients[d]++;
            }
          }
        });
    return census;
  }
}
