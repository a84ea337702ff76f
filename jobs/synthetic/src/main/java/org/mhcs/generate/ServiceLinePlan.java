package org.mhcs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One trust's plan for one service in the month: how many contacts, and the trust's own levels of
 * the measures the pipeline will compute (DNA rate, direct care time, face-to-face minutes,
 * contacts per patient), plus its teams.
 *
 * <p>Outcome shares of all contacts are fixed at about 3% cancelled and 2% attended by a non-direct
 * mechanism (email, text, messaging); the rest splits between attended direct care and DNA so that
 * DNA ÷ (attended + DNA) is the trust's DNA rate.
 */
final class ServiceLinePlan {
  static final double CANCELLED_SHARE = 0.03;
  static final double NON_DIRECT_SHARE = 0.02;

  private final ServiceProfile profile;
  private final int plannedContacts;
  private final double dnaRate;
  private final double directCareTarget;
  private final double faceToFaceMinutes;
  private final double contactsPerPatient;
  private final double jointVisitShare;
  private final double[] mechanismCumulative;
  private final List<TeamPlan> teams;
  private final double[] teamCumulative;

  ServiceLinePlan(
      ServiceProfile profile,
      int plannedContacts,
      double dnaRate,
      double directCareTarget,
      double faceToFaceMinutes,
      double contactsPerPatient,
      double jointVisitShare,
      double telephoneFactor,
      int teamCount,
      double[] teamWeights) {
    this.profile = profile;
    this.plannedContacts = plannedContacts;
    this.dnaRate = dnaRate;
    this.directCareTarget = directCareTarget;
    this.faceToFaceMinutes = faceToFaceMinutes;
    this.contactsPerPatient = contactsPerPatient;
    this.jointVisitShare = jointVisitShare;
    this.mechanismCumulative = profile.mechanisms().cumulative(telephoneFactor);
    List<TeamPlan> planned = new ArrayList<>(teamCount);
    double[] weights = new double[teamCount];
    for (int t = 0; t < teamCount; t++) {
      weights[t] = teamWeights[t];
      planned.add(
          new TeamPlan(
              teamId(profile.teamType(), t),
              profile.teamType(),
              teamWeights[t],
              String.format(Locale.ROOT, "4%02d%02d", profile.ordinal(), t + 1)));
    }
    this.teams = List.copyOf(planned);
    this.teamCumulative = RandomDraws.cumulative(weights);
  }

  /** {@code T012-03} for the third district nursing team, {@code TA06-01} for the first CMHT. */
  static String teamId(String teamType, int index) {
    String type = "000".substring(Math.min(3, teamType.length())) + teamType;
    return String.format(Locale.ROOT, "T%s-%02d", type, index + 1);
  }

  ServiceProfile profile() {
    return profile;
  }

  int plannedContacts() {
    return plannedContacts;
  }

  /** DNA ÷ (attended + DNA). */
  double dnaRate() {
    return dnaRate;
  }

  /** The trust's direct care time as a fraction of available clinical time; ESR is sized to it. */
  double directCareTarget() {
    return directCareTarget;
  }

  /** Mean attended face-to-face minutes (other mechanisms scale from it). */
  double faceToFaceMinutes() {
    return faceToFaceMinutes;
  }

  double contactsPerPatient() {
    return contactsPerPatient;
  }

  /**
   * Share of attended direct contacts that are joint visits (two professionals, two activities).
   */
  double jointVisitShare() {
    return jointVisitShare;
  }

  double[] mechanismCumulative() {
    return mechanismCumulative;
  }

  List<TeamPlan> teams() {
    return teams;
  }

  double[] teamCumulative() {
    return teamCumulative;
  }

  /** Share of all contacts that are attended direct care. */
  double directShare() {
    return (1 - CANCELLED_SHARE) * (1 - dnaRate) - NON_DIRECT_SHARE;
  }

  double dnaPerDirect() {
    return (1 - CANCELLED_SHARE) * dnaRate / directShare();
  }

  double nonDirectPerDirect() {
    return NON_DIRECT_SHARE / directShare();
  }

  double cancelledPerDirect() {
    return CANCELLED_SHARE / directShare();
  }

  /** Patients seen this month: direct contacts ÷ contacts per patient (each team gets one). */
  int patients() {
    long patients = Math.round(plannedContacts * directShare() / contactsPerPatient);
    return (int) Math.max(teams.size(), patients);
  }

  /**
   * Expected direct-care minutes (care-activity minutes, joint visits counted twice) per attended
   * direct contact; used only to size the pool of professionals before the contacts exist.
   */
  double expectedMinutesPerDirectContact() {
    double minutes = 0;
    double total = mechanismCumulative[mechanismCumulative.length - 1];
    double previous = 0;
    for (int m = 0; m < mechanismCumulative.length; m++) {
      double share = (mechanismCumulative[m] - previous) / total;
      previous = mechanismCumulative[m];
      minutes += share * MechanismMix.RELATIVE_DURATION[m] * faceToFaceMinutes;
    }
    return minutes * (1 + jointVisitShare);
  }
}
