package org.mhcs.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything decided about one trust before its rows are written: the services it runs in each data
 * set it submits, their volumes, teams and the trust's own levels of each measure, its inpatient
 * wards, and its workforce habits (sickness, turnover, whether ESR holds clinical-system ids).
 *
 * <p>The trust's character comes from a stream seeded by (seed, trust) alone, so the same trust
 * runs the same services with the same teams and a similar performance in every month; only its
 * volumes move a little from month to month. Between-trust variation is built in: one score per
 * trust drives direct care time across all its services (and, in part, its visit lengths), so a
 * trust is consistently high or low rather than randomly so.
 */
final class OrganisationPlan {
  /** Line-level scores: mostly the trust's score, partly the service's own. */
  private static final double TRUST_WEIGHT = 0.85;

  private static final double OWN_WEIGHT = Math.sqrt(1 - TRUST_WEIGHT * TRUST_WEIGHT);
  private static final int MAX_TEAMS = 6;
  private static final double MAX_DIRECT_CARE = 0.92;

  private final Organisation organisation;
  private final Map<PatientDataSet, List<ServiceLinePlan>> services;
  private final double sicknessRate;
  private final double sicknessPrevalence;
  private final boolean esrHoldsCareProfessionalIds;
  private final double annualTurnover;
  private final List<Ward> wards;

  private OrganisationPlan(
      Organisation organisation,
      Map<PatientDataSet, List<ServiceLinePlan>> services,
      double sicknessRate,
      double sicknessPrevalence,
      boolean esrHoldsCareProfessionalIds,
      double annualTurnover,
      List<Ward> wards) {
    this.organisation = organisation;
    this.services = services;
    this.sicknessRate = sicknessRate;
    this.sicknessPrevalence = sicknessPrevalence;
    this.esrHoldsCareProfessionalIds = esrHoldsCareProfessionalIds;
    this.annualTurnover = annualTurnover;
    this.wards = wards;
  }

  /**
   * Plans {@code org} for {@code month}.
   *
   * @param baseContacts the trust's share of each data set's national contacts (before monthly
   *     variation); absent for a data set it does not submit
   */
  static OrganisationPlan plan(
      Organisation org, Map<PatientDataSet, Long> baseContacts, ReportingMonth month, long seed) {
    RandomDraws traits = RandomDraws.forStream(seed, RandomDraws.TRAITS, org.index());
    RandomDraws monthly =
        RandomDraws.forStream(seed, RandomDraws.TRAITS, org.index(), month.seedPart());

    // Trust-wide scores. Longer visits go partly with more direct time, which keeps contacts per
    // clinician per day within about a twofold spread, as the review found.
    double directCareScore = traits.normal(2.5);
    double durationScore = 0.6 * directCareScore + 0.8 * traits.normal(2.5);
    double caseloadScore = traits.normal(2.5);
    Map<PatientDataSet, Double> dnaBase = new EnumMap<>(PatientDataSet.class);
    dnaBase.put(PatientDataSet.CSDS, clamp(0.07 + 0.022 * traits.normal(), 0.015, 0.16));
    dnaBase.put(PatientDataSet.MHSDS, clamp(0.17 + 0.045 * traits.normal(), 0.05, 0.32));
    double telephoneFactor = traits.uniform(0.7, 1.4);
    double jointVisitShare = traits.uniform(0.10, 0.20);
    double sicknessRate = traits.uniform(0.03, 0.07);
    double sicknessPrevalence = traits.uniform(0.25, 0.45);
    boolean holdsIds = traits.chance(0.8);

    // Every service's draws are taken whether or not the trust runs it, so one decision never
    // shifts the draws of another.
    ServiceProfile[] profiles = ServiceProfile.values();
    boolean[] provided = new boolean[profiles.length];
    double[][] scores = new double[profiles.length][];
    double[] dnaNoise = new double[profiles.length];
    double[] teamScale = new double[profiles.length];
    double[][] teamWeights = new double[profiles.length][MAX_TEAMS];
    for (ServiceProfile p : profiles) {
      int i = p.ordinal();
      provided[i] = traits.chance(p.provisionChance(org.type()));
      scores[i] =
          new double[] {
            TRUST_WEIGHT * directCareScore + OWN_WEIGHT * traits.normal(2.5),
            TRUST_WEIGHT * durationScore + OWN_WEIGHT * traits.normal(2.5),
            TRUST_WEIGHT * caseloadScore + OWN_WEIGHT * traits.normal(2.5)
          };
      dnaNoise[i] = traits.logNormalWithMean(1, 0.15);
      teamScale[i] = traits.uniform(0.7, 1.3);
      for (int t = 0; t < MAX_TEAMS; t++) {
        teamWeights[i][t] = traits.uniform(0.5, 1.5);
      }
    }

    Map<PatientDataSet, List<ServiceLinePlan>> services = new EnumMap<>(PatientDataSet.class);
    for (PatientDataSet dataset : PatientDataSet.values()) {
      double volumeNoise = 1 + 0.03 * monthly.normal(3);
      if (!org.type().submits(dataset)) {
        continue;
      }
      List<ServiceProfile> run = servicesRun(dataset, provided);
      double mappedShares = 0;
      for (ServiceProfile p : run) {
        mappedShares += p.unmapped() ? 0 : p.contactShare();
      }
      long base = baseContacts.getOrDefault(dataset, 0L);
      List<ServiceLinePlan> lines = new ArrayList<>();
      for (ServiceProfile p : run) {
        int i = p.ordinal();
        // The unmapped team type keeps a fixed share; the mapped services share the rest.
        double share =
            p.unmapped()
                ? p.contactShare()
                : (1 - unmappedShare(run)) * p.contactShare() / mappedShares;
        long baseLine = Math.round(base * share);
        int planned = (int) Math.max(1, Math.round(baseLine * volumeNoise));
        int teams =
            (int) clamp(Math.round(baseLine * teamScale[i] / p.contactsPerTeam()), 1, MAX_TEAMS);
        lines.add(
            new ServiceLinePlan(
                p,
                planned,
                Math.min(0.45, dnaBase.get(dataset) * p.dnaPropensity() * dnaNoise[i]),
                Math.min(MAX_DIRECT_CARE, p.directCarePct().at(scores[i][0]) / 100),
                p.faceToFaceMinutes().at(scores[i][1]),
                Math.max(1.05, p.contactsPerPatient().at(scores[i][2])),
                jointVisitShare,
                telephoneFactor,
                teams,
                teamWeights[i]));
      }
      services.put(dataset, List.copyOf(lines));
    }
    // Turnover and wards draw from streams of their own, so adding them changed no earlier draw.
    RandomDraws turnover = RandomDraws.forStream(seed, RandomDraws.STAFF_TURNOVER, org.index());
    double annualTurnover = clamp(turnover.logNormalWithMean(0.15, 0.3), 0.085, 0.36);
    List<Ward> wards =
        org.type().submits(PatientDataSet.MHSDS)
            ? Ward.plan(org, baseContacts.getOrDefault(PatientDataSet.MHSDS, 0L), seed)
            : List.of();
    return new OrganisationPlan(
        org, services, sicknessRate, sicknessPrevalence, holdsIds, annualTurnover, wards);
  }

