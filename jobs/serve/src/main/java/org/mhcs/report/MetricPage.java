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
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.Position;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;
import org.mhcs.warehouse.Columns;

/**
 * {@code metric/<id>.html}: one metric nationally. Its definition, a table of every distribution
 * (service line × breakdown × period: organisations, p10 to p90), then for each distribution its
 * variation chart, its funnel plot where the metric has one, and every organisation's value
 * (numerator and denominator suppressed). Metrics with a breakdown (skill mix by staff group and
 * band, unit price by product, price variation by category) chart only their {@value
 * #MAX_BREAKDOWN_CHARTS} largest distributions by total numerator (WTE, spend, excess spend); the
 * table lists them all.
 */
final class MetricPage {
  static final int MAX_BREAKDOWN_CHARTS = 8;

  /** A longer distribution table is folded away, so that the charts come first. */
  static final int FOLDED_TABLE_ROWS = 25;

  private MetricPage() {}

  /** The page's HTML and how many charts it holds. */
  record Page(String html, int charts) {}

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

  static Page render(ReportData data, Metric metric) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>")
        .append(Html.text(metric.name()))
        .append(" <code>")
        .append(Html.text(metric.id()))
        .append("</code></h1>\n");
    b.append("<p>Family ")
        .append(Html.text(metric.family()))
        .append(" · unit ")
        .append(Html.text(metric.unit()))
        .append(" · ")
        .append(
            metric.direction() == Direction.CONTEXT
                ? "context (neither direction is better)"
                : metric.direction().label() + " is better")
        .append(" · minimum denominator ")
        .append(ValueFormat.threshold(metric.minDenominator()))
        .append(" · grain ")
        .append(Html.text(metric.grain()))
        .append("</p>\n");
    b.append("<p><b>Value</b> = ")
        .append(metric.scale() == 1 ? "" : ValueFormat.threshold(metric.scale()) + " × ")
        .append("<b>numerator</b> ÷ <b>denominator</b>.<br><b>Numerator:</b> ")
        .append(Html.text(metric.numeratorDefinition()))
        .append("<br><b>Denominator:</b> ")
        .append(Html.text(metric.denominatorDefinition()))
        .append("<br><b>Opportunity:</b> ")
        .append(Html.text(metric.opportunity().describe()))
        .append("</p>\n");

    List<Distribution> distributions = data.distributionsOf(metric.id());
    if (distributions.isEmpty()) {
      b.append(
          "<p>No national distribution for this period: no organisation has a value with a"
              + " denominator at or above the minimum (for twelve-month turnover, twelve months of"
              + " leavers must be loaded).</p>\n");
      return new Page(Html.page(metric.name(), "../", b.toString()), 0);
    }
    Set<Slice> charted = charted(data, metric);
    b.append(distributionTable(data, metric, distributions, charted));

