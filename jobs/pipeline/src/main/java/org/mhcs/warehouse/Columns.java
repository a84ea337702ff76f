package org.mhcs.warehouse;

/**
 * Column names of the tables the pipeline derives (conformed silver and gold), declared once.
 * Landing columns keep the data sets' own names, declared in {@code schemas/}.
 */
public final class Columns {
  // Shared grain
  public static final String PERIOD = "period";
  public static final String ORG_CODE = "org_code";
  public static final String SERVICE_LINE = "service_line";
  public static final String DATASET = "dataset";

  // Every conformed row: how its code was mapped (conform.CodeSystem, conform.ServiceLines)
  public static final String PROCUREMENT_CATEGORY = "procurement_category";
  public static final String MAPPING_STATUS = "mapping_status";
  public static final String MAPPING_VERSION = "mapping_version";
  public static final String MAPPED_BY = "mapped_by";

  // silver.conformed_contacts
  public static final String CONTACT_ID = "contact_id";
  public static final String REFERRAL_ID = "referral_id";
  public static final String RECEIVED_DATE = "received_date";
  public static final String DISCHARGED_DATE = "discharged_date";
  public static final String TEAM_ID = "team_id";
  public static final String CODE_SYSTEM = "code_system";
  public static final String TEAM_TYPE = "team_type";
  public static final String PATIENT_ID = "patient_id";
  public static final String CONTACT_DATE = "contact_date";
  public static final String CONTACT_MINUTES = "contact_minutes";
  public static final String ACTIVITY_MINUTES = "activity_minutes";
  public static final String MECHANISM = "mechanism";
  public static final String ATTENDANCE = "attendance";
  public static final String ATTENDED = "attended";
  public static final String DNA = "did_not_attend";
  public static final String DIRECT_CARE = "direct_care";
  public static final String FACE_TO_FACE = "face_to_face";

  // silver.conformed_capacity
  public static final String ASSIGNMENT = "assignment_number";
  public static final String STAFF_GROUP = "staff_group";
  public static final String AFC_BAND = "afc_band";
  public static final String CLINICAL = "clinical";
  public static final String CONTRACTED_WTE = "contracted_wte";
  public static final String WORKING_DAYS = "working_days";
  public static final String SICK_DAYS = "fte_days_sick";
  public static final String AVAILABLE_DAYS = "available_days";
  public static final String COST_CENTRE = "cost_centre";
  public static final String OCCUPATION_CODE = "occupation_code";

  // silver.conformed_wards
  public static final String WARD_CODE = "ward_code";
  public static final String BED_TYPE = "bed_type";
  public static final String WARD_STAYS = "ward_stays";
  public static final String STAFFING_DAYS = "staffing_days";

  // silver.conformed_sites
  public static final String SITE_CODE = "site_code";
  public static final String SITE_TYPE = "site_type";
  public static final String SITE_NAME = "site_name";
  public static final String FLOOR_AREA = "gross_internal_floor_area_m2";

  // silver.conformed_purchases
  public static final String PO_NUMBER = "po_number";
  public static final String PO_DATE = "po_date";
  public static final String NPC = "npc";
  public static final String CATEGORY = "category";
  public static final String QUANTITY = "quantity";
  public static final String UNIT_PRICE = "unit_price";
  public static final String LINE_TOTAL = "line_total";

  // ops.unmapped_codes
  public static final String CODE = "code";
  public static final String ROWS = "rows";
  public static final String N_ORGS = "n_orgs";
  public static final String ORGANISATIONS = "organisations";

  // gold.metric_value
  public static final String METRIC_ID = "metric_id";
  public static final String BREAKDOWN = "breakdown";
  public static final String NUMERATOR = "numerator";
  public static final String DENOMINATOR = "denominator";
  public static final String VALUE = "value";
  public static final String UNIT = "unit";
  public static final String FLAGS = "flags";

  // gold.benchmark
  public static final String PEER_GROUP = "peer_group";
  public static final String P10 = "p10";
  public static final String P25 = "p25";
  public static final String P50 = "p50";
  public static final String P75 = "p75";
  public static final String P90 = "p90";
  public static final String MEAN = "mean";
  public static final String MIN = "min";
  public static final String MAX = "max";

  // lineage of gold rows: the run, and the Delta versions of the tables it read
  public static final String RUN_ID = "run_id";
  public static final String INPUT_VERSIONS = "input_versions";

