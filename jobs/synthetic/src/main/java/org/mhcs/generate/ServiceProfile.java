package org.mhcs.generate;

import static org.mhcs.generate.StaffMix.share;
import static org.mhcs.generate.StaffRole.CLINICAL_PSYCHOLOGIST_B8A;
import static org.mhcs.generate.StaffRole.COMMUNITY_NURSE_B5;
import static org.mhcs.generate.StaffRole.COMMUNITY_NURSE_B6;
import static org.mhcs.generate.StaffRole.CONSULTANT_PSYCHIATRIST;
import static org.mhcs.generate.StaffRole.DIETITIAN_B6;
import static org.mhcs.generate.StaffRole.HEALTHCARE_ASSISTANT_B3;
import static org.mhcs.generate.StaffRole.HEALTH_VISITOR_B6;
import static org.mhcs.generate.StaffRole.HEALTH_VISITOR_B7;
import static org.mhcs.generate.StaffRole.MENTAL_HEALTH_NURSE_B5;
import static org.mhcs.generate.StaffRole.MENTAL_HEALTH_NURSE_B6;
import static org.mhcs.generate.StaffRole.MENTAL_HEALTH_NURSE_B7;
import static org.mhcs.generate.StaffRole.NURSERY_NURSE_B4;
import static org.mhcs.generate.StaffRole.NURSE_MANAGER_B8A;
import static org.mhcs.generate.StaffRole.NURSE_TEAM_LEAD_B7;
import static org.mhcs.generate.StaffRole.NURSING_ASSOCIATE_B4;
import static org.mhcs.generate.StaffRole.OCCUPATIONAL_THERAPIST_B5;
import static org.mhcs.generate.StaffRole.OCCUPATIONAL_THERAPIST_B6;
import static org.mhcs.generate.StaffRole.OCCUPATIONAL_THERAPIST_B7;
import static org.mhcs.generate.StaffRole.PHYSIOTHERAPIST_B6;
import static org.mhcs.generate.StaffRole.PHYSIOTHERAPIST_B7;
import static org.mhcs.generate.StaffRole.PODIATRIST_B5;
import static org.mhcs.generate.StaffRole.PODIATRIST_B6;
import static org.mhcs.generate.StaffRole.PSYCHOLOGICAL_THERAPIST_B7;
import static org.mhcs.generate.StaffRole.SPECIALTY_DOCTOR;
import static org.mhcs.generate.StaffRole.SPEECH_THERAPIST_B6;
import static org.mhcs.generate.StaffRole.SPEECH_THERAPIST_B7;
import static org.mhcs.generate.StaffRole.SUPPORT_WORKER_B3;
import static org.mhcs.generate.StaffRole.THERAPY_ASSISTANT_B3;

/**
 * The community services the synthetic trusts run, one per team type, with what shapes their
 * activity: share of the data set's contacts, how often a trust runs the service, team size, the
 * national ranges trusts are spread across (10th to 90th percentile of direct care time,
 * face-to-face minutes and contacts per patient; from the 2018 review where it gives them), DNA
 * propensity, weekend working, mechanism mix and staff mix.
 *
 * <p>Team type codes are national codes that {@code conf/service_line_maps/} maps to the profile's
 * service line, except {@link #EXCLUDED_A18}: a single point of access, a real MHSDS team type the
 * mapping deliberately excludes from every service line, carrying about 1% of MHSDS contacts so the
 * pipeline's excluded-activity reporting has something to count.
 */
