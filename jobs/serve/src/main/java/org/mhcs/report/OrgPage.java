package org.mhcs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mhcs.benchmark.FunnelLimits;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.publish.Templates;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.OrgOpportunity;
import org.mhcs.report.ReportData.Peer;
import org.mhcs.report.ReportData.Position;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;
import org.mhcs.report.ReportView.Cell;
import org.mhcs.report.ReportView.Column;
import org.mhcs.report.ReportView.FamilyBlock;
import org.mhcs.report.ReportView.Figure;
import org.mhcs.report.ReportView.Line;
import org.mhcs.report.ReportView.Link;
import org.mhcs.report.ReportView.MetricBlock;
import org.mhcs.report.ReportView.OrgModel;
import org.mhcs.report.ReportView.Table;
import org.mhcs.systems.SystemMembership;

/**
 * {@code org/<code>.html}: one organisation. Its nearest peers; its opportunities against each
 * metric's default target, with its own family totals; then per family and metric a table of its
 * values (value, suppressed numerator and denominator, national median and interquartile range,
 * quartile, percentile rank, peer-group median, funnel position) and the metric's variation chart
 * with it highlighted, with the funnel plot where the metric has one, and its value over time
 * against the national median and interquartile band ({@link TrendFigures}) with the changes
 * beneath, for its main service line: the one where its denominator is largest. Its ICB and region
 * in the period link to their pages. Metrics with a breakdown are tabled, not charted, here.
 */
final class OrgPage {
  private static final List<String> UNITS =
      List.of(Units.GBP, Units.CLINICAL_DAYS, Units.WTE, Units.PATIENTS);

  private OrgPage() {}

  static String href(String root, String org) {
    return root + "org/" + Html.safeName(org) + ".html";
  }

  static String metricHref(String root, Metric m, Slice s) {
    return root + "metric/" + Html.safeName(m.id()) + ".html#" + MetricPage.anchor(s);
  }

  /** The columns of a values table: per organisation ({@code forOrg}) or per distribution. */
  static List<Column> valueColumns(boolean forOrg) {
    List<Column> columns = new ArrayList<>();
    if (forOrg) {
      columns.addAll(List.of(Column.text("service line"), Column.code("period")));
    } else {
      columns.addAll(List.of(Column.code("organisation"), Column.text("name")));
    }
    for (String n : List.of("value", "numerator", "denominator")) {
      columns.add(Column.number(n));
    }
    if (forOrg) {
      columns.addAll(List.of(Column.number("national median"), Column.number("p25 to p75")));
    }
    for (String n : List.of("quartile", "percentile rank", "peer median")) {
      columns.add(Column.number(n));
    }
    columns.addAll(List.of(Column.code("funnel"), Column.text("note")));
    return columns;
  }

  /**
   * One value's row under {@link #valueColumns}: {@code lead} are the first cells (service line and
   * period on an organisation's page, {@code forOrg}, with the national median and interquartile
   * range of {@code distribution}, which may be null; the organisation and its name on a metric
   * page).
   */
  static Line valueRow(
      Metric metric,
      Value v,
      Optional<Position> position,
      List<Cell> lead,
      Distribution distribution,
      boolean forOrg,
      boolean charted) {
    List<Cell> cells = new ArrayList<>(lead);
    cells.add(Cell.of(ValueFormat.value(metric, v.value())));
    cells.add(Cell.of(ValueFormat.count(v.numerator())));
    cells.add(Cell.of(ValueFormat.count(v.denominator())));
    if (forOrg) {
      cells.add(
          Cell.of(
              distribution == null
                  ? ValueFormat.NONE
                  : ValueFormat.value(metric, distribution.p50())));
      cells.add(
          Cell.of(
              distribution == null
                  ? ValueFormat.NONE
                  : ValueFormat.value(metric, distribution.p25())
                      + " to "
                      + ValueFormat.value(metric, distribution.p75())));
    }
    Position p = position.orElse(null);
    cells.add(
        Cell.of(
            p == null || p.quartile() == null ? ValueFormat.NONE : quartile(metric, p.quartile())));
    cells.add(Cell.of(p == null ? ValueFormat.NONE : ValueFormat.rank(p.percentileRank())));
    cells.add(Cell.of(p == null ? ValueFormat.NONE : ValueFormat.value(metric, p.peerP50())));
    cells.add(funnel(p));
    cells.add(Cell.of(v.flags() == null ? "" : "left out: " + v.flags().replace('_', ' ')));
    return new Line(cells, charted);
  }

