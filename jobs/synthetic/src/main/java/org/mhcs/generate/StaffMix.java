package org.mhcs.generate;

/** The roles a team is made of, each with its share of the team's headcount. */
final class StaffMix {
  /** One role's share of a team. */
  record Share(StaffRole role, double weight) {}

  private final StaffRole[] roles;
  private final double[] cumulative;

  private StaffMix(Share[] shares) {
    this.roles = new StaffRole[shares.length];
    double[] weights = new double[shares.length];
    for (int i = 0; i < shares.length; i++) {
      roles[i] = shares[i].role();
      weights[i] = shares[i].weight();
    }
    this.cumulative = RandomDraws.cumulative(weights);
  }

  static StaffMix of(Share... shares) {
    return new StaffMix(shares);
  }

  static Share share(StaffRole role, double weight) {
    return new Share(role, weight);
  }

  StaffRole pick(RandomDraws random) {
    return roles[random.pick(cumulative)];
  }
}
