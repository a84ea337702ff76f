package org.mhcs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.publish.Suppression;
import org.mhcs.publish.Templates;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportView.Cell;
import org.mhcs.report.ReportView.Column;
import org.mhcs.report.ReportView.Line;
import org.mhcs.report.ReportView.Link;
import org.mhcs.report.ReportView.SystemFamilyBlock;
import org.mhcs.report.ReportView.SystemMetricBlock;
import org.mhcs.report.ReportView.SystemModel;
import org.mhcs.report.ReportView.Table;
import org.mhcs.report.SystemData.MemberPosition;
import org.mhcs.report.SystemData.SystemDistribution;
import org.mhcs.report.SystemData.SystemOpportunity;
import org.mhcs.report.SystemData.SystemValue;
import org.mhcs.systems.SystemMembership;
import org.mhcs.warehouse.Columns;

/**
 * {@code icb/<code>.html} and {@code region/<code>.html}: one integrated care board or NHS England
 * region. Its member organisations in the report's month; its opportunity rolled up from theirs
 * ({@code gold.system_opportunity}); then per family and metric (breakdown {@code ALL}) its value
 * from its members' summed counts beside the spread of its members (lowest, median, highest) and
 * its place among the systems of its level (median and interquartile range of the systems,
 * quartile, percentile rank); and, for the service line where its denominator is largest, each
 * member's value against the system's with its rank within the system. Numerators and denominators
 * are suppressed as on every page, and a system value whose counts are masked is masked too.
 */
final class SystemPage {
  private static final List<String> UNITS =
      List.of(Units.GBP, Units.CLINICAL_DAYS, Units.WTE, Units.PATIENTS);

  private SystemPage() {}

  /** The page of a system: {@code <root>icb/<code>.html} or {@code <root>region/<code>.html}. */
  static String href(String root, String level, String code) {
    return root + level + "/" + Html.safeName(code) + ".html";
  }

  /** "QE1 · NHS Somewhere ICB", or the code alone when the code lists have no name. */
  static String label(SystemData systems, String code) {
    String name = systems.systemName(code);
    return name == null ? code : code + " · " + name;
  }

  /** "ICB" or "Region": what a level is called in a heading. */
  static String kind(String level) {
    return SystemMembership.ICB.equals(level) ? "ICB" : "Region";
  }

  /** "ICB" or "region": a system of the level in a sentence. */
  static String noun(String level) {
    return SystemMembership.ICB.equals(level) ? "ICB" : "region";
  }

  /** "ICBs" or "regions": what the systems of a level are called in a sentence. */
  static String plural(String level) {
    return SystemMembership.ICB.equals(level) ? "ICBs" : "regions";
  }

  static ReportSite.Page render(ReportData data, String level, String code) {
    SystemModel model = model(data, level, code);
    List<Table> tables = new ArrayList<>();
    tables.add(model.members());
    if (model.opportunity() != null) {
      tables.add(model.opportunity());
    }
    for (SystemFamilyBlock f : model.families()) {
      for (SystemMetricBlock b : f.metrics()) {
        tables.add(b.figures());
        if (b.members() != null) {
          tables.add(b.members());
        }
      }
    }
    return new ReportSite.Page(Templates.render("report/system.jte", model), 0, tables);
  }

