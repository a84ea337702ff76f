package org.mhcs.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes one mental health trust's month on its wards: the ward stays open in the month (MHS502),
 * each in a hospital spell (MHS501) behind a referral (MHS101, with its MHS102 row to the trust's
 * crisis team, which gatekeeps admissions), and the ward's staffing day by day (ward_day).
 *
 * <p>Each bed is followed from years back as a run of stays and empty spells whose lengths keep it
 * as full as the ward runs, so the stays open in the month start long before it as often as in it,
 * and none overlaps another in a bed. Patients on the ward at 23:59 are counted from those stays
 * (start on or before the day, end empty or after it), and the staffing return's {@code
 * Patients_At_Midnight} is that count, left empty on wards whose return lacks it. Care hours are
 * staffed for the ward's usual patients, not the day's, so care hours per patient day moves with
 * occupancy as on real wards.
 */
final class InpatientSimulation {
  /** Inpatients already on a community caseload of the trust this month. */
  private static final double KNOWN_PATIENT_SHARE = 0.35;

  /** Stays begun before the month on another ward: their spell started earlier. */
  private static final double TRANSFERRED_IN_SHARE = 0.15;

  /** Log-scale spread of lengths of stay around the ward kind's mean. */
  private static final double STAY_SIGMA = 0.7;

  /** MHSDS SourceOfReferralMH for admissions: emergency department, GP, self, other acute care. */
  private static final String[] REFERRAL_SOURCES = {"H1", "A1", "B1", "H2"};

  private static final double[] REFERRAL_SOURCE_WEIGHTS =
      RandomDraws.cumulative(0.4, 0.3, 0.1, 0.2);

  /** Pay cost of an hour worked, £ with on-costs; agency hours cost this much more. */
  private static final double NURSE_HOURLY = 31;

  private static final double SUPPORT_WORKER_HOURLY = 19;
  private static final double THERAPIST_HOURLY = 29;
  private static final double AGENCY_PREMIUM_HOURLY = 25;
  private static final double SHIFT_HOURS = 7.5;

  private final OrganisationPlan plan;
  private final ReportingMonth month;
  private final ChunkOutput out;
  private final PatientRegister patients;
  private final RandomDraws random;
  private final String org;
  private final ReferralRows referrals;
  private final byte[] spellPrefix;
  private final byte[] stayPrefix;
  private long sequence;

