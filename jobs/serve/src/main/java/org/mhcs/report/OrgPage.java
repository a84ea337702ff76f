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
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.OrgOpportunity;
import org.mhcs.report.ReportData.Peer;
import org.mhcs.report.ReportData.Position;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;

/**
 * {@code org/<code>.html}: one organisation. Its nearest peers; its opportunities against each
 * metric's default target, with its own family totals; then per family and metric a table of its
 * values (value, suppressed numerator and denominator, national median and interquartile range,
 * quartile, percentile rank, peer-group median, funnel position) and the metric's variation chart
 * with it highlighted, with the funnel plot where the metric has one, for its main service line:
 * the one where its denominator is largest. Metrics with a breakdown are tabled, not charted, here.
 */
final class OrgPage {
  private static final List<String> UNITS =
      List.of(Units.GBP, Units.CLINICAL_DAYS, Units.WTE, Units.PATIENTS);

  private OrgPage() {}

  static String href(String root, String org) {
    return root + "org/" + Html.safeName(org) + ".html";
  }

  static String orgLink(String org, String root) {
    return "<a href=\"" + Html.text(href(root, org)) + "\">" + Html.text(org) + "</a>";
  }

  static String metricHref(String root, Metric m, Slice s) {
    return root + "metric/" + Html.safeName(m.id()) + ".html#" + MetricPage.anchor(s);
  }

  /** The header of a values table: per organisation ({@code forOrg}) or per distribution. */
  static String valueHeader(boolean forOrg) {
    List<String> names = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    if (forOrg) {
      names.addAll(List.of("service line", "period"));
    } else {
      names.addAll(List.of("organisation", "name"));
    }
    names.addAll(List.of("value", "numerator", "denominator"));
    if (forOrg) {
      names.addAll(List.of("national median", "p25 to p75"));
    }
    names.addAll(List.of("quartile", "percentile rank", "peer median", "funnel", "note"));
    for (String n : names) {
      numeric.add(
          !List.of("service line", "period", "organisation", "name", "funnel", "note").contains(n));
    }
    return Html.header(names, numeric);
  }

  /**
   * One value's row under {@link #valueHeader}: {@code lead} are the first cells (service line and
   * period on an organisation's page, {@code forOrg}, with the national median and interquartile
   * range of {@code distribution}, which may be null; the organisation and its name on a metric
   * page).
   */
  static String valueRow(
      ReportData data,
      Metric metric,
      Value v,
      Optional<Position> position,
      List<String> lead,
      boolean forOrg,
      Distribution distribution,
      String rowClass) {
    List<String> cells = new ArrayList<>(lead);
    List<Boolean> numeric = new ArrayList<>();
    lead.forEach(c -> numeric.add(false));
    cells.add(ValueFormat.value(metric, v.value()));
    cells.add(ValueFormat.count(v.numerator()));
    cells.add(ValueFormat.count(v.denominator()));
    numeric.addAll(List.of(true, true, true));
    if (lead.size() > 1) {
      cells.add(
          distribution == null ? ValueFormat.NONE : ValueFormat.value(metric, distribution.p50()));
      cells.add(
          distribution == null
              ? ValueFormat.NONE
              : ValueFormat.value(metric, distribution.p25())
                  + " to "
                  + ValueFormat.value(metric, distribution.p75()));
      numeric.addAll(List.of(true, true));
    }
    Position p = position.orElse(null);
    cells.add(
        p == null || p.quartile() == null ? ValueFormat.NONE : quartile(metric, p.quartile()));
    cells.add(p == null ? ValueFormat.NONE : ValueFormat.rank(p.percentileRank()));
    cells.add(p == null ? ValueFormat.NONE : ValueFormat.value(metric, p.peerP50()));
    cells.add(funnel(p));
    cells.add(v.flags() == null ? "" : Html.text("left out: " + v.flags().replace('_', ' ')));
    numeric.addAll(List.of(true, true, true, false, false));
    return Html.row(cells, numeric, rowClass);
  }

  private static String quartile(Metric metric, int quartile) {
    if (metric.direction() == Direction.CONTEXT) {
      return quartile + (quartile == 1 ? " (lowest)" : quartile == 4 ? " (highest)" : "");
    }
    return quartile + (quartile == 1 ? " (best)" : quartile == 4 ? " (worst)" : "");
  }