  static SystemModel model(ReportData data, String level, String code) {
    SystemData systems = data.systems();
    String file = Html.safeName(code);
    Link parent = null;
    List<Link> icbs = new ArrayList<>();
    if (SystemMembership.ICB.equals(level)) {
      parent =
          systems
              .regionOf(code)
              .map(
                  r ->
                      new Link(
                          label(systems, r),
                          systems.hasPage(SystemMembership.REGION, r)
                              ? href("../", SystemMembership.REGION, r)
                              : null,
                          null))
              .orElse(null);
    } else {
      for (String icb : systems.icbsOf(code)) {
        icbs.add(new Link(label(systems, icb), href("../", SystemMembership.ICB, icb), null));
      }
    }
    Table members = membersTable(data, level, code, file + "-members.csv");
    Table opportunity = opportunityTable(systems.opportunitiesOf(level, code), file);

    List<SystemFamilyBlock> families = new ArrayList<>();
    List<Link> nav = new ArrayList<>(List.of(new Link("Members", "#members", null)));
    nav.add(new Link("Opportunities", "#opportunities", null));
    for (String family : data.catalog().families()) {
      List<SystemMetricBlock> blocks = new ArrayList<>();
      for (Metric m : data.catalog().family(family)) {
        List<String> lines = lineOrder(data, m);
        List<SystemValue> rows =
            systems.valuesOf(level, code).stream()
                .filter(v -> v.slice().metricId().equals(m.id()) && !v.slice().hasBreakdown())
                .sorted(
                    Comparator.comparing((SystemValue v) -> position(lines, v.slice()))
                        .thenComparing(v -> v.slice().serviceLine())
                        .thenComparing(v -> v.slice().period()))
                .toList();
        if (rows.isEmpty()) {
          continue;
        }
        Slice charted = charted(rows);
        String metricFile = file + "-" + Html.safeName(m.id());
        Table figures = figuresTable(data, m, level, rows, charted, metricFile + ".csv");
        List<MemberPosition> in =
            charted == null ? List.of() : systems.membersIn(level, code, charted);
        blocks.add(
            new SystemMetricBlock(
                Html.anchor("metric", m.id()),
                new Link(m.name(), "../metric/" + Html.safeName(m.id()) + ".html", null),
                m.id(),
                figures,
                in.isEmpty() ? null : "Members · " + new SliceFigures(data, m, charted).title(),
                in.isEmpty()
                    ? null
                    : memberValues(
                        data, m, level, code, charted, in, metricFile + "-members.csv")));
      }
      if (!blocks.isEmpty()) {
        families.add(new SystemFamilyBlock(Html.anchor("family", family), family, blocks));
        nav.add(new Link(family, "#" + Html.anchor("family", family), null));
      }
    }
    return new SystemModel(
        kind(level),
        code,
        label(systems, code),
        data.period().toString(),
        data.period().financialYear(),
        plural(level),
        parent,
        icbs,
        nav,
        members,
        opportunity,
        families);
  }

  /** The metric's service lines as its national distributions order them (ALL first). */
  private static List<String> lineOrder(ReportData data, Metric m) {
    return data.distributionsOf(m.id()).stream()
        .map(d -> d.slice().serviceLine())
        .distinct()
        .toList();
  }

  /** ALL first, then the service lines in {@code order}, then any other. */
  private static int position(List<String> order, Slice s) {
    int at = order.indexOf(s.serviceLine());
    return Columns.ALL.equals(s.serviceLine()) ? -1 : at < 0 ? order.size() : at;
  }

  /** The row whose members are listed: the benchmarked one with the largest denominator. */
  private static Slice charted(List<SystemValue> rows) {
    return rows.stream()
        .filter(v -> v.flags() == null && v.value() != null)
        .max(
            Comparator.comparingDouble(
                    (SystemValue v) -> v.denominator() == null ? 0 : v.denominator())
                .thenComparing(v -> v.slice().serviceLine(), Comparator.reverseOrder()))
        .map(SystemValue::slice)
        .orElse(null);
  }

  /** The organisations that sat in the system in the report's month, with their names. */
  private static Table membersTable(ReportData data, String level, String code, String csv) {
    SystemData systems = data.systems();
    List<Line> rows = new ArrayList<>();
    for (String org : systems.membersOf(level, code, data.organisations())) {
      List<Cell> cells =
          new ArrayList<>(
              List.of(Cell.link(org, OrgPage.href("../", org)), Cell.of(data.orgName(org))));
      if (SystemMembership.REGION.equals(level)) {
        String icb = systems.membership(org).map(m -> m.icbCode()).orElse(SystemMembership.UNKNOWN);
        cells.add(
            systems.hasPage(SystemMembership.ICB, icb)
                ? Cell.link(label(systems, icb), href("../", SystemMembership.ICB, icb))
                : Cell.of(label(systems, icb)));
      }
      rows.add(new Line(cells));
    }
    List<Column> columns =
        new ArrayList<>(List.of(Column.code("organisation"), Column.text("name")));
    if (SystemMembership.REGION.equals(level)) {
      columns.add(Column.text("ICB"));
    }
    return new Table(csv, columns, rows, rows.size() > 25 ? rows.size() + " members" : null);
  }

