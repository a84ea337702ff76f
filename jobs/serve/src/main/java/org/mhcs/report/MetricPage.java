package org.mhcs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.Metric;
import org.mhcs.publish.Templates;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.Position;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;
import org.mhcs.report.ReportView.Cell;
import org.mhcs.report.ReportView.Column;
import org.mhcs.report.ReportView.Figure;
import org.mhcs.report.ReportView.Line;
import org.mhcs.report.ReportView.MetricModel;
import org.mhcs.report.ReportView.SliceSection;
import org.mhcs.report.ReportView.Table;
import org.mhcs.warehouse.Columns;

/**
 * {@code metric/<id>.html}: one metric nationally. Its definition, a table of every distribution
 * (service line × breakdown × period: organisations, p10 to p90), then for each distribution its
 * variation chart, its funnel plot where the metric has one, and every organisation's value
 * (numerator and denominator suppressed). Where the warehouse holds two periods or more, the
 * national median and interquartile band over time per service line come first ({@link
 * TrendFigures}). Metrics with a breakdown (skill mix by staff group and band, unit price by
 * product, price variation by category) chart only their {@value #MAX_BREAKDOWN_CHARTS} largest
 * distributions by total numerator (WTE, spend, excess spend); the table lists them all.
 */
final class MetricPage {
  static final int MAX_BREAKDOWN_CHARTS = 8;

  /** A longer distribution table is folded away, so that the charts come first. */
  static final int FOLDED_TABLE_ROWS = 25;

  private MetricPage() {}

  /** The anchor of a distribution's section on its metric page. */
  static String anchor(Slice s) {
    return s.hasBreakdown()
        ? Html.anchor(s.period(), s.serviceLine(), s.breakdown())
        : Html.anchor(s.period(), s.serviceLine());
  }

  /** The distributions of {@code metric} that get charts on its page. */
  static Set<Slice> charted(ReportData data, Metric metric) {
    List<Distribution> all = data.distributionsOf(metric.id());
    if (all.stream().noneMatch(d -> d.slice().hasBreakdown())) {
      return all.stream().map(Distribution::slice).collect(Collectors.toSet());
    }
    return all.stream()
        .map(Distribution::slice)
        .sorted(
            Comparator.comparingDouble((Slice s) -> -totalNumerator(data, s))
                .thenComparing(Slice::serviceLine)
                .thenComparing(Slice::breakdown))
        .limit(MAX_BREAKDOWN_CHARTS)
        .collect(Collectors.toSet());
  }

  private static double totalNumerator(ReportData data, Slice s) {
    return data.valuesIn(s).values().stream()
        .filter(Value::benchmarked)
        .mapToDouble(v -> v.numerator() == null ? 0 : v.numerator())
        .sum();
  }

  static ReportSite.Page render(ReportData data, Metric metric) {
    String file = Html.safeName(metric.id());
    List<Distribution> distributions = data.distributionsOf(metric.id());
    Set<Slice> charted = charted(data, metric);
    List<Table> tables = new ArrayList<>();
    List<SliceSection> sections = new ArrayList<>();
    int charts = 0;
    for (Distribution d : distributions) {
      Slice s = d.slice();
      if (!charted.contains(s)) {
        continue;
      }
      SliceFigures figures = new SliceFigures(data, metric, s);
      List<Figure> drawn = new ArrayList<>();
      Optional<VariationChart> variation = figures.variation(null);
      if (variation.isPresent()) {
        charts++;
        drawn.add(
            new Figure(
                variation.get().svg("v" + charts, SliceFigures.WIDE, SliceFigures.WIDE_HEIGHT),
                figures.variationCaption(null)));
      }
      Optional<FunnelChart> funnel = figures.funnel(null);
      if (funnel.isPresent()) {
        charts++;
        drawn.add(
            new Figure(
                funnel.get().svg("f" + charts, SliceFigures.WIDE, SliceFigures.WIDE_HEIGHT),
                figures.funnelCaption()));
      }
      Table values = valuesTable(data, metric, s, file + "-" + anchor(s) + ".csv");
      tables.add(values);
      sections.add(new SliceSection(anchor(s), figures.title(), drawn, values));
    }
    Table table =
        distributions.isEmpty()
            ? null
            : distributionTable(data, metric, distributions, charted, file + "-distributions.csv");
    if (table != null) {
      tables.add(0, table);
    }
    List<Figure> trendFigures = new ArrayList<>();
    for (String line : data.systems().trendLines(metric.id())) {
      TrendFigures over = new TrendFigures(data, metric, line);
      Optional<TrendChart> chart = over.nationalChart();
      if (chart.isPresent()) {
        charts++;
        trendFigures.add(
            new Figure(
                chart.get().svg("t" + charts, SliceFigures.HALF, SliceFigures.HALF_HEIGHT),
                over.nationalCaption()));
      }
    }
    Table trend =
        trendFigures.isEmpty()
            ? null
            : TrendFigures.nationalTable(data, metric, file + "-over-time.csv");
    if (trend != null) {
      tables.add(trend);
    }
    MetricModel model =
        new MetricModel(
            metric.name(),
            metric.id(),
            metric.family(),
            metric.unit(),
            metric.direction() == Direction.CONTEXT
                ? "context (neither direction is better)"
                : metric.direction().label() + " is better",
            ValueFormat.threshold(metric.minDenominator()),
            metric.grain(),
            metric.scale() == 1 ? "" : ValueFormat.threshold(metric.scale()) + " × ",
            metric.numeratorDefinition(),
            metric.denominatorDefinition(),
            metric.opportunity().describe(),
            table,
            charted.size() < distributions.size()
                ? "Charted below: the "
                    + charted.size()
                    + " largest distributions by total numerator; the table lists all "
                    + distributions.size()
                    + "."
                : null,
            trendFigures,
            trend,
            sections);
    return new ReportSite.Page(Templates.render("report/metric.jte", model), charts, tables);
  }