enum ServiceProfile {
  COMMUNITY_NURSING(
      csds("12", "community_nursing")
          .patients(PatientCohort.OLDER_ADULTS)
          .contactShare(0.42)
          .provided(0.98, 0.92)
          .contactsPerTeam(3000)
          .directCarePct(33, 80)
          .faceToFaceMinutes(25, 44)
          .contactsPerPatient(14, 45)
          .dnaPropensity(0.6)
          .weekendShare(0.12)
          .mechanisms(0.93, 0.05, 0.015, 0.005)
          .staff(
              share(COMMUNITY_NURSE_B5, 0.33),
              share(COMMUNITY_NURSE_B6, 0.25),
              share(NURSE_TEAM_LEAD_B7, 0.08),
              share(NURSE_MANAGER_B8A, 0.02),
              share(HEALTHCARE_ASSISTANT_B3, 0.20),
              share(NURSING_ASSOCIATE_B4, 0.12))),
  HEALTH_VISITING(
      csds("16", "health_visiting")
          .patients(PatientCohort.INFANTS)
          .contactShare(0.14)
          .provided(0.75, 0.35)
          .contactsPerTeam(1500)
          .directCarePct(30, 75)
          .faceToFaceMinutes(40, 65)
          .contactsPerPatient(1.3, 2.5)
          .dnaPropensity(1.3)
          .weekendShare(0.01)
          .mechanisms(0.82, 0.13, 0.05, 0)
          .staff(
              share(HEALTH_VISITOR_B6, 0.55),
              share(HEALTH_VISITOR_B7, 0.10),
              share(COMMUNITY_NURSE_B5, 0.10),
              share(NURSERY_NURSE_B4, 0.25))),
  OCCUPATIONAL_THERAPY(
      csds("23", "occupational_therapy")
          .patients(PatientCohort.ADULTS)
          .contactShare(0.07)
          .provided(0.80, 0.50)
          .contactsPerTeam(800)
          .directCarePct(30, 75)
          .faceToFaceMinutes(40, 65)
          .contactsPerPatient(2, 5)
          .dnaPropensity(1.0)
          .weekendShare(0.01)
          .mechanisms(0.82, 0.12, 0.06, 0)
          .staff(
              share(OCCUPATIONAL_THERAPIST_B5, 0.25),
              share(OCCUPATIONAL_THERAPIST_B6, 0.35),
              share(OCCUPATIONAL_THERAPIST_B7, 0.15),
              share(THERAPY_ASSISTANT_B3, 0.25))),
  PHYSIOTHERAPY(
      csds("26", "physiotherapy")
          .patients(PatientCohort.ADULTS)
          .contactShare(0.14)
          .provided(0.85, 0.70)
          .contactsPerTeam(900)
          .directCarePct(30, 75)
          .faceToFaceMinutes(30, 50)
          .contactsPerPatient(2, 4.5)
          .dnaPropensity(1.4)
          .weekendShare(0.01)
          .mechanisms(0.80, 0.12, 0.08, 0)
          .staff(
              share(PHYSIOTHERAPIST_B6, 0.45),
              share(PHYSIOTHERAPIST_B7, 0.25),
              share(THERAPY_ASSISTANT_B3, 0.30))),
  PODIATRY(
      csds("27", "podiatry")
          .patients(PatientCohort.ADULTS)
          .contactShare(0.10)
          .provided(0.80, 0.50)
          .contactsPerTeam(1200)
          .directCarePct(30, 75)
          .faceToFaceMinutes(20, 35)
          .contactsPerPatient(1.2, 2.5)
          .dnaPropensity(1.4)
          .weekendShare(0)
          .mechanisms(0.97, 0.03, 0, 0)
          .staff(
              share(PODIATRIST_B5, 0.35),
              share(PODIATRIST_B6, 0.45),
              share(THERAPY_ASSISTANT_B3, 0.20))),
  SPEECH_AND_LANGUAGE_THERAPY(
      csds("33", "speech_language_therapy")
          .patients(PatientCohort.CHILDREN)
          .contactShare(0.05)
          .provided(0.75, 0.50)
          .contactsPerTeam(500)
          .directCarePct(30, 75)
          .faceToFaceMinutes(35, 60)
          .contactsPerPatient(1.5, 4)
          .dnaPropensity(1.2)
          .weekendShare(0)
          .mechanisms(0.70, 0.10, 0.18, 0.02)
          .staff(
              share(SPEECH_THERAPIST_B6, 0.55),
              share(SPEECH_THERAPIST_B7, 0.25),
              share(THERAPY_ASSISTANT_B3, 0.20))),
  INTERMEDIATE_CARE(
      csds("51", "intermediate_care")
          .patients(PatientCohort.OLDER_ADULTS)
          .contactShare(0.08)
          .provided(0.70, 0.60)
          .contactsPerTeam(1000)
          .directCarePct(30, 75)
          .faceToFaceMinutes(30, 55)
          .contactsPerPatient(6, 15)
          .dnaPropensity(0.5)
          .weekendShare(0.15)
          .mechanisms(0.90, 0.08, 0.02, 0)
          .staff(
              share(COMMUNITY_NURSE_B6, 0.25),
              share(COMMUNITY_NURSE_B5, 0.15),
              share(PHYSIOTHERAPIST_B6, 0.15),
              share(OCCUPATIONAL_THERAPIST_B6, 0.10),
              share(HEALTHCARE_ASSISTANT_B3, 0.35))),
  ADULT_CMHT(
      mhsds("A06", "adult_cmht")
          .patients(PatientCohort.WORKING_AGE)
          .contactShare(0.52)
          .provided(0.98, 0.98)
          .contactsPerTeam(700)
          .directCarePct(28, 59)
          .faceToFaceMinutes(43, 70)
          .contactsPerPatient(3, 9)
          .dnaPropensity(1.05)
          .weekendShare(0.01)
          .mechanisms(0.65, 0.28, 0.07, 0)
          .staff(
              share(MENTAL_HEALTH_NURSE_B6, 0.30),
              share(MENTAL_HEALTH_NURSE_B7, 0.10),
              share(MENTAL_HEALTH_NURSE_B5, 0.05),
              share(OCCUPATIONAL_THERAPIST_B6, 0.08),
              share(CLINICAL_PSYCHOLOGIST_B8A, 0.08),
              share(PSYCHOLOGICAL_THERAPIST_B7, 0.05),
              share(CONSULTANT_PSYCHIATRIST, 0.06),
              share(SPECIALTY_DOCTOR, 0.03),
              share(SUPPORT_WORKER_B3, 0.25))),
  CRISIS_HOME_TREATMENT(
      mhsds("A02", "crisis_home_treatment")
          .patients(PatientCohort.WORKING_AGE)
          .contactShare(0.20)
          .provided(0.92, 0.92)
          .contactsPerTeam(600)
          .directCarePct(30, 75)
          .faceToFaceMinutes(40, 70)
          .contactsPerPatient(5, 14)
          .dnaPropensity(0.45)
          .weekendShare(0.25)
          .mechanisms(0.75, 0.23, 0.02, 0)
          .staff(
              share(MENTAL_HEALTH_NURSE_B6, 0.40),
              share(MENTAL_HEALTH_NURSE_B7, 0.10),
              share(MENTAL_HEALTH_NURSE_B5, 0.08),
              share(SUPPORT_WORKER_B3, 0.30),
              share(CONSULTANT_PSYCHIATRIST, 0.05),
              share(SPECIALTY_DOCTOR, 0.04),
              share(OCCUPATIONAL_THERAPIST_B6, 0.03))),
  EARLY_INTERVENTION_PSYCHOSIS(
      mhsds("A14", "early_intervention_psychosis")
          .patients(PatientCohort.YOUNG_PEOPLE)
          .contactShare(0.12)
          .provided(0.90, 0.90)
          .contactsPerTeam(300)
          .directCarePct(30, 75)
          .faceToFaceMinutes(45, 70)
          .contactsPerPatient(3, 7)
          .dnaPropensity(1.0)
          .weekendShare(0.02)
          .mechanisms(0.70, 0.22, 0.08, 0)
          .staff(
              share(MENTAL_HEALTH_NURSE_B6, 0.32),
              share(MENTAL_HEALTH_NURSE_B7, 0.08),
              share(CLINICAL_PSYCHOLOGIST_B8A, 0.10),
              share(PSYCHOLOGICAL_THERAPIST_B7, 0.07),
              share(OCCUPATIONAL_THERAPIST_B6, 0.08),
              share(CONSULTANT_PSYCHIATRIST, 0.04),
              share(SUPPORT_WORKER_B3, 0.31))),
  PERINATAL(
      mhsds("C02", "perinatal_mh")
          .patients(PatientCohort.PERINATAL)
          .contactShare(0.06)
          .provided(0.60, 0.60)
          .contactsPerTeam(250)
          .directCarePct(30, 75)
          .faceToFaceMinutes(50, 75)
          .contactsPerPatient(2.5, 6)
          .dnaPropensity(0.9)
          .weekendShare(0)
          .mechanisms(0.65, 0.20, 0.15, 0)
          .staff(
              share(MENTAL_HEALTH_NURSE_B6, 0.35),
              share(MENTAL_HEALTH_NURSE_B7, 0.10),
              share(CLINICAL_PSYCHOLOGIST_B8A, 0.12),
              share(NURSERY_NURSE_B4, 0.20),
              share(CONSULTANT_PSYCHIATRIST, 0.06),
              share(OCCUPATIONAL_THERAPIST_B6, 0.07),
              share(SUPPORT_WORKER_B3, 0.10))),
  EATING_DISORDERS(
      mhsds("C10", "eating_disorders")
          .patients(PatientCohort.EATING_DISORDERS)
          .contactShare(0.09)
          .provided(0.70, 0.70)
          .contactsPerTeam(250)
          .directCarePct(30, 75)
          .faceToFaceMinutes(45, 70)
          .contactsPerPatient(3, 8)
          .dnaPropensity(0.9)
          .weekendShare(0)
          .mechanisms(0.60, 0.15, 0.25, 0)
          .staff(
              share(MENTAL_HEALTH_NURSE_B6, 0.30),
              share(MENTAL_HEALTH_NURSE_B7, 0.08),
              share(CLINICAL_PSYCHOLOGIST_B8A, 0.12),
              share(PSYCHOLOGICAL_THERAPIST_B7, 0.10),
              share(DIETITIAN_B6, 0.12),
              share(CONSULTANT_PSYCHIATRIST, 0.05),
              share(SUPPORT_WORKER_B3, 0.23))),
  EXCLUDED_A18(
      mhsds("A18", null)
          .patients(PatientCohort.WORKING_AGE)
          .contactShare(0.01)
          .provided(1.0, 1.0)
          .contactsPerTeam(400)
          .directCarePct(30, 75)
          .faceToFaceMinutes(20, 40)
          .contactsPerPatient(1.1, 2)
          .dnaPropensity(1.0)
          .weekendShare(0.05)
          .mechanisms(0.20, 0.78, 0.02, 0)
          .staff(
              share(MENTAL_HEALTH_NURSE_B6, 0.50),
              share(MENTAL_HEALTH_NURSE_B7, 0.10),
              share(SUPPORT_WORKER_B3, 0.40)));