  /** The system's opportunity per family and period in each unit, or null when there is none. */
  private static Table opportunityTable(List<SystemOpportunity> rows, String file) {
    Map<List<String>, Map<String, Double>> totals =
        new TreeMap<>(Comparator.comparing(List::toString));
    Map<List<String>, String> metrics = new TreeMap<>(Comparator.comparing(List::toString));
    Map<List<String>, Long> orgs = new TreeMap<>(Comparator.comparing(List::toString));
    for (SystemOpportunity o : rows) {
      List<String> key = List.of(o.family(), o.period());
      totals.computeIfAbsent(key, k -> new TreeMap<>()).put(o.unit(), o.total());
      metrics.merge(key, o.metrics(), (a, b) -> a.equals(b) ? a : a + "," + b);
      orgs.merge(key, o.nOrgs(), Math::max);
    }
    if (totals.values().stream().flatMap(m -> m.values().stream()).noneMatch(v -> v > 0)) {
      return null;
    }
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<List<String>, Map<String, Double>> e : totals.entrySet()) {
      List<Cell> cells =
          new ArrayList<>(List.of(Cell.of(e.getKey().get(0)), Cell.of(e.getKey().get(1))));
      for (String unit : UNITS) {
        Double total = e.getValue().get(unit);
        cells.add(Cell.of(total == null ? ValueFormat.NONE : ValueFormat.opportunity(unit, total)));
      }
      cells.add(Cell.of(Long.toString(orgs.get(e.getKey()))));
      cells.add(Cell.of(metrics.get(e.getKey()).replace(",", ", ")));
      lines.add(new Line(cells));
    }
    return new Table(
        file + "-opportunity-by-family.csv",
        IndexPage.familyColumns(
            Column.number("organisations"),
            Column.text("metrics summed (each to its default target)")),
        lines,
        null);
  }

  /**
   * The system's figures of one metric: its value from summed counts (masked where a count is), its
   * members' spread, and its place among the systems of its level.
   */
  private static Table figuresTable(
      ReportData data, Metric m, String level, List<SystemValue> rows, Slice charted, String csv) {
    SystemData systems = data.systems();
    List<Line> lines = new ArrayList<>();
    for (SystemValue v : rows) {
      Slice s = v.slice();
      List<Double> memberValues =
          systems.membersIn(level, v.systemCode(), s).stream()
              .map(MemberPosition::value)
              .filter(x -> x != null)
              .sorted()
              .toList();
      Double median =
          systems.membersIn(level, v.systemCode(), s).stream()
              .map(p -> p.median(level))
              .filter(x -> x != null)
              .findFirst()
              .orElse(null);
      Optional<SystemDistribution> among = systems.distribution(level, s);
      String lineLabel = data.label(s.serviceLine());
      List<Cell> cells = new ArrayList<>();
      cells.add(
          data.distribution(s).isPresent()
              ? Cell.link(lineLabel, OrgPage.metricHref("../", m, s))
              : Cell.of(lineLabel));
      cells.add(Cell.of(s.period()));
      String value = ValueFormat.derived(m, v.value(), v.numerator(), v.denominator());
      // A rank among systems places a masked value between its neighbours: masked with it.
      boolean masked = value.equals(Suppression.MASK);
      cells.add(Cell.of(value));
      cells.add(Cell.of(ValueFormat.count(v.numerator())));
      cells.add(Cell.of(ValueFormat.count(v.denominator())));
      cells.add(Cell.of(Long.toString(v.nMembers())));
      cells.add(
          Cell.of(
              memberValues.isEmpty()
                  ? ValueFormat.NONE
                  : ValueFormat.value(m, memberValues.get(0))));
      cells.add(Cell.of(ValueFormat.value(m, median)));
      cells.add(
          Cell.of(
              memberValues.isEmpty()
                  ? ValueFormat.NONE
                  : ValueFormat.value(m, memberValues.get(memberValues.size() - 1))));
      cells.add(Cell.of(among.map(d -> Long.toString(d.nSystems())).orElse(ValueFormat.NONE)));
      cells.add(Cell.of(among.map(d -> ValueFormat.value(m, d.p50())).orElse(ValueFormat.NONE)));
      cells.add(
          Cell.of(
              among
                  .map(d -> ValueFormat.value(m, d.p25()) + " to " + ValueFormat.value(m, d.p75()))
                  .orElse(ValueFormat.NONE)));
      cells.add(
          Cell.of(
              masked
                  ? Suppression.MASK
                  : v.quartile() == null ? ValueFormat.NONE : OrgPage.quartile(m, v.quartile())));
      cells.add(Cell.of(masked ? Suppression.MASK : ValueFormat.rank(v.percentileRank())));
      cells.add(Cell.of(v.flags() == null ? "" : "left out: " + v.flags().replace('_', ' ')));
      lines.add(new Line(cells, s.equals(charted)));
    }
    String systemsOf = plural(level);
    return new Table(
        csv,
        List.of(
            Column.text("service line"),
            Column.code("period"),
            Column.number("value"),
            Column.number("numerator"),
            Column.number("denominator"),
            Column.number("members"),
            Column.number("lowest member"),
            Column.number("member median"),
            Column.number("highest member"),
            Column.number(systemsOf),
            Column.number(systemsOf + "' median"),
            Column.number(systemsOf + "' p25 to p75"),
            Column.number("quartile"),
            Column.number("percentile rank"),
            Column.text("note")),
        lines,
        rows.size() > 12 ? rows.size() + " values by service line and period" : null);
  }

  /** Each benchmarked member's value in the charted row against the system's, best rank first. */
  private static Table memberValues(
      ReportData data,
      Metric m,
      String level,
      String code,
      Slice s,
      List<MemberPosition> members,
      String csv) {
    SystemValue system = data.systems().value(level, code, s).orElseThrow();
    boolean masked =
        ValueFormat.derived(m, system.value(), system.numerator(), system.denominator())
            .equals(Suppression.MASK);
    List<Line> lines = new ArrayList<>();
    for (MemberPosition p : members) {
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.link(p.orgCode(), OrgPage.href("../", p.orgCode())));
      cells.add(Cell.of(data.orgName(p.orgCode())));
      if (SystemMembership.REGION.equals(level)) {
        cells.add(Cell.of(p.icbCode() == null ? ValueFormat.NONE : p.icbCode()));
      }
      cells.add(Cell.of(ValueFormat.value(m, p.value())));
      // The difference would give a masked system value back.
      cells.add(
          Cell.of(
              masked || p.value() == null || system.value() == null
                  ? ValueFormat.NONE
                  : ValueFormat.change(m, p.value() - system.value())));
      cells.add(
          Cell.of(
              p.rank(level) == null
                  ? ValueFormat.NONE
                  : p.rank(level) + " of " + p.members(level)));
      cells.add(
          Cell.of(
              data.position(s, p.orgCode())
                  .filter(x -> x.quartile() != null)
                  .map(x -> OrgPage.quartile(m, x.quartile()))
                  .orElse(ValueFormat.NONE)));
      lines.add(new Line(cells));
    }
    List<Column> columns =
        new ArrayList<>(List.of(Column.code("organisation"), Column.text("name")));
    if (SystemMembership.REGION.equals(level)) {
      columns.add(Column.code("ICB"));
    }
    columns.addAll(
        List.of(
            Column.number("value"),
            Column.number("against the " + noun(level) + "'s value"),
            Column.number("rank in the " + noun(level)),
            Column.number("national quartile")));
    return new Table(csv, columns, lines, lines.size() > 25 ? lines.size() + " members" : null);
  }
}
