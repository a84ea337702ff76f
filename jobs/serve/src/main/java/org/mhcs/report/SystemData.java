package org.mhcs.report;

import static org.apache.spark.sql.functions.col;
import static org.mhcs.systems.SystemMembership.ICB;
import static org.mhcs.systems.SystemMembership.NATIONAL;
import static org.mhcs.systems.SystemMembership.ORGANISATION;
import static org.mhcs.systems.SystemMembership.REGION;
import static org.mhcs.systems.SystemMembership.UNKNOWN;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.dimensions.Names;
import org.mhcs.dimensions.Names.Membership;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * The system and trend rows one report shows, read once: ICB and region figures of the report's
 * month and financial year ({@code gold.system_value}, {@code system_benchmark}, {@code
 * org_system_position}, {@code system_opportunity}), where each organisation sat that month, and
 * every period up to the report's of {@code gold.metric_trend} (breakdown {@code ALL}; organisation
 * and national rows). A warehouse written before these tables existed gives none: the pages then
 * leave systems and trends out.
 */
public final class SystemData {
  private final Map<String, Membership> memberships;
  private final Map<String, String> systemNames;
  private final List<SystemOpportunity> opportunities;
  private final Map<List<String>, List<SystemValue>> valuesBySystem = new HashMap<>();
  private final Map<List<Object>, SystemValue> valueAt = new HashMap<>();
  private final Map<List<Object>, SystemDistribution> distributionAt = new HashMap<>();
  private final Map<List<Object>, List<MemberPosition>> membersAt = new HashMap<>();
  private final Map<List<String>, List<TrendPoint>> trends = new HashMap<>();
  // metric and service line → the national percentiles per period, oldest first.
  private final Map<List<String>, List<TrendPoint>> nationalTrends = new HashMap<>();

  /** One {@code gold.system_value} row. */
  public record SystemValue(
      Slice slice,
      String level,
      String systemCode,
      long nMembers,
      Double numerator,
      Double denominator,
      Double value,
      String flags,
      Double percentileRank,
      Integer quartile) {}

  /** One {@code gold.system_benchmark} row: the distribution of one level's systems. */
  public record SystemDistribution(
      Slice slice,
      String level,
      long nSystems,
      Double p25,
      Double p50,
      Double p75,
      Double min,
      Double max) {}

  /** One {@code gold.org_system_position} row: a benchmarked organisation within its systems. */
  public record MemberPosition(
      Slice slice,
      String orgCode,
      Double value,
      String regionCode,
      long regionOrgs,
      Integer regionRank,
      Double regionP50,
      String icbCode,
      long icbOrgs,
      Integer icbRank,
      Double icbP50) {
    String system(String level) {
      return ICB.equals(level) ? icbCode : regionCode;
    }

    Integer rank(String level) {
      return ICB.equals(level) ? icbRank : regionRank;
    }

    long members(String level) {
      return ICB.equals(level) ? icbOrgs : regionOrgs;
    }

    Double median(String level) {
      return ICB.equals(level) ? icbP50 : regionP50;
    }
  }

  /** One {@code gold.system_opportunity} row. */
  public record SystemOpportunity(
      String level,
      String systemCode,
      String family,
      String period,
      String unit,
      String metrics,
      long nOrgs,
      double total) {}

  /**
   * One {@code gold.metric_trend} row ({@code slice} holds its period); national percentiles are of
   * the organisations' distribution that period.
   */
  public record TrendPoint(
      String level,
      String entityCode,
      Slice slice,
      Double value,
      String previousPeriod,
      Double change,
      Double changePValue,
      Boolean changeSignificant,
      String yearAgoPeriod,
      Double changeYear,
      Double changeYearPValue,
      Boolean changeYearSignificant,
      Double nationalP25,
      Double nationalP50,
      Double nationalP75,
      boolean basisChanged,
      String basisNote) {}