  private final Spec spec;

  ServiceProfile(Spec spec) {
    this.spec = spec;
  }

  PatientDataSet dataset() {
    return spec.dataset;
  }

  /** CSDS {@code TeamType} or MHSDS {@code ServTeamTypeRefToMH}. */
  String teamType() {
    return spec.teamType;
  }

  /** The service line {@code conf/service_line_maps/} maps the team type to; null if excluded. */
  String serviceLine() {
    return spec.serviceLine;
  }

  /** Share of the data set's contacts in a trust that runs every service. */
  double contactShare() {
    return spec.contactShare;
  }

  /** A fixed share of every MHSDS trust's contacts, present everywhere, for unmapped reporting. */
  boolean unmapped() {
    return spec.serviceLine == null;
  }

  /** Chance that a trust of {@code type} runs the service (acute trusts run fewer). */
  double provisionChance(OrganisationType type) {
    return type == OrganisationType.ACUTE ? spec.acuteProvisionChance : spec.provisionChance;
  }

  /** Typical contacts a month per team: more contacts, more teams (at most six). */
  int contactsPerTeam() {
    return spec.contactsPerTeam;
  }

  /** Direct care time, percent of available clinical time, across trusts. */
  NationalRange directCarePct() {
    return spec.directCarePct;
  }