  /** A metric page's row: no national columns. */
  static Line valueRow(
      Metric metric,
      Value v,
      Optional<Position> position,
      List<Cell> lead,
      Distribution distribution,
      boolean charted) {
    return valueRow(metric, v, position, lead, distribution, false, charted);
  }

  static String quartile(Metric metric, int quartile) {
    if (metric.direction() == Direction.CONTEXT) {
      return quartile + (quartile == 1 ? " (lowest)" : quartile == 4 ? " (highest)" : "");
    }
    return quartile + (quartile == 1 ? " (best)" : quartile == 4 ? " (worst)" : "");
  }

  /** Where the value falls in the funnel: outside 99.8% or 95% limits, within, or no funnel. */
  static Cell funnel(Position p) {
    if (p == null || p.funnelType() == null) {
      return Cell.of(ValueFormat.NONE);
    }
    if (p.flag998() != null) {
      return new Cell(side(p.flag998()) + " 99.8%", null, p.flag998(), null);
    }
    if (p.flag95() != null) {
      return new Cell(side(p.flag95()) + " 95%", null, p.flag95(), null);
    }
    return Cell.of("within limits");
  }

  /** An opportunity unit as people say it. */
  static String unitName(String unit) {
    return switch (unit) {
      case Units.GBP -> "£";
      case Units.CLINICAL_DAYS -> "clinical days";
      case Units.WTE -> "WTE";
      case Units.PATIENTS -> "patients";
      default -> unit;
    };
  }

  private static String side(String flag) {
    return FunnelLimits.HIGH.equals(flag) ? "above" : "below";
  }

  static ReportSite.Page render(ReportData data, String org) {
    String name = data.orgName(org);
    String file = Html.safeName(org);
    List<Table> tables = new ArrayList<>();
    List<String> families =
        data.catalog().families().stream()
            .filter(
                f ->
                    data.valuesOf(org).stream()
                        .anyMatch(v -> data.catalog().get(v.slice().metricId()).family().equals(f)))
            .toList();
    List<Link> nav = new ArrayList<>();
    nav.add(new Link("Peers", "#peers", null));
    nav.add(new Link("Opportunities", "#opportunities", null));
    for (String family : families) {
      nav.add(new Link(family, "#" + Html.anchor("family", family), null));
    }
    Table peers = peersTable(data, org, file + "-peers.csv");
    Table[] opportunities = opportunityTables(data, org, file);
    for (Table t :
        List.of(
                Optional.ofNullable(peers),
                Optional.ofNullable(opportunities[0]),
                Optional.ofNullable(opportunities[1]))
            .stream()
            .flatMap(Optional::stream)
            .toList()) {
      tables.add(t);
    }

    Map<Metric, Slice> charted = chartedSlices(data, org);
    int charts = 0;
    List<FamilyBlock> blocks = new ArrayList<>();
    for (String family : families) {
      List<MetricBlock> metrics = new ArrayList<>();
      for (Metric m : data.catalog().family(family)) {
        List<Value> rows =
            data.valuesOf(org).stream().filter(v -> v.slice().metricId().equals(m.id())).toList();
        if (rows.isEmpty()) {
          continue;
        }
        Table values =
            metricTable(
                data, org, rows, charted.get(m), file + "-" + Html.safeName(m.id()) + ".csv");
        tables.add(values);
        List<Figure> figures = new ArrayList<>();
        Slice s = charted.get(m);
        if (s != null) {
          SliceFigures slice = new SliceFigures(data, m, s);
          Optional<VariationChart> variation = slice.variation(org);
          if (variation.isPresent()) {
            charts++;
            figures.add(
                new Figure(
                    variation.get().svg("v" + charts, SliceFigures.HALF, SliceFigures.HALF_HEIGHT),
                    slice.variationCaption(org)));
            Optional<FunnelChart> funnel = slice.funnel(org);
            if (funnel.isPresent()) {
              charts++;
              figures.add(
                  new Figure(
                      funnel.get().svg("f" + charts, SliceFigures.HALF, SliceFigures.HALF_HEIGHT),
                      slice.funnelCaption()));
            }
          }
        }
        Table trend = null;
        if (s != null) {
          TrendFigures over = new TrendFigures(data, m, s.serviceLine());
          Optional<TrendChart> chart = over.forOrganisation(org);
          if (chart.isPresent()) {
            charts++;
            figures.add(
                new Figure(
                    chart.get().svg("t" + charts, SliceFigures.HALF, SliceFigures.HALF_HEIGHT),
                    over.organisationCaption(org)));
            trend =
                over.organisationTable(org, file + "-" + Html.safeName(m.id()) + "-over-time.csv");
            tables.add(trend);
          }
        }
        metrics.add(
            new MetricBlock(
                Html.anchor("metric", m.id()),
                new Link(m.name(), "../metric/" + Html.safeName(m.id()) + ".html", null),
                m.id(),
                values,
                figures,
                trend));
      }
      blocks.add(new FamilyBlock(Html.anchor("family", family), family, metrics));
    }
    OrgModel model =
        new OrgModel(
            org,
            name.equals(org) ? org : org + " · " + name,
            data.period().toString(),
            data.period().financialYear(),
            systems(data, org),
            nav,
            peers,
            opportunities[0],
            opportunities[1],
            blocks);
    return new ReportSite.Page(Templates.render("report/org.jte", model), charts, tables);
  }

