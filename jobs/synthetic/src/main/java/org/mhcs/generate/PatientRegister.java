package org.mhcs.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One provider's patients in one data set this month, in the order they were first seen: each one's
 * local identifier ({@code <org><data set letter>P} and an eight-digit number) and cohort.
 * Referrals take their patients from here and the master patient index lists every one, so every
 * patient a referral names is in the index. About a byte per patient.
 */
final class PatientRegister {
  private static final PatientCohort[] COHORTS = PatientCohort.values();

  private final byte[] prefix;
  private byte[] cohorts = new byte[1024];
  private int size;

  /**
   * @param stem the organisation code and the data set's letter, as other identifiers start
   */
  PatientRegister(String stem) {
    this.prefix = (stem + "P").getBytes(StandardCharsets.US_ASCII);
  }

  /** Registers a new patient and returns their number (from 0). */
  int add(PatientCohort cohort) {
    if (size == cohorts.length) {
      cohorts = Arrays.copyOf(cohorts, 2 * size);
    }
    cohorts[size] = (byte) cohort.ordinal();
    return size++;
  }

  int size() {
    return size;
  }

  PatientCohort cohort(int patient) {
    return COHORTS[cohorts[patient]];
  }

  /** Writes patient {@code patient}'s local identifier into {@code column}. */
  LandingRow writeId(LandingRow row, String column, int patient) {
    return row.id(column, prefix, patient + 1L, 8);
  }
}