  /** Mean attended face-to-face contact minutes across trusts. */
  NationalRange faceToFaceMinutes() {
    return spec.faceToFaceMinutes;
  }

  /** Attended direct-care contacts per patient in the month across trusts. */
  NationalRange contactsPerPatient() {
    return spec.contactsPerPatient;
  }

  /** Multiplies the trust's DNA rate: home visits are rarely missed, clinic slots more often. */
  double dnaPropensity() {
    return spec.dnaPropensity;
  }

  /** Share of contacts on Saturdays and Sundays (district nurses and crisis teams work 7 days). */
  double weekendShare() {
    return spec.weekendShare;
  }

  MechanismMix mechanisms() {
    return spec.mechanisms;
  }

  /** Who the service's patients are (ages, sex), for the master patient index. */
  PatientCohort patients() {
    return spec.patients;
  }

  StaffMix staffMix() {
    return spec.staffMix;
  }

  private static Spec csds(String teamType, String serviceLine) {
    return new Spec(PatientDataSet.CSDS, teamType, serviceLine);
  }

  private static Spec mhsds(String teamType, String serviceLine) {
    return new Spec(PatientDataSet.MHSDS, teamType, serviceLine);
  }

  /** A service's settings, declared by name so the catalogue above reads as a table. */
  private static final class Spec {
    private final PatientDataSet dataset;
    private final String teamType;
    private final String serviceLine;
    private double contactShare;
    private double provisionChance;
    private double acuteProvisionChance;
    private int contactsPerTeam;
    private NationalRange directCarePct;
    private NationalRange faceToFaceMinutes;
    private NationalRange contactsPerPatient;
    private double dnaPropensity;
    private double weekendShare;
    private MechanismMix mechanisms;
    private StaffMix staffMix;
    private PatientCohort patients;

