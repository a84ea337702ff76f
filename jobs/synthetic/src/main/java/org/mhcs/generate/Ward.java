package org.mhcs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One inpatient ward of a mental health trust, the same in every month: its code (the {@code
 * WardCode} of MHSDS ward stays, the {@code Ward_Code} of the staffing returns and of ESR ward
 * staff), kind, beds, and the trust's and ward's own habits: how full it runs, care hours per
 * patient day, bank and agency use, roster headroom and how early rosters are approved.
 *
 * @param occupancy the share of beds filled on average
 * @param careHoursPerPatientDay the care hours per patient day the ward is staffed for
 * @param bankShare share of care hours worked by bank staff
 * @param agencyShare share of care hours worked by agency staff
 * @param headroom share of substantive staff's contracted hours set aside for leave and training
 * @param approvalLeadWeeks how long before a roster starts it is usually approved
 * @param reportsPatientsAtMidnight whether the staffing return carries {@code Patients_At_Midnight}
 *     (if not, the pipeline counts patients from the ward stays)
 */
record Ward(
    String code,
    String costCentre,
    BedType bedType,
    int beds,
    double occupancy,
    double careHoursPerPatientDay,
    double bankShare,
    double agencyShare,
    double headroom,
    double approvalLeadWeeks,
    boolean reportsPatientsAtMidnight) {

  /** MHSDS contacts a month that go with one ward: a trust's size in wards follows its MHSDS. */
  static final double MHSDS_CONTACTS_PER_WARD = 2600;

  static final int MAX_WARDS = 40;

  /** Contracted hours of one whole-time equivalent a week. */
  static final double WEEKLY_HOURS = 37.5;

  private static final double[] KIND_WEIGHTS = RandomDraws.cumulative(0.55, 0.25, 0.10, 0.10);

  /**
   * The wards of a trust with {@code baseMhsdsContacts} a month (none if it submits no MHSDS),
   * drawn from a stream of (seed, trust) alone so they are the same every month.
   */
  static List<Ward> plan(Organisation org, long baseMhsdsContacts, long seed) {
    if (baseMhsdsContacts <= 0) {
      return List.of();
    }
    RandomDraws random = RandomDraws.forStream(seed, RandomDraws.WARDS, org.index());
    double staffingScore = random.normal(2.5);
    double trustBank = random.uniform(0.07, 0.18);
    double trustAgency = random.uniform(0.01, 0.07);
    double trustHeadroom = random.uniform(0.19, 0.25);
    double trustLead = Math.max(1.5, Math.min(7, 4.5 + 1.3 * random.normal()));
    int count =
        (int)
            Math.max(
                2,
                Math.min(
                    MAX_WARDS,
                    Math.round(
                        baseMhsdsContacts / MHSDS_CONTACTS_PER_WARD * random.uniform(0.8, 1.2))));
    BedType[] kinds = BedType.values();
    List<Ward> wards = new ArrayList<>(count);
    for (int w = 0; w < count; w++) {
      // Every trust has an adult acute ward; the rest follow the national mix.
      BedType kind = w == 0 ? BedType.ADULT_ACUTE : kinds[random.pick(KIND_WEIGHTS)];
      int beds = kind.minBeds() + random.below(kind.maxBeds() - kind.minBeds() + 1);
      double score = 0.7 * staffingScore + 0.7 * random.normal(2.5);
      wards.add(
          new Ward(
              String.format(Locale.ROOT, "%sW%02d", org.code(), w + 1),
              String.format(Locale.ROOT, "5%02d%02d", kind.ordinal(), w + 1),
              kind,
              beds,
              random.uniform(0.86, 0.99),
              kind.careHoursPerPatientDay().at(score),
              clamp(trustBank * random.uniform(0.7, 1.3), 0.03, 0.25),
              clamp(trustAgency * random.uniform(0.5, 1.5), 0.0, 0.12),
              clamp(trustHeadroom + 0.015 * random.normal(2), 0.17, 0.30),
              clamp(trustLead + 0.8 * random.normal(2), 1.2, 7.8),
              !random.chance(0.2)));
    }
    return List.copyOf(wards);
  }

  /** Care hours a day the ward is staffed for: its patients on a typical day at its level. */
  double plannedDailyCareHours() {
    return careHoursPerPatientDay * beds * occupancy;
  }

  /**
   * The whole-time equivalents of substantive staff the ward needs: the care hours bank and agency
   * do not work, plus the headroom on top.
   */
  double substantiveWte() {
    double weeklyHours = plannedDailyCareHours() * 7 * (1 - bankShare - agencyShare);
    return weeklyHours / (1 - headroom) / WEEKLY_HOURS;
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