  /** The services of {@code dataset} the trust runs; never none of the mapped ones. */
  private static List<ServiceProfile> servicesRun(PatientDataSet dataset, boolean[] provided) {
    List<ServiceProfile> run = new ArrayList<>();
    boolean anyMapped = false;
    for (ServiceProfile p : ServiceProfile.values()) {
      if (p.dataset() == dataset && (provided[p.ordinal()] || p.unmapped())) {
        run.add(p);
        anyMapped |= !p.unmapped();
      }
    }
    if (!anyMapped) {
      // The core service (community nursing, CMHT) is the one nearly every trust runs.
      run.add(
          0,
          dataset == PatientDataSet.CSDS
              ? ServiceProfile.COMMUNITY_NURSING
              : ServiceProfile.ADULT_CMHT);
    }
    return run;
  }

  private static double unmappedShare(List<ServiceProfile> run) {
    double share = 0;
    for (ServiceProfile p : run) {
      share += p.unmapped() ? p.contactShare() : 0;
    }
    return share;
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  Organisation organisation() {
    return organisation;
  }

  boolean submits(PatientDataSet dataset) {
    return services.containsKey(dataset);
  }

  /**
   * The services the trust runs in {@code dataset}, in catalogue order; empty if it does not submit
   * it.
   */
  List<ServiceLinePlan> services(PatientDataSet dataset) {
    return services.getOrDefault(dataset, List.of());
  }

  /** Planned contacts across both data sets, for sharing the work out in chunks. */
  long plannedContacts() {
    long total = 0;
    for (List<ServiceLinePlan> lines : services.values()) {
      for (ServiceLinePlan line : lines) {
        total += line.plannedContacts();
      }
    }
    return total;
  }

  /** Share of available calendar days lost to sickness, on average. */
  double sicknessRate() {
    return sicknessRate;
  }

  /** Share of assignments with any sickness in the month (the rest are zero). */
  double sicknessPrevalence() {
    return sicknessPrevalence;
  }

  /** Share of its permanent staff the trust loses in a year. */
  double annualTurnover() {
    return annualTurnover;
  }

  /** The trust's inpatient wards (mental health trusts only), the same every month. */
  List<Ward> wards() {
    return wards;
  }

  /** Whether this trust's ESR carries the clinical-system id ({@code CareProfLocalId}). */
  boolean esrHoldsCareProfessionalIds() {
    return esrHoldsCareProfessionalIds;
  }
}