  /** Where the value falls in the funnel: outside 99.8% or 95% limits, within, or no funnel. */
  static String funnel(Position p) {
    if (p == null || p.funnelType() == null) {
      return ValueFormat.NONE;
    }
    if (p.flag998() != null) {
      return "<span class=\"flag-" + p.flag998() + "\">" + side(p.flag998()) + " 99.8%</span>";
    }
    if (p.flag95() != null) {
      return "<span class=\"flag-" + p.flag95() + "\">" + side(p.flag95()) + " 95%</span>";
    }
    return "within limits";
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

  /** The page's HTML and how many charts it holds. */
  record Page(String html, int charts) {}

  static Page render(ReportData data, String org) {
    StringBuilder b = new StringBuilder();
    String name = data.orgName(org);
    b.append("<h1>")
        .append(Html.text(org))
        .append(name.equals(org) ? "" : " · " + Html.text(name))
        .append("</h1>\n<p>")
        .append(Html.text(data.period().toString()))
        .append("; estates and corporate metrics from the annual returns of ")
        .append(Html.text(data.period().financialYear()))
        .append(". Quartile 1 is the best quarter given the metric's direction (for context")
        .append(" metrics, the lowest values); percentile rank is the percent of other")
        .append(" organisations with a lower value. Numerators and denominators are suppressed:")
        .append(" 1 to 7 shown as *, others rounded to the nearest 5. The shaded row of each")
        .append(" metric is the one charted: the service line where the organisation's denominator")
        .append(" is largest (the metric's page charts every service line).</p>\n<p>")
        .append("<a href=\"#peers\">Peers</a> · <a href=\"#opportunities\">Opportunities</a>");
    List<String> families =
        data.catalog().families().stream()
            .filter(
                f ->
                    data.valuesOf(org).stream()
                        .anyMatch(v -> data.catalog().get(v.slice().metricId()).family().equals(f)))
            .toList();
    for (String family : families) {
      b.append(" · <a href=\"#")
          .append(Html.anchor("family", family))
          .append("\">")
          .append(Html.text(family))
          .append("</a>");
    }
    b.append("</p>\n");
    b.append(peersSection(data, org));
    b.append(opportunitySection(data, org));

    Map<Metric, Slice> charted = chartedSlices(data, org);
    int charts = 0;
    for (String family : families) {
      b.append("<h2 id=\"")
          .append(Html.anchor("family", family))
          .append("\">")
          .append(Html.text(family))
          .append(" metrics</h2>\n");
      for (Metric m : data.catalog().family(family)) {
        List<Value> rows =
            data.valuesOf(org).stream().filter(v -> v.slice().metricId().equals(m.id())).toList();
        if (rows.isEmpty()) {
          continue;
        }
        b.append("<section id=\"")
            .append(Html.anchor("metric", m.id()))
            .append("\">\n<h3>")
            .append(Html.link("../metric/" + Html.safeName(m.id()) + ".html", m.name()))
            .append(" <code>")
            .append(Html.text(m.id()))
            .append("</code></h3>\n");
        b.append(metricTable(data, org, rows, charted.get(m)));
        Slice s = charted.get(m);
        if (s != null) {
          SliceFigures figures = new SliceFigures(data, m, s);
          Optional<VariationChart> variation = figures.variation(org);
          if (variation.isPresent()) {
            b.append("<div class=\"charts\">\n");
            charts++;
            b.append(
                SliceFigures.figure(
                    variation.get().svg("v" + charts, SliceFigures.HALF, SliceFigures.HALF_HEIGHT),
                    figures.variationCaption(org)));
            Optional<FunnelChart> funnel = figures.funnel(org);
            if (funnel.isPresent()) {
              charts++;
              b.append(
                  SliceFigures.figure(
                      funnel.get().svg("f" + charts, SliceFigures.HALF, SliceFigures.HALF_HEIGHT),
                      figures.funnelCaption()));
            }
            b.append("</div>\n");
          }
        }
        b.append("</section>\n");
      }
    }
    String title = name.equals(org) ? org : org + " · " + name;
    return new Page(Html.page(title, "../", b.toString()), charts);
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
  private static String metricTable(ReportData data, String org, List<Value> rows, Slice charted) {
    StringBuilder b = new StringBuilder();
    boolean fold = rows.size() > 12;
    if (fold) {
      b.append("<details><summary>")
          .append(rows.size())
          .append(" values by service line and breakdown</summary>\n");
    }
    b.append("<table>\n").append(valueHeader(true));
    for (Value v : rows) {
      b.append(row(data, org, v, v.slice().equals(charted)));
    }
    b.append("</table>\n");
    if (fold) {
      b.append("</details>\n");
    }
    return b.toString();
  }

  private static String row(ReportData data, String org, Value v, boolean charted) {
    Metric m = data.catalog().get(v.slice().metricId());
    Slice s = v.slice();
    Optional<Distribution> d = data.distribution(s);
    String line =
        Html.text(
            data.label(s.serviceLine())
                + (s.hasBreakdown() ? " · " + data.label(s.breakdown()) : ""));
    return valueRow(
        data,
        m,
        v,
        data.position(s, org),
        List.of(
            d.isPresent()
                ? "<a href=\"" + Html.text(metricHref("../", m, s)) + "\">" + line + "</a>"
                : line,
            Html.text(s.period())),
        true,
        d.orElse(null),
        charted ? "charted" : null);
  }

  private static String peersSection(ReportData data, String org) {
    StringBuilder b = new StringBuilder("<h2 id=\"peers\">Peers</h2>\n");
    List<Peer> peers = data.peersOf(org);
    if (peers.isEmpty()) {
      return b.append("<p>No peers found for ")
          .append(Html.text(org))
          .append(" in ")
          .append(Html.text(data.period().toString()))
          .append(".</p>\n")
          .toString();
    }
    b.append("<p>The nearest organisations by service-line mix, size and workforce mix")
        .append(" (standardised features, equally weighted; smaller distance is nearer). The")
        .append(" peer median in the metrics table is the median of ")
        .append(Html.text(org))
        .append(" and these peers.</p>\n<table>\n")
        .append(
            Html.header(
                List.of("rank", "organisation", "name", "distance"),
                List.of(true, false, false, true)));
    for (Peer p : peers) {
      b.append(
          Html.row(
              List.of(
                  Integer.toString(p.rank()),
                  orgLink(p.peerOrgCode(), "../"),
                  Html.text(data.orgName(p.peerOrgCode())),
                  ValueFormat.distance(p.distance())),
              List.of(true, false, false, true),
              null));
    }
    return b.append("</table>\n").toString();
  }

  /**
   * The organisation's opportunities against each metric's default target: its own totals per
   * family (summing, as {@code gold.opportunity_family} does nationally, only the metrics that
   * count in their family's total), then per metric, summed over service lines and breakdowns.
   */
  private static String opportunitySection(ReportData data, String org) {
    StringBuilder b = new StringBuilder("<h2 id=\"opportunities\">Opportunities</h2>\n");
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
      return b.append("<p>No opportunity against the default targets: ")
          .append(Html.text(org))
          .append(" is at or better than the target wherever a metric has one.</p>\n")
          .toString();
    }
    b.append("<p>What moving to each metric's default target (docs/metrics.md) would release:")
        .append(" the gap to the target times the organisation's own volume, never negative.")
        .append(" Family totals leave out metrics that restate another's release, as the")
        .append(" national totals do.</p>\n<h3>By family</h3>\n<table>\n");
    List<Boolean> familyNumeric = List.of(false, false, true, true, true, true);
    b.append(
        Html.header(
            List.of("family", "period", "£", "clinical days", "WTE", "patients"), familyNumeric));
    for (Map.Entry<List<String>, Map<String, Double>> e : byFamily.entrySet()) {
      List<String> cells =
          new ArrayList<>(List.of(Html.text(e.getKey().get(0)), Html.text(e.getKey().get(1))));
      for (String unit : UNITS) {
        Double total = e.getValue().get(unit);
        cells.add(total == null ? ValueFormat.NONE : ValueFormat.opportunity(unit, total));
      }
      b.append(Html.row(cells, familyNumeric, null));
    }
    b.append("</table>\n<h3>By metric</h3>\n<table>\n");
    List<Boolean> metricNumeric = List.of(false, false, false, false, true);
    b.append(
        Html.header(List.of("metric", "period", "target", "unit", "opportunity"), metricNumeric));
    List<Map.Entry<List<String>, Double>> ranked =
        byMetric.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(
                Comparator.comparing(
                        (Map.Entry<List<String>, Double> e) -> UNITS.indexOf(e.getKey().get(2)))
                    .thenComparing(e -> -e.getValue()))
            .toList();
    for (Map.Entry<List<String>, Double> e : ranked) {
      Metric m = data.catalog().get(e.getKey().get(0));
      String unit = e.getKey().get(2);
      b.append(
          Html.row(
              List.of(
                  Html.link("../metric/" + Html.safeName(m.id()) + ".html", m.name())
                      + (m.opportunity().inFamilyTotal()
                          ? ""
                          : " <span class=\"note\">(restates "
                              + Html.text(m.opportunity().overlaps())
                              + ")</span>"),
                  Html.text(e.getKey().get(1)),
                  Html.text(e.getKey().get(3).replace('_', ' ')),
                  Html.text(unitName(unit)),
                  ValueFormat.opportunity(unit, e.getValue())),
              metricNumeric,
              null));
    }
    return b.append("</table>\n").toString();
  }
}
