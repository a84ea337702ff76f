package org.mhcs.generate;

import java.util.List;

/**
 * Writes one trust's ESR month: staff in post (one row per assignment), sickness (one row per
 * assignment) and leavers, sized so that the pipeline's direct care time lands on the trust's
 * planned level, plus the substantive staff of its wards.
 *
 * <p>For each team the clinical assignments are added until their available days (contracted WTE ×
 * working days − FTE days sick × 5/7) reach the days the team's direct-care minutes need at the
 * planned level: minutes ÷ (450 × target). The last assignment's WTE is chosen to land close, so
 * the error is at most about a tenth of a WTE per team. Administrative and clerical assignments on
 * the same teams (which the pipeline must leave out) and a few corporate posts with no team follow.
 * Clinical staff are the team's care professionals where the team has enough, and carry their
 * clinical-system id when the trust's ESR holds it. Ward staff (nurses, support workers and a
 * therapist on each ward, with its {@code Ward_Code} and no team) come last, so they change none of
 * the rows before them.
 *
 * <p>The staff in post are everyone in post during the month; leavers are some of them, each
 * assignment leaving with the trust's monthly turnover (fixed-term ones more often), picked by
 * systematic sampling so the month's count is close to its expectation even in a small trust.
 */
final class WorkforceSimulation {
  /** A clinical day is 7.5 hours, as the pipeline counts it. */
  static final double CLINICAL_MINUTES_PER_DAY = 450;

  /** The mean of the contracted-WTE mix below, for estimating headcount from WTE. */
  static final double MEAN_WTE = 0.81;

  private static final int[] WTE_HUNDREDTHS = {100, 80, 60, 50, 40};
  private static final double[] WTE_MIX = RandomDraws.cumulative(0.5, 0.2, 0.12, 0.08, 0.1);
  private static final double SECOND_ASSIGNMENT_SHARE = 0.03;
  private static final double CORPORATE_SHARE = 0.04;
  private static final double PERMANENT_SHARE = 0.92;

  private static final StaffRole[] WARD_NURSES = {
    StaffRole.MENTAL_HEALTH_NURSE_B5,
    StaffRole.MENTAL_HEALTH_NURSE_B6,
    StaffRole.MENTAL_HEALTH_NURSE_B7
  };
  private static final double[] WARD_NURSE_MIX = RandomDraws.cumulative(0.6, 0.3, 0.1);
  private static final String NO_TEAM_COST_CENTRE = "90001";

  /** Fixed-term assignments end this many times as often as permanent ones. */
  private static final double FIXED_TERM_TURNOVER = 2.5;

  private static final String[] PERMANENT_LEAVING_REASONS = {
    "Voluntary Resignation - Work Life Balance",
    "Voluntary Resignation - Relocation",
    "Voluntary Resignation - Promotion",
    "Voluntary Resignation - Better Reward Package",
    "Retirement Age",
    "Flexi Retirement",
    "Dismissal - Capability",
    "Mutually Agreed Resignation - Local Scheme with Repayment"
  };
  private static final double[] PERMANENT_REASON_WEIGHTS =
      RandomDraws.cumulative(0.26, 0.18, 0.16, 0.08, 0.14, 0.08, 0.05, 0.05);

  /** Person numbers are unique within a trust; this many fit its block of numbers. */
  private static final int PEOPLE_PER_TRUST = 600_000;

  private final OrganisationPlan plan;
  private final ReportingMonth month;
  private final ChunkOutput out;
  private final RandomDraws random;
  private final RandomDraws leaving;
  private final String org;
  private int people;
  private int assignments;
  private double leaverCarry;

  /** A member of staff: a number unique in the trust, a role and (maybe) a clinical-system id. */
  private static final class Person {
    final int number;
    final StaffRole role;
    final String careProfessionalId;
    int assignments;

    Person(int number, StaffRole role, String careProfessionalId) {
      this.number = number;
      this.role = role;
      this.careProfessionalId = careProfessionalId;
    }
  }

  WorkforceSimulation(OrganisationPlan plan, ReportingMonth month, ChunkOutput out, long seed) {
    this.plan = plan;
    this.month = month;
    this.out = out;
    this.org = plan.organisation().code();
    this.random =
        RandomDraws.forStream(
            seed, RandomDraws.WORKFORCE, plan.organisation().index(), month.seedPart());
    this.leaving =
        RandomDraws.forStream(
            seed, RandomDraws.STAFF_TURNOVER, plan.organisation().index(), month.seedPart());
    this.leaverCarry = leaving.uniform();
  }