  InpatientSimulation(
      OrganisationPlan plan,
      ReportingMonth month,
      ChunkOutput out,
      PatientRegister patients,
      long seed) {
    this.plan = plan;
    this.month = month;
    this.out = out;
    this.patients = patients;
    this.org = plan.organisation().code();
    this.random =
        RandomDraws.forStream(
            seed, RandomDraws.INPATIENTS, plan.organisation().index(), month.seedPart());
    String stem = org + PatientDataSet.MHSDS.letter();
    this.referrals =
        new ReferralRows(PatientDataSet.MHSDS, org, stem + "RI" + month.tag(), patients);
    this.spellPrefix = (stem + "H" + month.tag()).getBytes(StandardCharsets.US_ASCII);
    this.stayPrefix = (stem + "W" + month.tag()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes every ward's stays and staffing days. */
  void run() {
    TeamPlan admittingTeam = admittingTeam();
    for (Ward ward : plan.wards()) {
      int[] census = new int[month.calendarDays()];
      for (int bed = 0; bed < ward.beds(); bed++) {
        followBed(ward, admittingTeam, census);
      }
      writeStaffingDays(ward, census);
    }
  }

  /** The crisis team if the trust has one (it gatekeeps admissions), else its first team. */
  private TeamPlan admittingTeam() {
    TeamPlan first = null;
    for (ServiceLinePlan service : plan.services(PatientDataSet.MHSDS)) {
      if (service.profile() == ServiceProfile.CRISIS_HOME_TREATMENT) {
        return service.teams().get(0);
      }
      if (first == null && !service.profile().unmapped()) {
        first = service.teams().get(0);
      }
    }
    return first;
  }

  /**
   * One bed's stays from long before the month to its end, writing those open in the month; day
   * numbers count from the 1st of the month (day 0).
   */
  private void followBed(Ward ward, TeamPlan team, int[] census) {
    double meanStay = ward.bedType().meanStayDays();
    double meanGap = meanStay * (1 - ward.occupancy()) / ward.occupancy();
    int days = census.length;
    int day = -(int) (4 * meanStay) - 60 - random.below((int) meanStay + 1);
    while (true) {
      day += (int) Math.round(-meanGap * Math.log(1 - random.uniform()));
      int length = (int) Math.max(1, Math.round(random.logNormalWithMean(meanStay, STAY_SIGMA)));
      if (day > days - 1) {
        return;
      }
      int end = day + length;
      if (end >= 0) {
        for (int d = Math.max(0, day); d < Math.min(days, end); d++) {
          census[d]++;
        }
        admit(ward, team, day, end < days ? end : -1);
      }
      day = end;
    }
  }

  /**
   * Writes a stay from day {@code start} to day {@code end} (-1 while it goes on past the month),
   * with its spell and the spell's referral.
   */
  private void admit(Ward ward, TeamPlan team, int start, int end) {
    LocalDate first = month.firstDay();
    int spellStart =
        start < 0 && random.chance(TRANSFERRED_IN_SHARE) ? start - 1 - random.below(30) : start;
    int patient =
        patients.size() > 0 && random.chance(KNOWN_PATIENT_SHARE)
            ? random.below(patients.size())
            : patients.add(ward.bedType().patients());
    byte[] received = month.isoDate(first.plusDays(spellStart - random.below(15)));
    byte[] spellStarted = month.isoDate(first.plusDays(spellStart));
    byte[] stayStarted = month.isoDate(first.plusDays(start));
    byte[] ended = end < 0 ? null : month.isoDate(first.plusDays(end));
    String source = REFERRAL_SOURCES[random.pick(REFERRAL_SOURCE_WEIGHTS)];
    long id = ++sequence;

    // The spell points at the referral, so the referral may only be duplicated; a broken spell
    // takes its stay with it.
    referrals.referral(out.row(LandingTable.MHSDS_REFERRAL), id, patient, received, source, null);
    referrals.referralTeam(
        out.breakableRow(LandingTable.MHSDS_REFERRAL_TEAM), id, team, null, null);
    LandingRow spell =
        out.breakableRow(LandingTable.MHSDS_HOSPITAL_SPELL)
            .text("OrgIDProv", org)
            .id("HospProvSpellID", spellPrefix, id, 8);
    referrals
        .writeId(spell, "ServiceRequestId", id)
        .ascii("StartDateHospProvSpell", spellStarted)
        .ascii("DischDateHospProvSpell", ended)
        .end();
    if (spell.broken()) {
      return;
    }
    out.breakableRow(LandingTable.MHSDS_WARD_STAY)
        .text("OrgIDProv", org)
        .id("WardStayId", stayPrefix, id, 8)
        .id("HospProvSpellID", spellPrefix, id, 8)
        .text("WardCode", ward.code())
        .ascii("StartDateWardStay", stayStarted)
        .ascii("EndDateWardStay", ended)
        .text("HospitalBedTypeMH", ward.bedType().code(month.period()))
        .end();
  }

  /**
   * One ward_day row per day: hours worked by registered nurses (around 96% of plan), support
   * workers (often above plan, covering gaps) and therapists (weekdays only), the bank and agency
   * hours within them, patients at midnight where the return has them, and the day's pay cost.
   */
  private void writeStaffingDays(Ward ward, int[] census) {
    BedType kind = ward.bedType();
    double planned = ward.plannedDailyCareHours();
    double nursesPlanned = shifts(planned * kind.registeredNurseShare());
    double supportPlanned =
        shifts(planned * (1 - kind.registeredNurseShare() - kind.alliedHealthShare()));
    for (int d = 0; d < census.length; d++) {
      double nurses = nursesPlanned * clamp(0.96 + 0.05 * random.normal(), 0.75, 1.15);
      double support = supportPlanned * clamp(1.06 + 0.08 * random.normal(), 0.8, 1.35);
      double therapists =
          month.isWeekend(d)
              ? 0
              : planned * kind.alliedHealthShare() * 7 / 5 * random.uniform(0.6, 1.4);
      double worked = nurses + support + therapists;
      double bank = worked * ward.bankShare() * random.uniform(0.7, 1.3);
      double agency = worked * ward.agencyShare() * random.uniform(0.5, 1.5);
      double cost =
          nurses * NURSE_HOURLY
              + support * SUPPORT_WORKER_HOURLY
              + therapists * THERAPIST_HOURLY
              + agency * AGENCY_PREMIUM_HOURLY;
      LandingRow row =
          out.breakableRow(LandingTable.STAFFING_WARD_DAY)
              .text("Org_Code", org)
              .text("Ward_Code", ward.code())
              .ascii("Date", month.dayText(d))
              .hundredths("RN_Hours", hundredths(nurses))
              .hundredths("HCSW_Hours", hundredths(support))
              .hundredths("AHP_Hours", hundredths(therapists))
              .hundredths("RN_Hours_Planned", hundredths(nursesPlanned))
              .hundredths("HCSW_Hours_Planned", hundredths(supportPlanned))
              .hundredths("Bank_Hours", hundredths(bank))
              .hundredths("Agency_Hours", hundredths(agency));
      if (ward.reportsPatientsAtMidnight()) {
        row.number("Patients_At_Midnight", census[d]);
      }
      row.hundredths("Ward_Pay_Cost", hundredths(cost)).end();
    }
  }

  /** Planned hours come in whole shifts. */
  private static double shifts(double hours) {
    return SHIFT_HOURS * Math.max(1, Math.round(hours / SHIFT_HOURS));
  }

  private static long hundredths(double value) {
    return Math.round(value * 100);
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
