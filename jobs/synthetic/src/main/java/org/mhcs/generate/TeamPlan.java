package org.mhcs.generate;

/**
 * A team within a trust's service: its local id ({@code TeamID_Local} / {@code
 * CareProfTeamLocalId}, unique within the trust and always of one team type), its share of the
 * service's patients and its ESR cost centre.
 */
record TeamPlan(String id, String teamType, double weight, String costCentre) {}
