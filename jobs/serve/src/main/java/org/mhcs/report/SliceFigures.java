package org.mhcs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mhcs.benchmark.FunnelLimits;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.FunnelType;
import org.mhcs.metrics.Metric;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.Position;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;
import org.mhcs.warehouse.Columns;

/**
 * The figures of one distribution (metric × period × service line × breakdown): its variation
 * chart, its funnel plot where the metric has one, and their captions, with or without a selected
 * organisation. Shared by the metric and organisation pages so both draw the same thing.
 */
final class SliceFigures {
  static final int WIDE = 900;
  static final int WIDE_HEIGHT = 400;
  static final int HALF = 580;
  static final int HALF_HEIGHT = 380;

  private final ReportData data;
  private final Metric metric;
  private final Slice slice;

  SliceFigures(ReportData data, Metric metric, Slice slice) {
    this.data = data;
    this.metric = metric;
    this.slice = slice;
  }

  /** "Direct care time % · Community nursing · 2024-06", with the breakdown when there is one. */
  String title() {
    StringBuilder t = new StringBuilder(metric.name());
    if (!Columns.ALL.equals(slice.serviceLine())) {
      t.append(" · ").append(data.label(slice.serviceLine()));
    }
    if (slice.hasBreakdown()) {
      t.append(" · ").append(data.label(slice.breakdown()));
    }
    return t.append(" · ").append(slice.period()).toString();
  }

  /** The organisations the national distribution holds (no flag, a value). */
  List<Value> benchmarked() {
    return data.valuesIn(slice).values().stream().filter(Value::benchmarked).toList();
  }

  /** Organisations with a row here that the distribution leaves out, with why. */
  List<Value> leftOut() {
    return data.valuesIn(slice).values().stream().filter(v -> !v.benchmarked()).toList();
  }

  Optional<VariationChart> variation(String selected) {
    Optional<Distribution> d = data.distribution(slice);
    List<Value> in = benchmarked();
    if (d.isEmpty() || in.isEmpty()) {
      return Optional.empty();
    }
    List<VariationChart.Bar> bars = new ArrayList<>();
    for (Value v : in) {
      bars.add(new VariationChart.Bar(v.orgCode(), v.value()));
    }
    boolean selectedIn = in.stream().anyMatch(v -> v.orgCode().equals(selected));
    return Optional.of(
        new VariationChart(
            title(),
            ValueFormat.axisLabel(metric),
            bars,
            d.get().p25(),
            d.get().p50(),
            d.get().p75(),
            selectedIn ? selected : null,
            v -> ValueFormat.value(metric, v)));
  }

  /** The funnel's shared parameters: any organisation's row that has limits carries them. */
  private Optional<Position> funnelParameters() {
    if (metric.funnel() == FunnelType.NONE) {
      return Optional.empty();
    }
    return data.positionsIn(slice).values().stream()
        .filter(p -> p.funnelType() != null && p.funnelTarget() != null)
        .findFirst();
  }

  Optional<FunnelChart> funnel(String selected) {
    Optional<Position> parameters = funnelParameters();
    if (parameters.isEmpty()) {
      return Optional.empty();
    }
    Position p = parameters.get();
    List<FunnelChart.Point> points = new ArrayList<>();
    Map<String, Position> positions = data.positionsIn(slice);
    for (Value v : benchmarked()) {
      Double shown = ValueFormat.plottableCount(v.denominator());
      if (shown != null) {
        Position at = positions.get(v.orgCode());
        points.add(
            new FunnelChart.Point(
                v.orgCode(), shown, v.value(), at != null && at.flag998() != null));
      }
    }
    if (points.isEmpty()) {
      return Optional.empty();
    }
    boolean adjusted = Boolean.TRUE.equals(p.funnelAdjusted());
    double tau2 = p.funnelTau2() == null ? 0 : p.funnelTau2();
    return Optional.of(
        new FunnelChart(
            "Funnel plot · " + title(),
            denominatorLabel(),
            ValueFormat.axisLabel(metric),
            points,
            p.funnelTarget(),
            n ->
                FunnelLimits.at(
                    metric.funnel(), p.funnelTarget(), tau2, adjusted, metric.scale(), n),
            selected,
            v -> ValueFormat.value(metric, v)));
  }