  /**
   * Writes the trust's assignments for its teams' workloads, then its corporate posts, then its
   * ward staff.
   *
   * @return each ward's contracted WTE in hundredths, in the order of {@link
   *     OrganisationPlan#wards()}
   */
  long[] run(List<TeamWorkload> workloads) {
    for (TeamWorkload team : workloads) {
      staffTeam(team);
    }
    long corporate = Math.max(1, Math.round(assignments * CORPORATE_SHARE));
    for (int i = 0; i < corporate; i++) {
      StaffRole role =
          random.chance(0.7) ? StaffRole.ADMINISTRATOR_B3 : StaffRole.ESTATES_OFFICER_B2;
      assign(
          newPerson(role, null),
          WTE_HUNDREDTHS[random.pick(WTE_MIX)],
          null,
          NO_TEAM_COST_CENTRE,
          null);
    }
    return staffWards();
  }

  /**
   * Each ward's substantive staff, to about the WTE its rosters need: registered nurses and support
   * workers in the ward's mix, and one therapist.
   */
  private long[] staffWards() {
    List<Ward> wards = plan.wards();
    long[] wte = new long[wards.size()];
    for (int w = 0; w < wards.size(); w++) {
      Ward ward = wards.get(w);
      BedType kind = ward.bedType();
      double nurseShare = kind.registeredNurseShare() / (1 - kind.alliedHealthShare());
      int therapist = WTE_HUNDREDTHS[random.pick(WTE_MIX)];
      assign(
          newPerson(StaffRole.OCCUPATIONAL_THERAPIST_B6, null),
          therapist,
          null,
          ward.costCentre(),
          ward.code());
      wte[w] = therapist;
      double remaining = ward.substantiveWte() - therapist / 100.0;
      while (remaining >= 0.2) {
        int contracted = chooseWte(remaining, false);
        StaffRole role =
            random.chance(nurseShare) ? WARD_NURSES[random.pick(WARD_NURSE_MIX)] : supportRole();
        assign(newPerson(role, null), contracted, null, ward.costCentre(), ward.code());
        wte[w] += contracted;
        remaining -= contracted / 100.0;
      }
    }
    return wte;
  }

  private StaffRole supportRole() {
    return random.chance(0.75) ? StaffRole.SUPPORT_WORKER_B3 : StaffRole.NURSING_ASSOCIATE_B4;
  }

  private void staffTeam(TeamWorkload team) {
    ServiceLinePlan service = team.service();
    double neededDays =
        team.directMinutes() / (CLINICAL_MINUTES_PER_DAY * service.directCareTarget());
    double daysPerWte =
        month.workingDays() - month.calendarDays() * plan.sicknessRate() * 5.0 / 7.0;
    double remaining = neededDays;
    int clinicians = 0;
    int teamAssignments = 0;
    long clinicalWte = 0;
    Person last = null;
    int lastWte = 0;
    while (teamAssignments == 0 || remaining > 0.2 * daysPerWte) {
      int wte = chooseWte(remaining / daysPerWte, teamAssignments == 0);
      if (wte == 0) {
        break;
      }
      Person person;
      if (last != null
          && last.assignments == 1
          && lastWte <= 60
          && random.chance(SECOND_ASSIGNMENT_SHARE)) {
        person = last; // a part-timer with a second post in the same team
      } else {
        boolean known = clinicians < team.professionals();
        StaffRole role =
            known ? team.professionalRole(clinicians) : service.profile().staffMix().pick(random);
        String id =
            known && plan.esrHoldsCareProfessionalIds() ? team.professionalId(clinicians) : null;
        person = newPerson(role, id);
        clinicians++;
      }
      long sick = assign(person, wte, team.team().id(), team.team().costCentre(), null);
      remaining -= wte / 100.0 * month.workingDays() - sick / 100.0 * 5.0 / 7.0;
      clinicalWte += wte;
      teamAssignments++;
      last = person;
      lastWte = wte;
    }
    long admin = Math.round(clinicalWte / 100.0 * random.uniform(0.06, 0.14) / MEAN_WTE);
    for (int i = 0; i < admin; i++) {
      StaffRole role =
          random.chance(0.6) ? StaffRole.ADMINISTRATOR_B3 : StaffRole.TEAM_SECRETARY_B4;
      assign(
          newPerson(role, null),
          WTE_HUNDREDTHS[random.pick(WTE_MIX)],
          team.team().id(),
          team.team().costCentre(),
          null);
    }
  }