  // gold.org_position
  public static final String PERCENTILE_RANK = "percentile_rank";
  public static final String QUARTILE = "quartile";
  public static final String NATIONAL_P50 = "national_p50";
  public static final String FUNNEL_TYPE = "funnel_type";
  public static final String FUNNEL_TARGET = "funnel_target";
  public static final String FUNNEL_LOWER_95 = "funnel_lower_95";
  public static final String FUNNEL_UPPER_95 = "funnel_upper_95";
  public static final String FUNNEL_LOWER_998 = "funnel_lower_998";
  public static final String FUNNEL_UPPER_998 = "funnel_upper_998";
  public static final String FUNNEL_FLAG_95 = "funnel_flag_95";
  public static final String FUNNEL_FLAG_998 = "funnel_flag_998";
  public static final String FUNNEL_ADJUSTED = "funnel_adjusted";
  public static final String FUNNEL_PHI = "funnel_phi";
  public static final String FUNNEL_TAU2 = "funnel_tau2";
  public static final String PEER_N_ORGS = "peer_n_orgs";
  public static final String PEER_P50 = "peer_p50";

  // gold.peer
  public static final String PEER_ORG_CODE = "peer_org_code";
  public static final String PEER_RANK = "peer_rank";
  public static final String DISTANCE = "distance";

  // gold.opportunity
  public static final String TARGET_BASIS = "target_basis";
  public static final String TARGET_VALUE = "target_value";
  public static final String GAP = "gap";
  public static final String VOLUME = "volume";
  public static final String VOLUME_UNIT = "volume_unit";
  public static final String OPPORTUNITY_VALUE = "opportunity_value";
  public static final String OPPORTUNITY_UNIT = "opportunity_unit";
  public static final String TOTAL = "total";

  // silver.org_hierarchy
  public static final String ORG_NAME = "org_name";
  public static final String ORG_TYPE = "org_type";
  public static final String REGION = "region";
  public static final String ICB = "icb";
  public static final String OPEN_DATE = "open_date";
  public static final String CLOSE_DATE = "close_date";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";

  // gold.opportunity_family
  public static final String FAMILY = "family";
  public static final String METRICS = "metrics";

  // gold.dim_organisation, gold.dim_metric, gold.dim_service_line, gold.dim_period
  public static final String REGION_CODE = "region_code";
  public static final String REGION_NAME = "region_name";
  public static final String ICB_CODE = "icb_code";
  public static final String ICB_NAME = "icb_name";
  public static final String NAME_SOURCE = "name_source";
  public static final String NAME = "name";
  public static final String DIRECTION = "direction";
  public static final String GRAIN = "grain";
  public static final String DEFINITION = "definition";
  public static final String SECTOR = "sector";
  public static final String SETTING = "setting";
  public static final String DESCRIPTION = "description";
  public static final String MONTH_START = "month_start";
  public static final String FINANCIAL_YEAR = "financial_year";
  public static final String IS_FINANCIAL_YEAR = "is_financial_year";
  public static final String LABEL = "label";

  // gold.system_value, gold.system_benchmark, gold.org_system_position, gold.system_opportunity
  public static final String LEVEL = "level";
  public static final String SYSTEM_CODE = "system_code";
  public static final String N_MEMBERS = "n_members";
  public static final String N_SYSTEMS = "n_systems";
  public static final String REGION_N_ORGS = "region_n_orgs";
  public static final String REGION_RANK = "region_rank";
  public static final String REGION_P50 = "region_p50";
  public static final String ICB_N_ORGS = "icb_n_orgs";
  public static final String ICB_RANK = "icb_rank";
  public static final String ICB_P50 = "icb_p50";

  // gold.metric_trend
  public static final String ENTITY_CODE = "entity_code";
  public static final String PREVIOUS_PERIOD = "previous_period";
  public static final String PREVIOUS_VALUE = "previous_value";
  public static final String CHANGE = "change";
  public static final String CHANGE_P_VALUE = "change_p_value";
  public static final String CHANGE_SIGNIFICANT = "change_significant";
  public static final String YEAR_AGO_PERIOD = "year_ago_period";
  public static final String YEAR_AGO_VALUE = "year_ago_value";
  public static final String CHANGE_YEAR = "change_year";
  public static final String CHANGE_YEAR_P_VALUE = "change_year_p_value";
  public static final String CHANGE_YEAR_SIGNIFICANT = "change_year_significant";
  public static final String TEST = "test";
  public static final String NATIONAL_P25 = "national_p25";
  public static final String NATIONAL_P75 = "national_p75";
  public static final String BASIS_CHANGED = "basis_changed";
  public static final String BASIS_NOTE = "basis_note";

  /** The service line of metrics that have none, and the breakdown of metrics without one. */
  public static final String ALL = "ALL";

  private Columns() {}
}