  /** The denominator in a few words for an axis: its definition up to a clause break. */
  String denominatorLabel() {
    String d = metric.denominatorDefinition();
    for (String stop : List.of(";", " (as ", " = ")) {
      int at = d.indexOf(stop);
      if (at > 0) {
        d = d.substring(0, at);
      }
    }
    if (d.length() > 70) {
      d = d.substring(0, 67) + "…";
    }
    return d + " (rounded to 5)";
  }

  /** What the variation chart shows, in words, for its caption. */
  String variationCaption(String selected) {
    Distribution d = data.distribution(slice).orElseThrow();
    StringBuilder c = new StringBuilder();
    c.append("Each bar is one organisation's value, lowest on the left: ")
        .append(d.nOrgs())
        .append(" organisations in the national distribution");
    int out = leftOut().size();
    if (out > 0) {
      c.append(" (")
          .append(out)
          .append(" more left out: no value, or a denominator below the minimum of ")
          .append(ValueFormat.threshold(metric.minDenominator()))
          .append(")");
    }
    c.append(". Line: national median ")
        .append(ValueFormat.value(metric, d.p50()))
        .append("; shaded: 25th to 75th percentile, ")
        .append(ValueFormat.value(metric, d.p25()))
        .append(" to ")
        .append(ValueFormat.value(metric, d.p75()))
        .append(". ")
        .append(better());
    if (selected != null) {
      Optional<Value> v = Optional.ofNullable(data.valuesIn(slice).get(selected));
      if (v.isPresent() && v.get().benchmarked()) {
        c.append(" Highlighted: ")
            .append(selected)
            .append(", ")
            .append(ValueFormat.value(metric, v.get().value()));
        data.position(slice, selected)
            .filter(p -> p.quartile() != null)
            .ifPresent(p -> c.append(", quartile ").append(p.quartile()));
        c.append('.');
      }
    }
    return c.toString();
  }

  /** What the funnel plot shows, for its caption. */
  String funnelCaption() {
    Position p = funnelParameters().orElseThrow();
    StringBuilder c = new StringBuilder();
    c.append("Each point is an organisation's value against its denominator (")
        .append(metric.denominatorDefinition())
        .append("), rounded to the nearest 5 for publication. Green line: the pooled value of all")
        .append(" organisations, ")
        .append(ValueFormat.value(metric, p.funnelTarget()))
        .append("; dashed: 95% limits; solid: 99.8% limits");
    if (Boolean.TRUE.equals(p.funnelAdjusted())) {
      c.append(", widened for overdispersion (Spiegelhalter; φ ")
          .append(String.format(Locale.ROOT, "%.2f", phi()))
          .append(")");
    }
    long masked =
        benchmarked().stream()
            .filter(v -> ValueFormat.plottableCount(v.denominator()) == null)
            .count();
    if (masked > 0) {
      c.append(". Not plotted: ")
          .append(masked)
          .append(masked == 1 ? " organisation" : " organisations")
          .append(" whose denominator is 7 or less (suppressed)");
    }
    c.append(". ")
        .append(
            metric.funnel() == FunnelType.RATE ? "Rates: observed over expected" : "Proportions")
        .append(", limits as FunnelPlotR computes them.");
    List<String> high = new ArrayList<>();
    List<String> low = new ArrayList<>();
    for (Position q : data.positionsIn(slice).values()) {
      if (FunnelLimits.HIGH.equals(q.flag998())) {
        high.add(q.orgCode());
      } else if (FunnelLimits.LOW.equals(q.flag998())) {
        low.add(q.orgCode());
      }
    }
    c.append(" Outside the 99.8% limits: ")
        .append(high.isEmpty() ? "none above" : "above " + String.join(", ", high))
        .append("; ")
        .append(low.isEmpty() ? "none below" : "below " + String.join(", ", low))
        .append('.');
    return c.toString();
  }

  private double phi() {
    Double phi = funnelParameters().orElseThrow().funnelPhi();
    return phi == null ? Double.NaN : phi;
  }

  private String better() {
    return metric.direction() == Direction.CONTEXT
        ? "Neither higher nor lower is better by itself (context)."
        : (metric.direction() == Direction.HIGHER_IS_BETTER ? "Higher" : "Lower") + " is better.";
  }
}