  /**
   * Every distribution with its percentiles, linked to its charts; the service-line and breakdown
   * columns only where the metric has them, folded away when long.
   */
  private static Table distributionTable(
      ReportData data,
      Metric metric,
      List<Distribution> distributions,
      Set<Slice> charted,
      String csv) {
    boolean lines =
        distributions.stream().anyMatch(d -> !Columns.ALL.equals(d.slice().serviceLine()));
    boolean breakdowns = distributions.stream().anyMatch(d -> d.slice().hasBreakdown());
    List<Column> columns = new ArrayList<>();
    if (lines) {
      columns.add(Column.text("service line"));
    }
    if (breakdowns) {
      columns.add(Column.text("breakdown"));
    }
    int labels = columns.size();
    columns.add(Column.code("period"));
    for (String n : List.of("organisations", "p10", "p25", "median", "p75", "p90")) {
      columns.add(Column.number(n));
    }
    List<Line> rows = new ArrayList<>();
    for (Distribution d : distributions) {
      Slice s = d.slice();
      List<Cell> cells = new ArrayList<>();
      if (lines) {
        cells.add(Cell.of(data.label(s.serviceLine())));
      }
      if (breakdowns) {
        cells.add(Cell.of(s.hasBreakdown() ? data.label(s.breakdown()) : "–"));
      }
      cells.add(Cell.of(s.period()));
      // The link to the distribution's charts sits on its most specific label.
      int linked = labels == 0 ? 0 : labels - 1;
      if (charted.contains(s)) {
        cells.set(linked, Cell.link(cells.get(linked).text(), "#" + anchor(s)));
      }
      cells.add(Cell.of(Long.toString(d.nOrgs())));
      for (Double p : List.of(d.p10(), d.p25(), d.p50(), d.p75(), d.p90())) {
        cells.add(Cell.of(ValueFormat.value(metric, p)));
      }
      rows.add(new Line(cells));
    }
    return new Table(
        csv,
        columns,
        rows,
        distributions.size() > FOLDED_TABLE_ROWS
            ? "All " + distributions.size() + " distributions"
            : null);
  }

  /** Every organisation's value in the distribution, highest first, in a collapsed table. */
  private static Table valuesTable(ReportData data, Metric metric, Slice s, String csv) {
    Map<String, Value> values = data.valuesIn(s);
    Map<String, Position> positions = data.positionsIn(s);
    List<Value> rows = new ArrayList<>(values.values());
    rows.sort(
        Comparator.comparing((Value v) -> v.value() == null)
            .thenComparing(v -> v.value() == null ? 0 : -v.value())
            .thenComparing(Value::orgCode));
    List<Line> lines = new ArrayList<>();
    for (Value v : rows) {
      lines.add(
          OrgPage.valueRow(
              metric,
              v,
              Optional.ofNullable(positions.get(v.orgCode())),
              List.of(
                  Cell.link(v.orgCode(), OrgPage.href("../", v.orgCode())),
                  Cell.of(data.orgName(v.orgCode()))),
              null,
              false));
    }
    return new Table(
        csv, OrgPage.valueColumns(false), lines, "Values of the " + rows.size() + " organisations");
  }
}
