package org.mhcs.schema;

/**
 * A Delta table in the warehouse, addressed in SQL as {@code <layer>.<name>}. The tables the
 * pipeline derives are declared here once; bronze and silver tables of landing data are named from
 * their schema ({@code LandingTableSpec#warehouseName}).
 */
public record Table(Layer layer, String name) {
  public static final Table CONFORMED_CONTACTS = new Table(Layer.SILVER, "conformed_contacts");
  public static final Table CONFORMED_CAPACITY = new Table(Layer.SILVER, "conformed_capacity");
  public static final Table CONFORMED_WARDS = new Table(Layer.SILVER, "conformed_wards");
  public static final Table CONFORMED_SITES = new Table(Layer.SILVER, "conformed_sites");
  public static final Table CONFORMED_REFERRALS = new Table(Layer.SILVER, "conformed_referrals");
  public static final Table CONFORMED_PURCHASES = new Table(Layer.SILVER, "conformed_purchases");
  public static final Table ORG_HIERARCHY = new Table(Layer.SILVER, "org_hierarchy");
  public static final Table METRIC_VALUE = new Table(Layer.GOLD, "metric_value");
  public static final Table BENCHMARK = new Table(Layer.GOLD, "benchmark");
  public static final Table OPPORTUNITY = new Table(Layer.GOLD, "opportunity");
  public static final Table ORG_POSITION = new Table(Layer.GOLD, "org_position");
  public static final Table PEER = new Table(Layer.GOLD, "peer");
  public static final Table OPPORTUNITY_NATIONAL = new Table(Layer.GOLD, "opportunity_national");
  public static final Table OPPORTUNITY_FAMILY = new Table(Layer.GOLD, "opportunity_family");
  public static final Table METRIC_BASIS = new Table(Layer.GOLD, "metric_basis");
  public static final Table SYSTEM_VALUE = new Table(Layer.GOLD, "system_value");
  public static final Table SYSTEM_BENCHMARK = new Table(Layer.GOLD, "system_benchmark");
  public static final Table ORG_SYSTEM_POSITION = new Table(Layer.GOLD, "org_system_position");
  public static final Table SYSTEM_OPPORTUNITY = new Table(Layer.GOLD, "system_opportunity");
  public static final Table METRIC_TREND = new Table(Layer.GOLD, "metric_trend");
  public static final Table DIM_ORGANISATION = new Table(Layer.GOLD, "dim_organisation");
  public static final Table DIM_METRIC = new Table(Layer.GOLD, "dim_metric");
  public static final Table DIM_SERVICE_LINE = new Table(Layer.GOLD, "dim_service_line");
  public static final Table DIM_PERIOD = new Table(Layer.GOLD, "dim_period");

  /**
   * The gold dimensions: names for the codes of the facts, each a small table rewritten whole (not
   * partitioned by period) when its rows change.
   */
  public static final java.util.List<Table> DIMENSIONS =
      java.util.List.of(DIM_ORGANISATION, DIM_METRIC, DIM_SERVICE_LINE, DIM_PERIOD);

  public static final Table RUN_LOG = new Table(Layer.OPS, "run_log");
  public static final Table QUARANTINE = new Table(Layer.OPS, "quarantine");
  public static final Table QUARANTINED_FIELDS = new Table(Layer.OPS, "quarantined_fields");
  public static final Table UNMAPPED_CODES = new Table(Layer.OPS, "unmapped_codes");
  public static final Table LOADED_FILES = new Table(Layer.OPS, "loaded_files");
  public static final Table DATA_QUALITY = new Table(Layer.OPS, "data_quality");

  public static Table bronze(String name) {
    return new Table(Layer.BRONZE, name);
  }

  public static Table silver(String name) {
    return new Table(Layer.SILVER, name);
  }

  /** {@code layer.name}, as SQL addresses it. */
  public String qualifiedName() {
    return layer.database() + "." + name;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
