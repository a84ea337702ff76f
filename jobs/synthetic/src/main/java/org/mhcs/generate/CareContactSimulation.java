package org.mhcs.generate;

import static org.mhcs.schema.ActivityField.ACTIVITY_ID;
import static org.mhcs.schema.ActivityField.ACTIVITY_MINUTES;
import static org.mhcs.schema.ActivityField.ATTENDANCE;
import static org.mhcs.schema.ActivityField.CONTACT_DATE;
import static org.mhcs.schema.ActivityField.CONTACT_ID;
import static org.mhcs.schema.ActivityField.CONTACT_MINUTES;
import static org.mhcs.schema.ActivityField.CONTACT_TIME;
import static org.mhcs.schema.ActivityField.MECHANISM;
import static org.mhcs.schema.ActivityField.OCCUPATION;
import static org.mhcs.schema.ActivityField.ORG;
import static org.mhcs.schema.ActivityField.PROFESSIONAL_ID;
import static org.mhcs.schema.ActivityField.REFERRAL_ID;
import static org.mhcs.schema.ActivityField.STAFF_GROUP;
import static org.mhcs.schema.ActivityField.TEAM_ID;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mhcs.schema.ActivityField;

/**
 * Writes one trust's month of one data set: staff details, referrals, the teams they were referred
 * to, care contacts and care activities, patient by patient, streaming every row.
 *
 * <p>Per service, patients are drawn first (each with at least one attended direct-care contact,
 * the number set by the trust's contacts per patient), then each patient's other contacts (DNAs,
 * cancellations, non-direct ones) at the trust's rates, so the measures the pipeline computes land
 * near the trust's planned levels. Referrals without contacts (waiting, rejected, closed) follow.
 * Returns each team's direct-care minutes, which the workforce is then sized to.
 */
final class CareContactSimulation {
  /**
   * Attended contacts with no care activity recorded: the pipeline falls back to contact minutes.
   */
  private static final double NO_ACTIVITY_SHARE = 0.02;

  /** How often a contact is with the referral's lead professional rather than another. */
  private static final double LEAD_PROFESSIONAL_SHARE = 0.7;

  private static final double RECEIVED_IN_MONTH_SHARE = 0.15;
  private static final double DISCHARGED_IN_MONTH_SHARE = 0.08;
  private static final double PATIENT_IN_OTHER_SERVICE_SHARE = 0.05;

  /** Face-to-face minutes vary about 35% (log scale) around the trust's mean. */
  private static final double DURATION_SIGMA = 0.35;

  private static final int DIRECT = 0;
  private static final int NON_DIRECT = 1;
  private static final int DNA = 2;
  private static final int CANCELLED = 3;

  private static final byte[][] DIRECT_MECHANISMS = ascii(MechanismMix.CODES);
  private static final byte[][] NON_DIRECT_MECHANISMS = ascii("05", "09", "10");
  private static final byte[] ATTENDED_ON_TIME = ascii("5")[0];
  private static final byte[] ARRIVED_LATE_SEEN = ascii("6")[0];
  private static final byte[] DID_NOT_ATTEND = ascii("3")[0];
  private static final byte[] LATE_NOT_SEEN = ascii("7")[0];
  private static final byte[] CANCELLED_BY_PATIENT = ascii("2")[0];
  private static final byte[] CANCELLED_BY_PROVIDER = ascii("4")[0];

  /** MHSDS SourceOfReferralMH: GP, self, carer, emergency department, other acute care. */
  private static final String[] MH_REFERRAL_SOURCES = {"A1", "B1", "B2", "H1", "H2"};

  private static final double[] MH_REFERRAL_SOURCE_WEIGHTS =
      RandomDraws.cumulative(0.50, 0.15, 0.05, 0.12, 0.18);

  /** Contact times: five-minute slots from 08:00 to 17:55, as {@code HH:MM:SS}. */
  private static final byte[][] TIMES = new byte[120][];

