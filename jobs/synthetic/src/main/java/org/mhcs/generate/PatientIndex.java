package org.mhcs.generate;

import java.time.LocalDate;
import java.util.List;
import org.mhcs.schema.ActivityField;

/**
 * Writes one provider's master patient index for one data set (CYP001MPI / MHS001MPI): a row for
 * every patient in its {@link PatientRegister}, so every patient a referral names is listed. Ages
 * and sex follow each patient's cohort; NHS numbers are in the 999 range kept for testing, with a
 * valid check digit (a number whose check digit would be 10 does not exist, so those patients have
 * none recorded, as some untraced patients do).
 */
final class PatientIndex {
  /** Ethnic category codes ({@code conf/code_lists/ethnic_category.csv}) and national shares. */
  private static final String[] ETHNIC_CODES = {
    "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99"
  };

  private static final double[] ETHNIC_SHARES =
      RandomDraws.cumulative(
          0.73, 0.01, 0.055, 0.01, 0.005, 0.01, 0.01, 0.028, 0.022, 0.008, 0.015, 0.011, 0.022,
          0.005, 0.005, 0.014, 0.03, 0.02);

  /** Most patients live in the provider's own integrated care system. */
  private static final double HOME_SYSTEM_SHARE = 0.9;

  private final OrganisationPlan plan;
  private final PatientDataSet dataset;
  private final ReportingMonth month;
  private final ChunkOutput out;
  private final RandomDraws random;

  PatientIndex(
      OrganisationPlan plan,
      PatientDataSet dataset,
      ReportingMonth month,
      ChunkOutput out,
      long seed) {
    this.plan = plan;
    this.dataset = dataset;
    this.month = month;
    this.out = out;
    this.random =
        RandomDraws.forStream(
            seed,
            RandomDraws.PATIENTS,
            plan.organisation().index(),
            dataset.ordinal(),
            month.seedPart());
  }

  /** Writes a row per registered patient. */
  void write(PatientRegister patients) {
    Organisation org = plan.organisation();
    List<String> systems = OrganisationRegister.icsCodes();
    LocalDate monthEnd = month.period().atEndOfMonth();
    String orgColumn = ActivityField.ORG.nameIn(dataset.source());
    String patientColumn = ActivityField.PATIENT_ID.nameIn(dataset.source());
    for (int p = 0; p < patients.size(); p++) {
      PatientCohort cohort = patients.cohort(p);
      int age = cohort.minAge() + random.below(cohort.maxAge() - cohort.minAge() + 1);
      LocalDate born = monthEnd.minusYears(age).minusDays(random.below(365));
      String gender = random.chance(0.004) ? "X" : random.chance(cohort.femaleShare()) ? "2" : "1";
      String residence =
          random.chance(HOME_SYSTEM_SHARE)
              ? org.icsCode()
              : systems.get(random.below(systems.size()));
      // Referrals name the patient, so the row may only be duplicated, never broken.
      LandingRow row = out.row(dataset.patients()).text(orgColumn, org.code());
      patients
          .writeId(row, patientColumn, p)
          .text("NHSNumber", nhsNumber(org.index(), p))
          .ascii("PersonBirthDate", month.isoDate(born))
          .text("Gender", gender)
          .text("EthnicCategory", ETHNIC_CODES[random.pick(ETHNIC_SHARES)])
          .text(dataset.residenceColumn(), residence)
          .end();
    }
  }

  /** A test-range NHS number (999 …) with its modulus 11 check digit, or null if none exists. */
  private String nhsNumber(int orgIndex, int patient) {
    long body =
        999_000_000L + ((orgIndex * 2L + dataset.ordinal()) * 7_919L + patient * 13L) % 1_000_000L;
    String digits = Long.toString(body);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * (10 - i);
    }
    int check = (11 - sum % 11) % 11;
    return check == 10 ? null : digits + check;
  }
}
