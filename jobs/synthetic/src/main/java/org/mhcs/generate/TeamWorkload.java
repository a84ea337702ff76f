package org.mhcs.generate;

/**
 * What one team did in the month, as the workforce side needs it: the attended direct-care minutes
 * the pipeline will count for it (care-activity minutes, else contact minutes) and the
 * professionals who recorded its activities.
 */
final class TeamWorkload {
  private final TeamPlan team;
  private final ServiceLinePlan service;
  private final String[] professionalIds;
  private final StaffRole[] professionalRoles;
  private long directMinutes;

  TeamWorkload(
      TeamPlan team, ServiceLinePlan service, String[] professionalIds, StaffRole[] roles) {
    this.team = team;
    this.service = service;
    this.professionalIds = professionalIds;
    this.professionalRoles = roles;
  }

  TeamPlan team() {
    return team;
  }

  ServiceLinePlan service() {
    return service;
  }

  int professionals() {
    return professionalIds.length;
  }

  String professionalId(int index) {
    return professionalIds[index];
  }

  StaffRole professionalRole(int index) {
    return professionalRoles[index];
  }

  long directMinutes() {
    return directMinutes;
  }

  void addDirectMinutes(long minutes) {
    directMinutes += minutes;
  }
}