  /**
   * The organisation's ICB and region on the report month's first day, each linking to its page
   * when the report has one; {@link SystemMembership#UNKNOWN} when it was on record in neither.
   */
  static List<Link> systems(ReportData data, String org) {
    SystemData systems = data.systems();
    if (systems.systems(SystemMembership.ICB).isEmpty()
        && systems.systems(SystemMembership.REGION).isEmpty()) {
      return List.of();
    }
    var membership = systems.membership(org);
    List<Link> links = new ArrayList<>();
    for (String level : List.of(SystemMembership.ICB, SystemMembership.REGION)) {
      String code =
          membership
              .map(m -> SystemMembership.ICB.equals(level) ? m.icbCode() : m.regionCode())
              .orElse(SystemMembership.UNKNOWN);
      links.add(
          new Link(
              SystemPage.label(systems, code),
              systems.hasPage(level, code) ? SystemPage.href("../", level, code) : null,
              SystemPage.kind(level)));
    }
    return links;
  }

  /**
   * Per metric without a breakdown, in catalogue order, the slice charted for the organisation:
   * among those where it is benchmarked, the one with its largest denominator.
   */
  static Map<Metric, Slice> chartedSlices(ReportData data, String org) {
    Map<Metric, Slice> charted = new LinkedHashMap<>();
    for (Metric m : data.catalog().all()) {
      data.valuesOf(org).stream()
          .filter(v -> v.slice().metricId().equals(m.id()))
          .filter(v -> !v.slice().hasBreakdown() && v.benchmarked())
          .filter(v -> data.distribution(v.slice()).isPresent())
          .max(
              Comparator.comparingDouble((Value v) -> v.denominator() == null ? 0 : v.denominator())
                  .thenComparing(v -> v.slice().serviceLine(), Comparator.reverseOrder()))
          .ifPresent(v -> charted.put(m, v.slice()));
    }
    return charted;
  }

  /**
   * The organisation's rows of one metric; a metric with a breakdown (many rows) folds them away.
   */
  private static Table metricTable(
      ReportData data, String org, List<Value> rows, Slice charted, String csv) {
    List<Line> lines = new ArrayList<>();
    for (Value v : rows) {
      Metric m = data.catalog().get(v.slice().metricId());
      Slice s = v.slice();
      Optional<Distribution> d = data.distribution(s);
      String line =
          data.label(s.serviceLine()) + (s.hasBreakdown() ? " · " + data.label(s.breakdown()) : "");
      lines.add(
          valueRow(
              m,
              v,
              data.position(s, org),
              List.of(
                  d.isPresent() ? Cell.link(line, metricHref("../", m, s)) : Cell.of(line),
                  Cell.of(s.period())),
              d.orElse(null),
              true,
              s.equals(charted)));
    }
    return new Table(
        csv,
        valueColumns(true),
        lines,
        rows.size() > 12 ? rows.size() + " values by service line and breakdown" : null);
  }

