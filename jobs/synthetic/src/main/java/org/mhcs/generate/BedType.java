package org.mhcs.generate;

import java.time.YearMonth;

/**
 * The kinds of mental health ward the synthetic trusts run, by their MHSDS {@code
 * HospitalBedTypeMH} code, which changed with MHSDS v6 in April 2024 ({@code
 * conf/code_lists/hospital_bed_type_mh.csv}: adult acute 10 then 200, older adult acute 11 then
 * 201, adult psychiatric intensive care 12 then 202, adult low secure 19 then 206), with what
 * shapes a ward of the kind: beds, average length of stay, the national spread of care hours per
 * patient day (10th to 90th percentile), and the shares of care hours worked by registered nurses
 * and allied health professionals (support workers work the rest).
 */
enum BedType {
  ADULT_ACUTE("10", "200", PatientCohort.WORKING_AGE, 16, 22, 32, 7, 11.5, 0.42, 0.05),
  OLDER_ADULT_ACUTE("11", "201", PatientCohort.OLDER_ADULTS, 14, 20, 60, 8, 12.5, 0.36, 0.07),
  PSYCHIATRIC_INTENSIVE_CARE(
      "12", "202", PatientCohort.YOUNG_MEN, 8, 12, 24, 10.5, 14.5, 0.45, 0.04),
  LOW_SECURE("19", "206", PatientCohort.YOUNG_MEN, 12, 16, 320, 7.5, 12, 0.40, 0.06);

  /** The month MHSDS v6 replaced the two-digit bed types with three-digit ones. */
  private static final YearMonth V6 = YearMonth.of(2024, 4);

  private final String code;
  private final String v6Code;
  private final PatientCohort patients;
  private final int minBeds;
  private final int maxBeds;
  private final double meanStayDays;
  private final NationalRange careHoursPerPatientDay;
  private final double registeredNurseShare;
  private final double alliedHealthShare;

  BedType(
      String code,
      String v6Code,
      PatientCohort patients,
      int minBeds,
      int maxBeds,
      double meanStayDays,
      double chppdP10,
      double chppdP90,
      double registeredNurseShare,
      double alliedHealthShare) {
    this.code = code;
    this.v6Code = v6Code;
    this.patients = patients;
    this.minBeds = minBeds;
    this.maxBeds = maxBeds;
    this.meanStayDays = meanStayDays;
    this.careHoursPerPatientDay = new NationalRange(chppdP10, chppdP90);
    this.registeredNurseShare = registeredNurseShare;
    this.alliedHealthShare = alliedHealthShare;
  }

  /**
   * The {@code HospitalBedTypeMH} code written on every stay on a ward of this kind in {@code
   * month}.
   */
  String code(YearMonth month) {
    return month.isBefore(V6) ? code : v6Code;
  }

  PatientCohort patients() {
    return patients;
  }

  int minBeds() {
    return minBeds;
  }

  int maxBeds() {
    return maxBeds;
  }

  double meanStayDays() {
    return meanStayDays;
  }

  NationalRange careHoursPerPatientDay() {
    return careHoursPerPatientDay;
  }

  double registeredNurseShare() {
    return registeredNurseShare;
  }

  double alliedHealthShare() {
    return alliedHealthShare;
  }
}