  /**
   * @param memberships organisation → its region and ICB on the report month's first day
   * @param systemNames ICB or region code → name
   */
  public SystemData(
      Map<String, Membership> memberships,
      Map<String, String> systemNames,
      List<SystemValue> values,
      List<SystemDistribution> distributions,
      List<MemberPosition> members,
      List<SystemOpportunity> opportunities,
      List<TrendPoint> trend) {
    this.memberships = Map.copyOf(memberships);
    this.systemNames = Map.copyOf(systemNames);
    this.opportunities = List.copyOf(opportunities);
    for (SystemValue v : values) {
      valuesBySystem
          .computeIfAbsent(List.of(v.level(), v.systemCode()), k -> new ArrayList<>())
          .add(v);
      valueAt.put(List.of(v.level(), v.systemCode(), v.slice()), v);
    }
    for (SystemDistribution d : distributions) {
      distributionAt.put(List.of(d.level(), d.slice()), d);
    }
    for (MemberPosition m : members) {
      for (String level : List.of(ICB, REGION)) {
        if (m.system(level) != null) {
          membersAt
              .computeIfAbsent(List.of(level, m.system(level), m.slice()), k -> new ArrayList<>())
              .add(m);
        }
      }
    }
    for (TrendPoint t : trend) {
      trends
          .computeIfAbsent(
              List.of(t.level(), t.entityCode(), t.slice().metricId(), t.slice().serviceLine()),
              k -> new ArrayList<>())
          .add(t);
    }
    trends.values().forEach(l -> l.sort(Comparator.comparing(t -> t.slice().period())));
    Map<List<String>, Map<String, TrendPoint>> national = new HashMap<>();
    for (TrendPoint t : trend) {
      if (t.nationalP50() == null) {
        continue;
      }
      Map<String, TrendPoint> byPeriod =
          national.computeIfAbsent(
              List.of(t.slice().metricId(), t.slice().serviceLine()), k -> new TreeMap<>());
      // The national row where there is one, else any organisation's row of that period.
      if (NATIONAL.equals(t.level()) || !byPeriod.containsKey(t.slice().period())) {
        byPeriod.put(t.slice().period(), t);
      }
    }
    national.forEach((k, v) -> nationalTrends.put(k, List.copyOf(v.values())));
  }

