package org.mhcs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.calendar.Period;
import org.mhcs.conform.ServiceLines;
import org.mhcs.dimensions.Names;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.opportunity.OpportunityTables;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * The gold rows one report shows, read once: every organisation's metric values, the national
 * distributions, positions and funnel limits, peers and opportunities of one month and its
 * financial year, with their ICB, region and trend rows ({@link SystemData}). Everything after
 * {@link #load} is plain Java, so pages can be built (and tested) without Spark.
 */
public final class ReportData {
  private final Period period;
  private final MetricCatalog catalog;
  private final Map<String, String> orgNames;
  private final Map<String, String> labels;
  private final List<Distribution> distributions;
  private final List<Peer> peers;
  private final List<OrgOpportunity> opportunities;
  private final List<FamilyTotal> familyTotals;
  private final SystemData systems;
  // Indexes, so that a page per organisation does not scan every row.
  private final Map<Slice, Map<String, Value>> valuesBySlice = new HashMap<>();
  private final Map<String, List<Value>> valuesByOrg = new HashMap<>();
  private final Map<Slice, Map<String, Position>> positionsBySlice = new HashMap<>();
  private final Map<Slice, Distribution> distributionBySlice = new HashMap<>();

  /**
   * @param orgNames organisation code → name as of the period ({@code gold.dim_organisation})
   * @param labels service-line and procurement-category id → name, in catalogue order
   */
  public ReportData(
      Period period,
      MetricCatalog catalog,
      Map<String, String> orgNames,
      Map<String, String> labels,
      List<Value> values,
      List<Distribution> distributions,
      List<Position> positions,
      List<Peer> peers,
      List<OrgOpportunity> opportunities,
      List<FamilyTotal> familyTotals) {
    this(
        period,
        catalog,
        orgNames,
        labels,
        values,
        distributions,
        positions,
        peers,
        opportunities,
        familyTotals,
        SystemData.none());
  }

  /** With the ICB, region and trend rows of {@code systems}. */
  public ReportData(
      Period period,
      MetricCatalog catalog,
      Map<String, String> orgNames,
      Map<String, String> labels,
      List<Value> values,
      List<Distribution> distributions,
      List<Position> positions,
      List<Peer> peers,
      List<OrgOpportunity> opportunities,
      List<FamilyTotal> familyTotals,
      SystemData systems) {
    this.systems = systems;
    this.period = period;
    this.catalog = catalog;
    this.orgNames = Map.copyOf(orgNames);
    this.labels = new LinkedHashMap<>(labels);
    this.labels.putIfAbsent(Columns.ALL, "all");
    this.distributions = List.copyOf(distributions);
    this.peers = List.copyOf(peers);
    this.opportunities = List.copyOf(opportunities);
    this.familyTotals = List.copyOf(familyTotals);
    for (Value v : values) {
      valuesBySlice.computeIfAbsent(v.slice(), k -> new TreeMap<>()).put(v.orgCode(), v);
      valuesByOrg.computeIfAbsent(v.orgCode(), k -> new ArrayList<>()).add(v);
    }
    for (Position p : positions) {
      positionsBySlice.computeIfAbsent(p.slice(), k -> new TreeMap<>()).put(p.orgCode(), p);
    }
    for (Distribution d : distributions) {
      distributionBySlice.put(d.slice(), d);
    }
  }

  public Period period() {
    return period;
  }

  public MetricCatalog catalog() {
    return catalog;
  }

  /** The ICB and region figures and the trends; none for a warehouse from before them. */
  public SystemData systems() {
    return systems;
  }

  /** The national opportunity totals per family, period and unit. */
  public List<FamilyTotal> familyTotals() {
    return familyTotals;
  }

  /** What one distribution is of: metric × period × service line × breakdown. */
  public record Slice(String metricId, String period, String serviceLine, String breakdown) {
    /** The slice a gold row is of, from its metric, period, service line and breakdown columns. */
    static Slice of(Row r) {
      return new Slice(
          r.getAs(Columns.METRIC_ID),
          r.getAs(Columns.PERIOD),
          r.getAs(Columns.SERVICE_LINE),
          r.getAs(Columns.BREAKDOWN));
    }

    public boolean hasBreakdown() {
      return !Columns.ALL.equals(breakdown);
    }
  }

  /** One {@code gold.metric_value} row; numerator and denominator are never shown unsuppressed. */
  public record Value(
      Slice slice,
      String orgCode,
      Double numerator,
      Double denominator,
      Double value,
      String flags) {
    /** Whether it is in the national distribution (what the charts draw). */
    public boolean benchmarked() {
      return flags == null && value != null;
    }
  }

  /** One national {@code gold.benchmark} row. */
  public record Distribution(
      Slice slice, long nOrgs, double p10, double p25, double p50, double p75, double p90) {}

  /** One {@code gold.org_position} row; the funnel fields are null where the metric has none. */
  public record Position(
      Slice slice,
      String orgCode,
      Double percentileRank,
      Integer quartile,
      Double nationalP50,
      String funnelType,
      Double funnelTarget,
      Double lower95,
      Double upper95,
      Double lower998,
      Double upper998,
      String flag95,
      String flag998,
      Boolean funnelAdjusted,
      Double funnelPhi,
      Double funnelTau2,
      Long peerNOrgs,
      Double peerP50) {}

  /** One {@code gold.peer} row. */
  public record Peer(String orgCode, int rank, String peerOrgCode, double distance) {}

  /** One {@code gold.opportunity} row against its metric's default target. */
  public record OrgOpportunity(
      Slice slice, String orgCode, String targetBasis, double opportunityValue, String unit) {}

  /** One {@code gold.opportunity_family} row: a national total. */
  public record FamilyTotal(
      String family, String period, String unit, String metrics, long nOrgs, double total) {}

  /**
   * Reads the report's rows for {@code period} and its financial year. Collects aggregated gold
   * rows only (one per metric × organisation × service line × breakdown at most), never silver or
   * bronze row-level data; organisation names come from {@code gold.dim_organisation} when it
   * exists.
   */
  public static ReportData load(
      Warehouse warehouse, MetricCatalog catalog, ServiceLines serviceLines, Period period) {
    String periods = period.predicateWithYear(Columns.PERIOD);
    warehouse
        .spark()
        .sparkContext()
        .setJobDescription(
            "report: read gold rows of " + period + " and " + period.financialYear());
    List<Value> values = new ArrayList<>();
    for (Row r : warehouse.read(Table.METRIC_VALUE).where(periods).collectAsList()) {
      values.add(
          new Value(
              Slice.of(r),
              r.getAs(Columns.ORG_CODE),
              r.getAs(Columns.NUMERATOR),
              r.getAs(Columns.DENOMINATOR),
              r.getAs(Columns.VALUE),
              r.getAs(Columns.FLAGS)));
    }
    List<Distribution> distributions = new ArrayList<>();
    for (Row r :
        NationalBenchmark.nationalOf(warehouse.read(Table.BENCHMARK).where(periods))
            .collectAsList()) {
      distributions.add(
          new Distribution(
              Slice.of(r),
              r.getAs(Columns.N_ORGS),
              r.getAs(Columns.P10),
              r.getAs(Columns.P25),
              r.getAs(Columns.P50),
              r.getAs(Columns.P75),
              r.getAs(Columns.P90)));
    }
    List<Position> positions = new ArrayList<>();
    for (Row r : warehouse.read(Table.ORG_POSITION).where(periods).collectAsList()) {
      positions.add(
          new Position(
              Slice.of(r),
              r.getAs(Columns.ORG_CODE),
              r.getAs(Columns.PERCENTILE_RANK),
              r.getAs(Columns.QUARTILE),
              r.getAs(Columns.NATIONAL_P50),
              r.getAs(Columns.FUNNEL_TYPE),
              r.getAs(Columns.FUNNEL_TARGET),
              r.getAs(Columns.FUNNEL_LOWER_95),
              r.getAs(Columns.FUNNEL_UPPER_95),
              r.getAs(Columns.FUNNEL_LOWER_998),
              r.getAs(Columns.FUNNEL_UPPER_998),
              r.getAs(Columns.FUNNEL_FLAG_95),
              r.getAs(Columns.FUNNEL_FLAG_998),
              r.getAs(Columns.FUNNEL_ADJUSTED),
              r.getAs(Columns.FUNNEL_PHI),
              r.getAs(Columns.FUNNEL_TAU2),
              r.getAs(Columns.PEER_N_ORGS),
              r.getAs(Columns.PEER_P50)));
    }
    List<Peer> peers = new ArrayList<>();
    if (warehouse.exists(Table.PEER)) {
      for (Row r :
          warehouse.read(Table.PEER).where(period.predicate(Columns.PERIOD)).collectAsList()) {
        peers.add(
            new Peer(
                r.getAs(Columns.ORG_CODE),
                r.<Integer>getAs(Columns.PEER_RANK),
                r.getAs(Columns.PEER_ORG_CODE),
                r.<Double>getAs(Columns.DISTANCE)));
      }
    }
    List<OrgOpportunity> opportunities = new ArrayList<>();
    List<FamilyTotal> familyTotals = new ArrayList<>();
    if (warehouse.exists(Table.OPPORTUNITY)) {
      Dataset<Row> rows =
          warehouse
              .read(Table.OPPORTUNITY)
              .where(periods)
              .where(OpportunityTables.atDefaultTarget(catalog));
      for (Row r : rows.collectAsList()) {
        opportunities.add(
            new OrgOpportunity(
                Slice.of(r),
                r.getAs(Columns.ORG_CODE),
                r.getAs(Columns.TARGET_BASIS),
                r.<Double>getAs(Columns.OPPORTUNITY_VALUE),
                r.getAs(Columns.OPPORTUNITY_UNIT)));
      }
    }
    if (warehouse.exists(Table.OPPORTUNITY_FAMILY)) {
      for (Row r : warehouse.read(Table.OPPORTUNITY_FAMILY).where(periods).collectAsList()) {
        familyTotals.add(
            new FamilyTotal(
                r.getAs(Columns.FAMILY),
                r.getAs(Columns.PERIOD),
                r.getAs(Columns.OPPORTUNITY_UNIT),
                r.getAs(Columns.METRICS),
                r.<Long>getAs(Columns.N_ORGS),
                r.<Double>getAs(Columns.TOTAL)));
      }
    }
    Names names = Names.of(warehouse, period.firstDay());
    return new ReportData(
        period,
        catalog,
        names.organisations(),
        labels(serviceLines),
        values,
        distributions,
        positions,
        peers,
        opportunities,
        familyTotals,
        SystemData.load(
            warehouse,
            period,
            names,
            values.stream().map(Value::orgCode).collect(Collectors.toSet())));
  }

  /** Service-line names in catalogue order, then procurement-category names. */
  public static Map<String, String> labels(ServiceLines serviceLines) {
    Map<String, String> labels = new LinkedHashMap<>(serviceLines.names());
    labels.putAll(serviceLines.categories());
    return labels;
  }

  /**
   * Organisation names as of the report's period: {@code gold.dim_organisation}'s row in force on
   * its first day, else the organisation's latest name (a name, unlike an ICB, is no grouping), as
   * every command prints them ({@link Names}).
   */
  static Map<String, String> orgNames(Warehouse warehouse, Period period) {
    return Names.of(warehouse, period.firstDay()).organisations();
  }

  /** Every organisation with a metric value, sorted by code. */
  public List<String> organisations() {
    return List.copyOf(new TreeSet<>(valuesByOrg.keySet()));
  }

  /** The organisation's name, or its code when the reference table has none. */
  public String orgName(String org) {
    return orgNames.getOrDefault(org, org);
  }

  /** A service line's or breakdown's readable name, or the id itself. */
  public String label(String id) {
    return labels.getOrDefault(id, id);
  }

  /**
   * The metric's national distributions in display order: by period, then service line ALL first
   * and the others in catalogue order, then breakdown.
   */
  public List<Distribution> distributionsOf(String metricId) {
    List<String> order = new ArrayList<>(labels.keySet());
    Comparator<String> line =
        Comparator.comparing(
                (String s) ->
                    Columns.ALL.equals(s)
                        ? -1
                        : order.contains(s) ? order.indexOf(s) : order.size())
            .thenComparing(Comparator.naturalOrder());
    return distributions.stream()
        .filter(d -> d.slice().metricId().equals(metricId))
        .sorted(
            Comparator.comparing((Distribution d) -> d.slice().period())
                .thenComparing(d -> d.slice().serviceLine(), line)
                .thenComparing(d -> d.slice().breakdown()))
        .toList();
  }

  public Optional<Distribution> distribution(Slice slice) {
    return Optional.ofNullable(distributionBySlice.get(slice));
  }

  /** Every organisation's value in one slice (benchmarked or not), by organisation code. */
  public Map<String, Value> valuesIn(Slice slice) {
    return valuesBySlice.getOrDefault(slice, Map.of());
  }

  /** Every organisation's position in one slice, by organisation code. */
  public Map<String, Position> positionsIn(Slice slice) {
    return positionsBySlice.getOrDefault(slice, Map.of());
  }

  public Optional<Position> position(Slice slice, String org) {
    return Optional.ofNullable(positionsIn(slice).get(org));
  }

  /** One organisation's values: metrics in catalogue order, then service line and breakdown. */
  public List<Value> valuesOf(String org) {
    List<String> metricOrder = catalog.all().stream().map(Metric::id).toList();
    return valuesByOrg.getOrDefault(org, List.of()).stream()
        .sorted(
            Comparator.comparing((Value v) -> metricOrder.indexOf(v.slice().metricId()))
                .thenComparing(v -> v.slice().period())
                .thenComparing(v -> v.slice().serviceLine())
                .thenComparing(v -> v.slice().breakdown()))
        .toList();
  }

  /** The organisation's nearest peers, nearest first. */
  public List<Peer> peersOf(String org) {
    return peers.stream()
        .filter(p -> p.orgCode().equals(org))
        .sorted(Comparator.comparingInt(Peer::rank))
        .toList();
  }

  /** The organisation's opportunities against each metric's default target. */
  public List<OrgOpportunity> opportunitiesOf(String org) {
    return opportunities.stream().filter(o -> o.orgCode().equals(org)).toList();
  }
}