  static {
    for (int slot = 0; slot < TIMES.length; slot++) {
      int minutes = 8 * 60 + 5 * slot;
      TIMES[slot] =
          String.format(Locale.ROOT, "%02d:%02d:00", minutes / 60, minutes % 60)
              .getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final OrganisationPlan plan;
  private final PatientDataSet dataset;
  private final ReportingMonth month;
  private final ChunkOutput out;
  private final RandomDraws random;
  private final String org;
  private final ReferralRows referrals;
  private final byte[] contactPrefix;
  private final byte[] activityPrefix;
  private final PatientRegister patients;
  private final String professionalPrefix;

  private long referralSequence;
  private long contactSequence;
  private long activitySequence;
  private int professionalSequence;

  // One referral's contacts, reused from referral to referral.
  private int[] outcome = new int[64];
  private int[] day = new int[64];
  private int[] mechanism = new int[64];
  private int[] minutes = new int[64];

  /**
   * @param patients the trust's register for {@code dataset}, which this simulation fills
   */
  CareContactSimulation(
      OrganisationPlan plan,
      PatientDataSet dataset,
      ReportingMonth month,
      ChunkOutput out,
      PatientRegister patients,
      long seed) {
    this.plan = plan;
    this.dataset = dataset;
    this.month = month;
    this.out = out;
    this.org = plan.organisation().code();
    this.random =
        RandomDraws.forStream(
            seed,
            RandomDraws.CONTACTS,
            plan.organisation().index(),
            dataset.ordinal(),
            month.seedPart());
    String stem = org + dataset.letter();
    this.referrals = new ReferralRows(dataset, org, stem + "R" + month.tag(), patients);
    this.contactPrefix = ascii(stem + "C" + month.tag())[0];
    this.activityPrefix = ascii(stem + "A" + month.tag())[0];
    this.patients = patients;
    this.professionalPrefix = stem + "S";
  }

  /** Writes the rows and returns every team's workload, services in plan order. */
  List<TeamWorkload> run() {
    List<TeamWorkload> workloads = new ArrayList<>();
    for (ServiceLinePlan service : plan.services(dataset)) {
      TeamWorkload[] teams = staffTeams(service);
      workloads.addAll(Arrays.asList(teams));
      simulatePatients(service, teams);
    }
    return workloads;
  }

  /**
   * Creates each team's professionals, about as many as its expected workload needs at the trust's
   * direct care level, and writes them to CYP901 / MHS901.
   */
  private TeamWorkload[] staffTeams(ServiceLinePlan service) {
    List<TeamPlan> teams = service.teams();
    TeamWorkload[] workloads = new TeamWorkload[teams.size()];
    double totalWeight = service.teamCumulative()[teams.size() - 1];
    double availableDaysPerWte =
        month.workingDays() - month.calendarDays() * plan.sicknessRate() * 5.0 / 7.0;
    for (int t = 0; t < teams.size(); t++) {
      double expectedMinutes =
          service.plannedContacts()
              * service.directShare()
              * service.expectedMinutesPerDirectContact()
              * teams.get(t).weight()
              / totalWeight;
      double wte =
          expectedMinutes
              / (WorkforceSimulation.CLINICAL_MINUTES_PER_DAY * service.directCareTarget())
              / availableDaysPerWte;
      int headcount = (int) Math.max(2, Math.round(wte / WorkforceSimulation.MEAN_WTE));
      String[] ids = new String[headcount];
      StaffRole[] roles = new StaffRole[headcount];
      for (int p = 0; p < headcount; p++) {
        ids[p] = professionalPrefix + String.format(Locale.ROOT, "%06d", ++professionalSequence);
        roles[p] = service.profile().staffMix().pick(random);
        out.row(dataset.staff())
            .text(column(ORG), org)
            .text(column(PROFESSIONAL_ID), ids[p])
            .text(column(STAFF_GROUP), roles[p].datasetStaffGroup())
            .text(column(OCCUPATION), roles[p].occupationCode())
            .end();
      }
      workloads[t] = new TeamWorkload(teams.get(t), service, ids, roles);
    }
    return workloads;
  }

  private void simulatePatients(ServiceLinePlan service, TeamWorkload[] teams) {
    int seen = service.patients();
    int patientsBefore = patients.size();
    int[] servicePatients = new int[seen];
    int maxDirect = 2 * month.calendarDays();
    for (int i = 0; i < seen; i++) {
      // The first patients go one to each team, so every team has at least one referral.
      int team = i < teams.length ? i : random.pick(service.teamCumulative());
      int patient = newOrKnownPatient(service, patientsBefore);
      servicePatients[i] = patient;
      int direct = 1 + random.poisson((service.contactsPerPatient() - 1) * random.gammaMeanOne(3));
      simulateReferral(service, teams[team], patient, Math.min(direct, maxDirect));
    }
    int waiting = (int) Math.round(seen * random.uniform(0.08, 0.2));
    for (int i = 0; i < waiting; i++) {
      int team = random.pick(service.teamCumulative());
      // Some are a second referral of a patient already on the caseload.
      int patient =
          random.chance(0.3)
              ? servicePatients[random.below(seen)]
              : newOrKnownPatient(service, patientsBefore);
      referralWithoutContacts(service, teams[team], patient);
    }
  }

  /** Mostly a new patient; sometimes one the trust already sees in another of its services. */
  private int newOrKnownPatient(ServiceLinePlan service, int patientsBefore) {
    if (patientsBefore > 0 && random.chance(PATIENT_IN_OTHER_SERVICE_SHARE)) {
      return random.below(patientsBefore);
    }
    return patients.add(service.profile().patients());
  }

  private void simulateReferral(
      ServiceLinePlan service, TeamWorkload team, int patient, int directContacts) {
    int nonDirect = random.poisson(directContacts * service.nonDirectPerDirect());
    int dna = random.poisson(directContacts * service.dnaPerDirect());
    int cancelled = random.poisson(directContacts * service.cancelledPerDirect());
    int n = directContacts + nonDirect + dna + cancelled;
    ensureCapacity(n);
    int firstDay = Integer.MAX_VALUE;
    int lastDay = -1;
    double weekendShare = service.profile().weekendShare();
    for (int j = 0; j < n; j++) {
      int kind =
          j < directContacts
              ? DIRECT
              : j < directContacts + nonDirect
                  ? NON_DIRECT
                  : j < directContacts + nonDirect + dna ? DNA : CANCELLED;
      outcome[j] = kind;
      int[] days = random.chance(weekendShare) ? month.weekendDays() : month.weekdays();
      day[j] = days[random.below(days.length)];
      firstDay = Math.min(firstDay, day[j]);
      lastDay = Math.max(lastDay, day[j]);
      if (kind == NON_DIRECT) {
        mechanism[j] = random.below(NON_DIRECT_MECHANISMS.length);
        minutes[j] = 5 * (1 + random.below(3));
      } else {
        mechanism[j] = random.pick(service.mechanismCumulative());
        minutes[j] = kind == DIRECT ? duration(service, mechanism[j]) : 0;
      }
    }

    long referral = ++referralSequence;
    byte[] received =
        random.chance(RECEIVED_IN_MONTH_SHARE)
            ? month.dayText(random.below(firstDay + 1))
            : dateBefore(1 + (int) Math.min(1825, -150 * Math.log(1 - random.uniform())));
    byte[] discharged =
        random.chance(DISCHARGED_IN_MONTH_SHARE)
            ? month.dayText(lastDay + random.below(month.calendarDays() - lastDay))
            : null;
    // Contacts point at the referral and find their team through the referral-team row, so
    // neither may be broken (a duplicate leaves the first copy for them).
    writeReferral(out.row(dataset.referrals()), referral, patient, received, discharged);
    referrals.referralTeam(
        out.row(dataset.referralTeams()), referral, team.team(), discharged, null);

    int lead = random.below(team.professionals());
    for (int j = 0; j < n; j++) {
      long contact = ++contactSequence;
      boolean attended = outcome[j] == DIRECT || outcome[j] == NON_DIRECT;
      byte[] attendance;
      if (attended) {
        attendance = random.chance(0.92) ? ATTENDED_ON_TIME : ARRIVED_LATE_SEEN;
      } else if (outcome[j] == DNA) {
        attendance = random.chance(0.85) ? DID_NOT_ATTEND : LATE_NOT_SEEN;
      } else {
        attendance = random.chance(0.55) ? CANCELLED_BY_PATIENT : CANCELLED_BY_PROVIDER;
      }
      byte[] mechanismCode =
          outcome[j] == NON_DIRECT
              ? NON_DIRECT_MECHANISMS[mechanism[j]]
              : DIRECT_MECHANISMS[mechanism[j]];
      LandingRow row = out.breakableRow(dataset.contacts());
      row.text(column(ORG), org).id(column(CONTACT_ID), contactPrefix, contact, 8);
      referrals
          .writeId(row, column(REFERRAL_ID), referral)
          .text(column(TEAM_ID), team.team().id())
          .ascii(column(CONTACT_DATE), month.dayText(day[j]))
          .ascii(column(CONTACT_TIME), TIMES[random.below(TIMES.length)])
          .number(column(CONTACT_MINUTES), minutes[j])
          .ascii(column(MECHANISM), mechanismCode)
          .ascii(column(ATTENDANCE), attendance)
          .end();
      // A broken contact's activities are drawn as usual (so the rows after are those of a clean
      // run) but not written: they would point at a contact the pipeline quarantines.
      boolean written = !row.broken();
      if (attended) {
        int activities =
            writeActivities(contact, team, lead, minutes[j], outcome[j] == DIRECT, written);
        if (outcome[j] == DIRECT && written) {
          team.addDirectMinutes(activities == 0 ? minutes[j] : (long) activities * minutes[j]);
        }
      }
    }
  }

  /**
   * One activity per attended contact, two for a joint visit (two professionals, each with the full
   * contact time), none for a few (the pipeline then counts the contact's minutes).
   *
   * @return the number of activities written
   */
  private int writeActivities(
      long contact,
      TeamWorkload team,
      int lead,
      int contactMinutes,
      boolean direct,
      boolean written) {
    double r = random.uniform();
    if (r < NO_ACTIVITY_SHARE) {
      return 0;
    }
    int count =
        direct
                && team.professionals() > 1
                && r < NO_ACTIVITY_SHARE + team.service().jointVisitShare()
            ? 2
            : 1;
    int first = random.chance(LEAD_PROFESSIONAL_SHARE) ? lead : random.below(team.professionals());
    int second =
        count == 2
            ? (first + 1 + random.below(team.professionals() - 1)) % team.professionals()
            : -1;
    if (written) {
      writeActivity(contact, team.professionalId(first), contactMinutes);
      if (second >= 0) {
        writeActivity(contact, team.professionalId(second), contactMinutes);
      }
    }
    return count;
  }

  /** CSDS Activity_Type is left empty: optional, and no metric reads it. */
  private void writeActivity(long contact, String professional, int activityMinutes) {
    out.breakableRow(dataset.activities())
        .text(column(ORG), org)
        .id(column(ACTIVITY_ID), activityPrefix, ++activitySequence, 8)
        .id(column(CONTACT_ID), contactPrefix, contact, 8)
        .text(column(PROFESSIONAL_ID), professional)
        .number(column(ACTIVITY_MINUTES), activityMinutes)
        .end();
  }

  /** A referral open this month with no contact in it: waiting, rejected or closed unseen. */
  private void referralWithoutContacts(ServiceLinePlan service, TeamWorkload team, int patient) {
    long referral = ++referralSequence;
    boolean receivedInMonth = random.chance(0.35);
    int receivedDay = receivedInMonth ? random.below(month.calendarDays()) : 0;
    byte[] received =
        receivedInMonth ? month.dayText(receivedDay) : dateBefore(1 + random.below(120));
    byte[] closedOn = month.dayText(receivedDay + random.below(month.calendarDays() - receivedDay));
    double r = random.uniform();
    byte[] rejected = r < 0.04 ? closedOn : null;
    byte[] discharged = r >= 0.04 && r < 0.09 ? closedOn : null;
    // Nothing points at a referral without contacts but its referral-team row, which is left out
    // if the referral is broken.
    LandingRow referralRow = out.breakableRow(dataset.referrals());
    writeReferral(referralRow, referral, patient, received, discharged);
    if (!referralRow.broken()) {
      referrals.referralTeam(
          out.breakableRow(dataset.referralTeams()), referral, team.team(), discharged, rejected);
    }
  }

  /** {@code discharged} is null while the referral is open. */
  private void writeReferral(
      LandingRow row, long referral, int patient, byte[] received, byte[] discharged) {
    // CSDS SourceOfReferral is left empty: optional, and its code list is not in conf/.
    String source =
        dataset == PatientDataSet.MHSDS
            ? MH_REFERRAL_SOURCES[random.pick(MH_REFERRAL_SOURCE_WEIGHTS)]
            : null;
    referrals.referral(row, referral, patient, received, source, discharged);
  }

  /** {@code field}'s column name in this simulation's data set. */
  private String column(ActivityField field) {
    return field.nameIn(dataset.source());
  }

  /** Minutes of an attended direct contact: log-normal around the trust's mean, to 5 minutes. */
  private int duration(ServiceLinePlan service, int mechanismIndex) {
    double mean = service.faceToFaceMinutes() * MechanismMix.RELATIVE_DURATION[mechanismIndex];
    double drawn = random.logNormalWithMean(mean, DURATION_SIGMA);
    return (int) Math.max(5, Math.min(240, 5 * Math.round(drawn / 5)));
  }

  private byte[] dateBefore(int daysBeforeMonth) {
    return month.isoDate(month.firstDay().minusDays(daysBeforeMonth));
  }

  private void ensureCapacity(int n) {
    if (n > outcome.length) {
      int size = Math.max(n, 2 * outcome.length);
      outcome = Arrays.copyOf(outcome, size);
      day = Arrays.copyOf(day, size);
      mechanism = Arrays.copyOf(mechanism, size);
      minutes = Arrays.copyOf(minutes, size);
    }
  }

  private static byte[][] ascii(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i].getBytes(StandardCharsets.US_ASCII);
    }
    return bytes;
  }
}