  /** No systems and no trends: a warehouse from before issue 24. */
  public static SystemData none() {
    return new SystemData(
        Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Reads the system rows of {@code period} and its financial year, and the trend rows of every
   * period up to them; each table that does not exist yet gives no rows; {@code organisations}
   * (those with a value in the report) get their membership from {@code names}. Collects aggregated
   * gold rows only.
   */
  public static SystemData load(
      Warehouse warehouse, Period period, Names names, Collection<String> organisations) {
    String periods = period.predicateWithYear(Columns.PERIOD);
    List<SystemValue> values = new ArrayList<>();
    if (warehouse.exists(Table.SYSTEM_VALUE)) {
      for (Row r :
          warehouse
              .read(Table.SYSTEM_VALUE)
              .where(periods)
              .where(col(Columns.LEVEL).isin(ICB, REGION))
              .collectAsList()) {
        values.add(
            new SystemValue(
                Slice.of(r),
                r.getAs(Columns.LEVEL),
                r.getAs(Columns.SYSTEM_CODE),
                r.<Long>getAs(Columns.N_MEMBERS),
                r.getAs(Columns.NUMERATOR),
                r.getAs(Columns.DENOMINATOR),
                r.getAs(Columns.VALUE),
                r.getAs(Columns.FLAGS),
                r.getAs(Columns.PERCENTILE_RANK),
                r.getAs(Columns.QUARTILE)));
      }
    }
    List<SystemDistribution> distributions = new ArrayList<>();
    if (warehouse.exists(Table.SYSTEM_BENCHMARK)) {
      for (Row r : warehouse.read(Table.SYSTEM_BENCHMARK).where(periods).collectAsList()) {
        distributions.add(
            new SystemDistribution(
                Slice.of(r),
                r.getAs(Columns.LEVEL),
                r.<Long>getAs(Columns.N_SYSTEMS),
                r.getAs(Columns.P25),
                r.getAs(Columns.P50),
                r.getAs(Columns.P75),
                r.getAs(Columns.MIN),
                r.getAs(Columns.MAX)));
      }
    }
    List<MemberPosition> members = new ArrayList<>();
    if (warehouse.exists(Table.ORG_SYSTEM_POSITION)) {
      for (Row r : warehouse.read(Table.ORG_SYSTEM_POSITION).where(periods).collectAsList()) {
        members.add(
            new MemberPosition(
                Slice.of(r),
                r.getAs(Columns.ORG_CODE),
                r.getAs(Columns.VALUE),
                r.getAs(Columns.REGION_CODE),
                count(r, Columns.REGION_N_ORGS),
                r.getAs(Columns.REGION_RANK),
                r.getAs(Columns.REGION_P50),
                r.getAs(Columns.ICB_CODE),
                count(r, Columns.ICB_N_ORGS),
                r.getAs(Columns.ICB_RANK),
                r.getAs(Columns.ICB_P50)));
      }
    }
    List<SystemOpportunity> opportunities = new ArrayList<>();
    if (warehouse.exists(Table.SYSTEM_OPPORTUNITY)) {
      for (Row r : warehouse.read(Table.SYSTEM_OPPORTUNITY).where(periods).collectAsList()) {
        opportunities.add(
            new SystemOpportunity(
                r.getAs(Columns.LEVEL),
                r.getAs(Columns.SYSTEM_CODE),
                r.getAs(Columns.FAMILY),
                r.getAs(Columns.PERIOD),
                r.getAs(Columns.OPPORTUNITY_UNIT),
                r.getAs(Columns.METRICS),
                count(r, Columns.N_ORGS),
                r.<Double>getAs(Columns.TOTAL)));
      }
    }
    List<TrendPoint> trend = new ArrayList<>();
    if (warehouse.exists(Table.METRIC_TREND)) {
      for (Row r :
          warehouse
              .read(Table.METRIC_TREND)
              .where(col(Columns.BREAKDOWN).equalTo(Columns.ALL))
              .where(col(Columns.LEVEL).isin(ORGANISATION, NATIONAL))
              .collectAsList()) {
        TrendPoint t = trendPoint(r);
        if (upTo(t.slice().period(), period)) {
          trend.add(t);
        }
      }
    }
    Map<String, Membership> memberships = new HashMap<>();
    Map<String, String> systemNames = new HashMap<>();
    for (SystemValue v : values) {
      names.system(v.systemCode()).ifPresent(n -> systemNames.put(v.systemCode(), n));
    }
    for (String org : organisations) {
      names.membership(org).ifPresent(m -> memberships.put(org, m));
    }
    return new SystemData(
        memberships, systemNames, values, distributions, members, opportunities, trend);
  }

  /**
   * Whether a trend row's period is the report's month or financial year or before it (the trend
   * table holds every period in the warehouse, later ones too).
   */
  static boolean upTo(String trendPeriod, Period period) {
    Period p = Period.parseRun(trendPeriod);
    return p.isFinancialYear()
        ? trendPeriod.compareTo(period.financialYear()) <= 0
        : p.compareTo(period) <= 0;
  }

  private static TrendPoint trendPoint(Row r) {
    Boolean changed = r.getAs(Columns.BASIS_CHANGED);
    return new TrendPoint(
        r.getAs(Columns.LEVEL),
        r.getAs(Columns.ENTITY_CODE),
        Slice.of(r),
        r.getAs(Columns.VALUE),
        r.getAs(Columns.PREVIOUS_PERIOD),
        r.getAs(Columns.CHANGE),
        r.getAs(Columns.CHANGE_P_VALUE),
        r.getAs(Columns.CHANGE_SIGNIFICANT),
        r.getAs(Columns.YEAR_AGO_PERIOD),
        r.getAs(Columns.CHANGE_YEAR),
        r.getAs(Columns.CHANGE_YEAR_P_VALUE),
        r.getAs(Columns.CHANGE_YEAR_SIGNIFICANT),
        r.getAs(Columns.NATIONAL_P25),
        r.getAs(Columns.NATIONAL_P50),
        r.getAs(Columns.NATIONAL_P75),
        Boolean.TRUE.equals(changed),
        r.getAs(Columns.BASIS_NOTE));
  }

  private static long count(Row r, String column) {
    Number n = r.getAs(column);
    return n == null ? 0 : n.longValue();
  }

  /** The systems of {@code level} with figures in the report's periods, by code. */
  public List<String> systems(String level) {
    TreeSet<String> codes = new TreeSet<>();
    for (List<String> key : valuesBySystem.keySet()) {
      if (key.get(0).equals(level)) {
        codes.add(key.get(1));
      }
    }
    return List.copyOf(codes);
  }

  /** Whether the report has a page for this system. */
  public boolean hasPage(String level, String code) {
    return code != null && valuesBySystem.containsKey(List.of(level, code));
  }

  /** An ICB's or region's name, or null when the code lists have none. */
  public String systemName(String code) {
    return UNKNOWN.equals(code)
        ? "organisations with no ICB or region on record"
        : systemNames.get(code);
  }

  /** Where the organisation sat on the report month's first day, if on record. */
  public Optional<Membership> membership(String org) {
    return Optional.ofNullable(memberships.get(org));
  }

  /**
   * The organisations (of those with a value in the report) that sat in the system on the report
   * month's first day, by code; for {@code UNKNOWN}, those on record nowhere.
   */
  public List<String> membersOf(String level, String code, List<String> organisations) {
    return organisations.stream()
        .filter(
            org -> {
              Membership m = memberships.get(org);
              String at = m == null ? null : ICB.equals(level) ? m.icbCode() : m.regionCode();
              return code.equals(at == null ? UNKNOWN : at);
            })
        .toList();
  }

  /**
   * The region an ICB's members sat in on the report month's first day (the first by code if they
   * differ), if any member is on record; {@code UNKNOWN} for {@code UNKNOWN}.
   */
  public Optional<String> regionOf(String icb) {
    if (UNKNOWN.equals(icb)) {
      return Optional.of(UNKNOWN);
    }
    return memberships.values().stream()
        .filter(m -> icb.equals(m.icbCode()) && m.regionCode() != null)
        .map(Membership::regionCode)
        .sorted()
        .findFirst();
  }

  /** The ICBs with a page whose region is {@code region} ({@link #regionOf}), by code. */
  public List<String> icbsOf(String region) {
    return systems(ICB).stream()
        .filter(icb -> regionOf(icb).map(region::equals).orElse(false))
        .toList();
  }

  /** Every figure of one system, in no particular order. */
  public List<SystemValue> valuesOf(String level, String code) {
    return valuesBySystem.getOrDefault(List.of(level, code), List.of());
  }

  public Optional<SystemValue> value(String level, String code, Slice slice) {
    return Optional.ofNullable(valueAt.get(List.of(level, code, slice)));
  }

  /** The distribution of {@code level}'s systems in one slice. */
  public Optional<SystemDistribution> distribution(String level, Slice slice) {
    return Optional.ofNullable(distributionAt.get(List.of(level, slice)));
  }

  /** The system's benchmarked members in one slice, best rank first. */
  public List<MemberPosition> membersIn(String level, String code, Slice slice) {
    return membersAt.getOrDefault(List.of(level, code, slice), List.of()).stream()
        .sorted(
            Comparator.comparing(
                    (MemberPosition m) -> m.rank(level) == null ? Integer.MAX_VALUE : m.rank(level))
                .thenComparing(MemberPosition::orgCode))
        .toList();
  }

  /** The system's opportunity totals, by family and period. */
  public List<SystemOpportunity> opportunitiesOf(String level, String code) {
    return opportunities.stream()
        .filter(o -> o.level().equals(level) && o.systemCode().equals(code))
        .sorted(
            Comparator.comparing(SystemOpportunity::family)
                .thenComparing(SystemOpportunity::period))
        .toList();
  }

  /** One entity's figure in each period up to the report's, oldest first. */
  public List<TrendPoint> trend(String level, String entity, String metricId, String line) {
    return trends.getOrDefault(List.of(level, entity, metricId, line), List.of());
  }

  /**
   * The national median and interquartile range of one metric and service line per period, oldest
   * first: from the national row where there is one, else any organisation's row of that period.
   */
  public List<TrendPoint> nationalTrend(String metricId, String line) {
    return nationalTrends.getOrDefault(List.of(metricId, line), List.of());
  }

  /** The service lines with a national trend of the metric, sorted. */
  public List<String> trendLines(String metricId) {
    TreeSet<String> lines = new TreeSet<>();
    for (List<String> key : trends.keySet()) {
      if (key.get(2).equals(metricId)) {
        lines.add(key.get(3));
      }
    }
    return List.copyOf(lines);
  }
}