  /**
   * Contracted WTE (hundredths) for the next assignment when {@code neededWte} is still to fill:
   * the usual mix while much is left, then the option nearest to what is left; 0 to stop.
   */
  private int chooseWte(double neededWte, boolean first) {
    if (neededWte >= 1.0) {
      return WTE_HUNDREDTHS[random.pick(WTE_MIX)];
    }
    if (neededWte < 0.2) {
      return first ? WTE_HUNDREDTHS[WTE_HUNDREDTHS.length - 1] : 0;
    }
    int best = WTE_HUNDREDTHS[0];
    for (int option : WTE_HUNDREDTHS) {
      if (Math.abs(option / 100.0 - neededWte) < Math.abs(best / 100.0 - neededWte)) {
        best = option;
      }
    }
    return best;
  }

  private Person newPerson(StaffRole role, String careProfessionalId) {
    if (people >= PEOPLE_PER_TRUST) {
      throw new IllegalStateException(
          org + " needs more than " + PEOPLE_PER_TRUST + " staff numbers: use a smaller scale");
    }
    return new Person(people++, role, careProfessionalId);
  }

  /**
   * Writes one assignment's staff-in-post and sickness rows, and its leaver row if it ends this
   * month. A broken staff-in-post row (when faults are injected) takes the other two with it; they
   * are still drawn, so the rows after are those of a clean run.
   *
   * @param teamId the team, or null for ward and corporate staff
   * @param wardCode the ward, or null for staff not on a ward
   * @return FTE days sick, in hundredths
   */
  private long assign(
      Person person, int wteHundredths, String teamId, String costCentre, String wardCode) {
    person.assignments++;
    assignments++;
    int orgIndex = plan.organisation().index();
    long uniqueId = 300_000_000L + orgIndex * 4_000_000L + person.number;
    String assignment =
        (10_000_000L + (long) orgIndex * PEOPLE_PER_TRUST + person.number)
            + "-"
            + person.assignments;
    StaffRole role = person.role;
    long payCost = role.monthlyPayCostPence(wteHundredths, random.uniform(0.96, 1.04));
    boolean permanent = random.chance(PERMANENT_SHARE);
    LandingRow inPost =
        out.breakableRow(LandingTable.ESR_STAFF_IN_POST)
            .text("Org_Code", org)
            .number("Unique_NHS_Identifier", uniqueId)
            .text("Assignment_Number", assignment)
            .text("CareProfLocalId", person.careProfessionalId)
            .text("Staff_Group", role.esrStaffGroup())
            .text("Occupation_Code", role.occupationCode())
            .text("AfC_Band", role.band())
            .hundredths("Contracted_WTE", wteHundredths)
            .text("Cost_Centre", costCentre)
            .text("Team_Local_Id", teamId)
            .text("Ward_Code", wardCode)
            .hundredths("Monthly_Pay_Cost", payCost)
            .text("Assignment_Category", permanent ? "Permanent" : "Fixed Term Temp");
    inPost.end();
    boolean written = !inPost.broken();

    long available = (long) wteHundredths * month.calendarDays();
    long sick = 0;
    if (random.chance(plan.sicknessPrevalence())) {
      double share =
          Math.min(0.95, plan.sicknessRate() / plan.sicknessPrevalence() * random.gammaMeanOne(2));
      sick = Math.round(available * share);
    }
    if (written) {
      out.breakableRow(LandingTable.ESR_SICKNESS)
          .text("Org_Code", org)
          .number("Unique_NHS_Identifier", uniqueId)
          .text("Assignment_Number", assignment)
          .text("Staff_Group", role.esrStaffGroup())
          .hundredths("FTE_Days_Sick", sick)
          .hundredths("FTE_Days_Available", available)
          .end();
    }

    double monthlyTurnover = plan.annualTurnover() / 12 * (permanent ? 1 : FIXED_TERM_TURNOVER);
    leaverCarry += monthlyTurnover;
    if (leaverCarry >= 1) {
      leaverCarry -= 1;
      int day = leaving.below(month.calendarDays());
      String reason =
          permanent
              ? PERMANENT_LEAVING_REASONS[leaving.pick(PERMANENT_REASON_WEIGHTS)]
              : "End of Fixed Term Contract";
      if (written) {
        out.breakableRow(LandingTable.ESR_LEAVERS)
            .text("Org_Code", org)
            .number("Unique_NHS_Identifier", uniqueId)
            .text("Assignment_Number", assignment)
            .text("Staff_Group", role.esrStaffGroup())
            .ascii("Leaving_Date", month.dayText(day))
            .text("Leaving_Reason", reason)
            .hundredths("Contracted_WTE", wteHundredths)
            .end();
      }
    }
    return sick;
  }
}
