package org.mhcs.conform;

import org.mhcs.warehouse.Columns;

/**
 * A source's local or national codes that are mapped to the national sets, each by its own file in
 * {@code conf/service_line_maps/}. A file's rows may name an {@code org_code} (a code local to one
 * organisation, such as a cost centre or ward) or leave it blank (the code means the same
 * everywhere); an organisation's own row wins over the national one.
 *
 * @param id how {@code ops.unmapped_codes} and the conformed tables name the code system
 * @param file the mapping file in {@code conf/service_line_maps/}
 * @param target the column the mapping fills: {@code service_line} or {@code procurement_category}
 * @param codeList the national code list every code of which must be mapped or excluded (null when
 *     the codes are local or free text)
 */
public enum CodeSystem {
  MHSDS_TEAM_TYPE(
      "MHSDS.ServTeamTypeRefToMH",
      "mhsds_team_type.csv",
      Columns.SERVICE_LINE,
      "serv_team_type_ref_to_mh"),
  MHSDS_BED_TYPE(
      "MHSDS.HospitalBedTypeMH",
      "mhsds_bed_type.csv",
      Columns.SERVICE_LINE,
      "hospital_bed_type_mh"),
  CSDS_TEAM_TYPE("CSDS.TeamType", "csds_team_type.csv", Columns.SERVICE_LINE, "csds_team_type"),
  ESR_COST_CENTRE("ESR.Cost_Centre", "esr_cost_centre.csv", Columns.SERVICE_LINE, null),
  ESR_OCCUPATION("ESR.Occupation_Code", "esr_occupation_code.csv", Columns.SERVICE_LINE, null),
  STAFFING_WARD("Staffing.Ward_Code", "staffing_ward.csv", Columns.SERVICE_LINE, null),
  ERIC_SITE_TYPE("ERIC.Site_Type", "eric_site_type.csv", Columns.SERVICE_LINE, "eric_site_type"),
  PPIB_CATEGORY("PPIB.Category", "ppib_category.csv", Columns.PROCUREMENT_CATEGORY, null);

  /** The folder of mapping files under {@code conf/}. */
  public static final String FOLDER = "service_line_maps";

  private final String id;
  private final String file;
  private final String target;
  private final String codeList;

  CodeSystem(String id, String file, String target, String codeList) {
    this.id = id;
    this.file = file;
    this.target = target;
    this.codeList = codeList;
  }

  public String id() {
    return id;
  }

  /** The mapping file relative to {@code conf/}. */
  public String path() {
    return FOLDER + "/" + file;
  }

  public String file() {
    return file;
  }

  public String target() {
    return target;
  }

  public String codeList() {
    return codeList;
  }
}