    private Spec(PatientDataSet dataset, String teamType, String serviceLine) {
      this.dataset = dataset;
      this.teamType = teamType;
      this.serviceLine = serviceLine;
    }

    Spec patients(PatientCohort cohort) {
      this.patients = cohort;
      return this;
    }

    Spec contactShare(double share) {
      this.contactShare = share;
      return this;
    }

    /** Chance a trust runs the service; the second for acute trusts. */
    Spec provided(double chance, double acuteChance) {
      this.provisionChance = chance;
      this.acuteProvisionChance = acuteChance;
      return this;
    }

    Spec contactsPerTeam(int contacts) {
      this.contactsPerTeam = contacts;
      return this;
    }

    Spec directCarePct(double p10, double p90) {
      this.directCarePct = new NationalRange(p10, p90);
      return this;
    }

    Spec faceToFaceMinutes(double p10, double p90) {
      this.faceToFaceMinutes = new NationalRange(p10, p90);
      return this;
    }

    Spec contactsPerPatient(double p10, double p90) {
      this.contactsPerPatient = new NationalRange(p10, p90);
      return this;
    }

    Spec dnaPropensity(double propensity) {
      this.dnaPropensity = propensity;
      return this;
    }

    Spec weekendShare(double share) {
      this.weekendShare = share;
      return this;
    }

    /** Shares of face to face, telephone, video and talk type among direct-care contacts. */
    Spec mechanisms(double faceToFace, double telephone, double video, double talkType) {
      this.mechanisms = new MechanismMix(faceToFace, telephone, video, talkType);
      return this;
    }

    Spec staff(StaffMix.Share... shares) {
      this.staffMix = StaffMix.of(shares);
      return this;
    }
  }
}
