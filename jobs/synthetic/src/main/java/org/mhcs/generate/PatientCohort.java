package org.mhcs.generate;

/**
 * Who a service's patients are, as the master patient index records them: an age range at the end
 * of the month and the share who are female. A patient takes the cohort of the first service that
 * saw them this month.
 */
enum PatientCohort {
  /** Health visiting: the child under five is the patient. */
  INFANTS(0, 4, 0.49),
  CHILDREN(2, 15, 0.38),
  /** Physiotherapy, occupational therapy, podiatry: adults of all ages, older ones more often. */
  ADULTS(18, 95, 0.56),
  /** Community nursing, intermediate care, older adult wards. */
  OLDER_ADULTS(65, 99, 0.60),
  /** Community mental health and crisis teams, adult acute wards. */
  WORKING_AGE(18, 64, 0.52),
  /** Psychiatric intensive care and secure wards: mostly young men. */
  YOUNG_MEN(18, 45, 0.18),
  /** Early intervention in psychosis. */
  YOUNG_PEOPLE(14, 35, 0.38),
  PERINATAL(18, 45, 1.0),
  EATING_DISORDERS(12, 40, 0.90);

  private final int minAge;
  private final int maxAge;
  private final double femaleShare;

  PatientCohort(int minAge, int maxAge, double femaleShare) {
    this.minAge = minAge;
    this.maxAge = maxAge;
    this.femaleShare = femaleShare;
  }

  int minAge() {
    return minAge;
  }

  int maxAge() {
    return maxAge;
  }

  double femaleShare() {
    return femaleShare;
  }
}