    int charts = 0;
    for (Distribution d : distributions) {
      Slice s = d.slice();
      if (!charted.contains(s)) {
        continue;
      }
      SliceFigures figures = new SliceFigures(data, metric, s);
      b.append("<section id=\"")
          .append(anchor(s))
          .append("\">\n<h2>")
          .append(Html.text(figures.title()))
          .append("</h2>\n");
      Optional<VariationChart> variation = figures.variation(null);
      if (variation.isPresent()) {
        charts++;
        b.append(
            SliceFigures.figure(
                variation.get().svg("v" + charts, SliceFigures.WIDE, SliceFigures.WIDE_HEIGHT),
                figures.variationCaption(null)));
      }
      Optional<FunnelChart> funnel = figures.funnel(null);
      if (funnel.isPresent()) {
        charts++;
        b.append(
            SliceFigures.figure(
                funnel.get().svg("f" + charts, SliceFigures.WIDE, SliceFigures.WIDE_HEIGHT),
                figures.funnelCaption()));
      }
      b.append(valuesTable(data, metric, s));
      b.append("</section>\n");
    }
    return new Page(Html.page(metric.name(), "../", b.toString()), charts);
  }

  /**
   * Every distribution with its percentiles, linked to its charts; the service-line and breakdown
   * columns only where the metric has them, folded away when long.
   */
  private static String distributionTable(
      ReportData data, Metric metric, List<Distribution> distributions, Set<Slice> charted) {
    boolean lines =
        distributions.stream().anyMatch(d -> !Columns.ALL.equals(d.slice().serviceLine()));
    boolean breakdowns = distributions.stream().anyMatch(d -> d.slice().hasBreakdown());
    List<String> names = new ArrayList<>();
    if (lines) {
      names.add("service line");
    }
    if (breakdowns) {
      names.add("breakdown");
    }
    int labels = names.size();
    names.addAll(List.of("period", "organisations", "p10", "p25", "median", "p75", "p90"));
    List<Boolean> numeric = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      numeric.add(i > labels);
    }
    StringBuilder b = new StringBuilder("<h2>National distributions</h2>\n");
    boolean fold = distributions.size() > FOLDED_TABLE_ROWS;
    if (fold) {
      b.append("<details><summary>All ")
          .append(distributions.size())
          .append(" distributions</summary>\n");
    }
    b.append("<table>\n").append(Html.header(names, numeric));
    for (Distribution d : distributions) {
      Slice s = d.slice();
      List<String> cells = new ArrayList<>();
      if (lines) {
        cells.add(Html.text(data.label(s.serviceLine())));
      }
      if (breakdowns) {
        cells.add(Html.text(s.hasBreakdown() ? data.label(s.breakdown()) : "–"));
      }
      cells.add(Html.text(s.period()));
      // The link to the distribution's charts sits on its most specific label.
      int linked = labels == 0 ? 0 : labels - 1;
      if (charted.contains(s)) {
        cells.set(linked, "<a href=\"#" + anchor(s) + "\">" + cells.get(linked) + "</a>");
      }
      cells.addAll(
          List.of(
              Long.toString(d.nOrgs()),
              ValueFormat.value(metric, d.p10()),
              ValueFormat.value(metric, d.p25()),
              ValueFormat.value(metric, d.p50()),
              ValueFormat.value(metric, d.p75()),
              ValueFormat.value(metric, d.p90())));
      b.append(Html.row(cells, numeric, null));
    }
    b.append("</table>\n");
    if (fold) {
      b.append("</details>\n");
    }
    if (charted.size() < distributions.size()) {
      b.append("<p class=\"note\">Charted below: the ")
          .append(charted.size())
          .append(" largest distributions by total numerator; the table lists all ")
          .append(distributions.size())
          .append(".</p>\n");
    }
    return b.toString();
  }

  /** Every organisation's value in the distribution, highest first, in a collapsed table. */
  private static String valuesTable(ReportData data, Metric metric, Slice s) {
    Map<String, Value> values = data.valuesIn(s);
    Map<String, Position> positions = data.positionsIn(s);
    List<Value> rows = new ArrayList<>(values.values());
    rows.sort(
        Comparator.comparing((Value v) -> v.value() == null)
            .thenComparing(v -> v.value() == null ? 0 : -v.value())
            .thenComparing(Value::orgCode));
    StringBuilder b = new StringBuilder();
    b.append("<details><summary>Values of the ")
        .append(rows.size())
        .append(" organisations</summary>\n<table>\n")
        .append(OrgPage.valueHeader(false));
    for (Value v : rows) {
      b.append(
          OrgPage.valueRow(
              data,
              metric,
              v,
              Optional.ofNullable(positions.get(v.orgCode())),
              List.of(OrgPage.orgLink(v.orgCode(), "../"), Html.text(data.orgName(v.orgCode()))),
              false,
              null,
              null));
    }
    return b.append("</table>\n</details>\n").toString();
  }
}