  /** The organisation's nearest peers, or null when it has none. */
  private static Table peersTable(ReportData data, String org, String csv) {
    List<Peer> peers = data.peersOf(org);
    if (peers.isEmpty()) {
      return null;
    }
    List<Line> rows = new ArrayList<>();
    for (Peer p : peers) {
      rows.add(
          new Line(
              List.of(
                  Cell.of(Integer.toString(p.rank())),
                  Cell.link(p.peerOrgCode(), href("../", p.peerOrgCode())),
                  Cell.of(data.orgName(p.peerOrgCode())),
                  Cell.of(ValueFormat.distance(p.distance())))));
    }
    return new Table(
        csv,
        List.of(
            Column.number("rank"),
            Column.code("organisation"),
            Column.text("name"),
            Column.number("distance")),
        rows,
        null);
  }

  /**
   * The organisation's opportunities against each metric's default target: its own totals per
   * family (summing, as {@code gold.opportunity_family} does nationally, only the metrics that
   * count in their family's total), then per metric, summed over service lines and breakdowns. Both
   * null when there is no opportunity.
   */
  private static Table[] opportunityTables(ReportData data, String org, String file) {
    List<OrgOpportunity> own = data.opportunitiesOf(org);
    // metric|period|unit → total, and family|period → unit → total
    Map<List<String>, Double> byMetric = new TreeMap<>(Comparator.comparing(List::toString));
    Map<List<String>, Map<String, Double>> byFamily =
        new TreeMap<>(Comparator.comparing(List::toString));
    for (OrgOpportunity o : own) {
      Metric m = data.catalog().get(o.slice().metricId());
      byMetric.merge(
          List.of(m.id(), o.slice().period(), o.unit(), o.targetBasis()),
          o.opportunityValue(),
          Double::sum);
      if (m.opportunity().inFamilyTotal() && m.direction() != Direction.CONTEXT) {
        byFamily
            .computeIfAbsent(List.of(m.family(), o.slice().period()), k -> new TreeMap<>())
            .merge(o.unit(), o.opportunityValue(), Double::sum);
      }
    }
    if (byMetric.values().stream().noneMatch(v -> v > 0)) {
      return new Table[] {null, null};
    }
    List<Line> familyRows = new ArrayList<>();
    for (Map.Entry<List<String>, Map<String, Double>> e : byFamily.entrySet()) {
      List<Cell> cells =
          new ArrayList<>(List.of(Cell.of(e.getKey().get(0)), Cell.of(e.getKey().get(1))));
      for (String unit : UNITS) {
        Double total = e.getValue().get(unit);
        cells.add(Cell.of(total == null ? ValueFormat.NONE : ValueFormat.opportunity(unit, total)));
      }
      familyRows.add(new Line(cells));
    }
    Table byFamilyTable =
        new Table(file + "-opportunity-by-family.csv", IndexPage.familyColumns(), familyRows, null);
    List<Map.Entry<List<String>, Double>> ranked =
        byMetric.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(
                Comparator.comparing(
                        (Map.Entry<List<String>, Double> e) -> UNITS.indexOf(e.getKey().get(2)))
                    .thenComparing(e -> -e.getValue()))
            .toList();
    List<Line> metricRows = new ArrayList<>();
    for (Map.Entry<List<String>, Double> e : ranked) {
      Metric m = data.catalog().get(e.getKey().get(0));
      String unit = e.getKey().get(2);
      metricRows.add(
          new Line(
              List.of(
                  new Cell(
                      m.name(),
                      "../metric/" + Html.safeName(m.id()) + ".html",
                      null,
                      m.opportunity().inFamilyTotal()
                          ? null
                          : "(restates " + m.opportunity().overlaps() + ")"),
                  Cell.of(e.getKey().get(1)),
                  Cell.of(e.getKey().get(3).replace('_', ' ')),
                  Cell.of(unitName(unit)),
                  Cell.of(ValueFormat.opportunity(unit, e.getValue())))));
    }
    Table byMetricTable =
        new Table(
            file + "-opportunity-by-metric.csv",
            List.of(
                Column.text("metric"),
                Column.code("period"),
                Column.text("target"),
                Column.text("unit"),
                Column.number("opportunity")),
            metricRows,
            null);
    return new Table[] {byFamilyTable, byMetricTable};
  }
}
