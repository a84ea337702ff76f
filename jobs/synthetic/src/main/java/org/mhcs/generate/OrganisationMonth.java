package org.mhcs.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one trust's month of every monthly table, in the order the tables depend on each other:
 * its CSDS and MHSDS activity (patients, referrals, contacts, activities, staff details), its wards
 * (spells, ward stays, staffing days), the master patient index of everyone those named, its ESR
 * workforce (sized to the activity; ward staff to the wards), its e-roster periods (from the ward
 * staff) and its purchase orders.
 */
final class OrganisationMonth {
  private OrganisationMonth() {}

  static void write(OrganisationPlan plan, ReportingMonth month, ChunkOutput out, long seed) {
    Organisation org = plan.organisation();
    out.beginOrganisation(org);
    Map<PatientDataSet, PatientRegister> patients = new EnumMap<>(PatientDataSet.class);
    List<TeamWorkload> workloads = new ArrayList<>();
    for (PatientDataSet dataset : PatientDataSet.values()) {
      if (plan.submits(dataset)) {
        PatientRegister register = new PatientRegister(org.code() + dataset.letter());
        patients.put(dataset, register);
        workloads.addAll(
            new CareContactSimulation(plan, dataset, month, out, register, seed).run());
      }
    }
    if (!plan.wards().isEmpty()) {
      new InpatientSimulation(plan, month, out, patients.get(PatientDataSet.MHSDS), seed).run();
    }
    patients.forEach(
        (dataset, register) -> new PatientIndex(plan, dataset, month, out, seed).write(register));
    long[] wardWte = new WorkforceSimulation(plan, month, out, seed).run(workloads);
    new RosterPeriods(plan, month, out, seed).write(wardWte);
    new PurchaseOrders(plan, month, out, seed).write();
  }
}
