package org.mhcs.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes one trust's e-roster periods that start in the month (roster_period): four-week rosters,
 * the trust's all starting on the same Mondays, one or two per ward a month. Contracted hours are
 * the ward's ESR staff's (WTE × 37.5 hours × 4 weeks); headroom is the ward's share of them set
 * aside for leave, training and sickness; hours worked fall short of contracted by a little on most
 * rosters (unused hours) and run over on the rest; each roster is approved the ward's usual number
 * of weeks before it starts, give or take a few days.
 */
final class RosterPeriods {
  static final int ROSTER_DAYS = 28;

  /** A Monday every trust's roster cycle is counted from. */
  private static final LocalDate FIRST_ROSTER = LocalDate.of(2020, 1, 6);

  private final OrganisationPlan plan;
  private final ReportingMonth month;
  private final ChunkOutput out;
  private final RandomDraws random;

  RosterPeriods(OrganisationPlan plan, ReportingMonth month, ChunkOutput out, long seed) {
    this.plan = plan;
    this.month = month;
    this.out = out;
    this.random =
        RandomDraws.forStream(
            seed, RandomDraws.WARD_STAFFING, plan.organisation().index(), month.seedPart());
  }

  /**
   * @param wardWte each ward's contracted WTE in hundredths, in the order of {@link
   *     OrganisationPlan#wards()}
   */
  void write(long[] wardWte) {
    List<Ward> wards = plan.wards();
    if (wards.isEmpty()) {
      return;
    }
    // The trust's cycle is offset from the common Monday by a whole number of weeks of its own.
    LocalDate cycle = FIRST_ROSTER.plusWeeks(plan.organisation().index() % 4);
    long behind = ChronoUnit.DAYS.between(cycle, month.firstDay());
    LocalDate start =
        cycle.plusDays(Math.floorDiv(behind + ROSTER_DAYS - 1, ROSTER_DAYS) * ROSTER_DAYS);
    for (; !start.isAfter(month.lastDay()); start = start.plusDays(ROSTER_DAYS)) {
      for (int w = 0; w < wards.size(); w++) {
        writeRoster(wards.get(w), wardWte[w], start);
      }
    }
  }

  private void writeRoster(Ward ward, long wteHundredths, LocalDate start) {
    double contracted = wteHundredths / 100.0 * Ward.WEEKLY_HOURS * ROSTER_DAYS / 7;
    double headroom = contracted * clamp(ward.headroom() + 0.01 * random.normal(2), 0.16, 0.31);
    double unused =
        random.chance(0.6)
            ? contracted * random.uniform(0, 0.003)
            : -contracted * random.uniform(0, 0.002);
    long leadDays =
        Math.round(clamp(ward.approvalLeadWeeks() * 7 + 2.5 * random.normal(2), 7, 8 * 7));
    out.breakableRow(LandingTable.STAFFING_ROSTER_PERIOD)
        .text("Org_Code", plan.organisation().code())
        .text("Ward_Code", ward.code())
        .ascii("Roster_Start_Date", month.isoDate(start))
        .ascii("Approved_Date", month.isoDate(start.minusDays(leadDays)))
        .hundredths("Contracted_Hours", Math.round(contracted * 100))
        .hundredths("Worked_Hours", Math.round((contracted - unused) * 100))
        .hundredths("Headroom_Hours", Math.round(headroom * 100))
        .end();
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
