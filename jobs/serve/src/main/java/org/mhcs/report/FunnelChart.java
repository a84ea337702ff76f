package org.mhcs.report;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGUtils;
import org.mhcs.benchmark.FunnelLimits.Limits;

/**
 * A funnel plot: each organisation's value against its denominator, the centre line (the pooled
 * value of all organisations) and the 95% and 99.8% control limits, which narrow as the denominator
 * grows. A point outside the limits differs from the centre by more than chance explains at that
 * size. Denominators are plotted after small-number suppression (rounded to the nearest 5; masked
 * ones left out), so no exact count can be read off the chart.
 *
 * <p>Each organisation's point has the SVG id {@code <id>-pt-<org>} and a {@code <title>} (its
 * code, value and plotted denominator) that a browser shows on hover; points outside the 99.8%
 * limits are also labelled with their code on the chart.
 *
 * @param points organisations with a value and a plottable (suppressed) denominator
 * @param target the centre line, in the metric's scale
 * @param limitsAt the limits at a denominator ({@code FunnelLimits.at} with this funnel's
 *     parameters)
 * @param selected the organisation to highlight, or null
 * @param format writes a value in the metric's unit (the points' hover titles)
 */
public record FunnelChart(
    String title,
    String xLabel,
    String yLabel,
    List<Point> points,
    double target,
    DoubleFunction<Optional<Limits>> limitsAt,
    String selected,
    DoubleFunction<String> format) {

  /**
   * One organisation: its suppressed denominator, its value, and whether it lies outside the 99.8%
   * limits (as {@code gold.org_position} flags it, at its exact denominator).
   */
  public record Point(String org, double denominator, double value, boolean outside998) {}

  /** Points along each limit curve. */
  private static final int CURVE_POINTS = 120;

  public String svg(String id, int width, int height) {
    String svg = ChartSvg.render(chart(id), width, height, id);
    for (Point p : points) {
      svg = withTitle(svg, id + "-pt-" + Html.safeName(p.org()), title(p));
    }
    return svg;
  }

  /** A point's hover text: "A01 · 2.8% · denominator 6,750". */
  String title(Point p) {
    return p.org()
        + " · "
        + format.apply(p.value())
        + " · denominator "
        + String.format(Locale.ROOT, "%,.0f", p.denominator());
  }

  /**
   * {@code svg} with a {@code <title>} (escaped) as the first child of the element {@code
   * elementId}: the SVG way to name a shape on hover. JFreeSVG writes each point as a group holding
   * its shape.
   */
  static String withTitle(String svg, String elementId, String title) {
    Matcher m = Pattern.compile("<g id='" + Pattern.quote(elementId) + "'[^>]*>").matcher(svg);
    if (!m.find()) {
      return svg;
    }
    return svg.substring(0, m.end())
        + "<title>"
        + SVGUtils.escapeForXML(title)
        + "</title>"
        + svg.substring(m.end());
  }

  JFreeChart chart(String id) {
    XYSeries others = new XYSeries("organisations", false, true);
    XYSeries chosen = new XYSeries("selected", false, true);
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = target;
    double maxY = target;
    // The series keep insertion order (autoSort off), so a point's index names its organisation.
    List<List<String>> orgs = List.of(new ArrayList<>(), new ArrayList<>());
    List<Point> outliers = new ArrayList<>();
    for (Point p : points) {
      int s = p.org().equals(selected) ? 1 : 0;
      (s == 1 ? chosen : others).add(p.denominator(), p.value());
      orgs.get(s).add(p.org());
      if (p.outside998()) {
        outliers.add(p);
      }
      minX = Math.min(minX, p.denominator());
      maxX = Math.max(maxX, p.denominator());
      minY = Math.min(minY, p.value());
      maxY = Math.max(maxY, p.value());
    }
    XYSeriesCollection dots = new XYSeriesCollection();
    dots.addSeries(others);
    dots.addSeries(chosen);

    XYSeries lower998 = new XYSeries("lower 99.8%", false, true);
    XYSeries upper998 = new XYSeries("upper 99.8%", false, true);
    XYSeries lower95 = new XYSeries("lower 95%", false, true);
    XYSeries upper95 = new XYSeries("upper 95%", false, true);
    XYSeries centre = new XYSeries("target", false, true);
    double xEnd = maxX * 1.05;
    // From well below the smallest organisation, log-spaced so the narrow end is smooth.
    double xStart = Math.max(Math.min(minX * 0.5, xEnd / 50), 1e-9);
    for (int i = 0; i <= CURVE_POINTS; i++) {
      double x = xStart * Math.pow(xEnd / xStart, (double) i / CURVE_POINTS);
      Optional<Limits> at = limitsAt.apply(x);
      if (at.isPresent()) {
        lower998.add(x, at.get().lower998());
        upper998.add(x, at.get().upper998());
        lower95.add(x, at.get().lower95());
        upper95.add(x, at.get().upper95());
      }
    }
    centre.add(0, target);
    centre.add(xEnd, target);
    XYSeriesCollection lines = new XYSeriesCollection();
    lines.addSeries(lower998);
    lines.addSeries(upper998);
    lines.addSeries(lower95);
    lines.addSeries(upper95);
    lines.addSeries(centre);

    NumberAxis x = new NumberAxis(xLabel);
    x.setLabelFont(ChartSvg.LABEL);
    x.setTickLabelFont(ChartSvg.TICK);
    x.setRange(0, xEnd);
    NumberAxis y = new NumberAxis(yLabel);
    y.setLabelFont(ChartSvg.LABEL);
    y.setTickLabelFont(ChartSvg.TICK);
    // The limits open wide at small denominators: show the organisations and the 95% limits
    // where the funnel is narrowest, not the curves' far ends.
    Optional<Limits> narrowest = limitsAt.apply(maxX);
    if (narrowest.isPresent()) {
      minY = Math.min(minY, narrowest.get().lower95());
      maxY = Math.max(maxY, narrowest.get().upper95());
    }
    double pad = Math.max((maxY - minY) * 0.2, Math.abs(target) * 0.05 + 1e-9);
    y.setRange(minY >= 0 ? Math.max(0, minY - pad) : minY - pad, maxY + pad);

    XYLineAndShapeRenderer dotRenderer =
        new NamedXYItems(
            false,
            (dataset, series, item) -> id + "-pt-" + Html.safeName(orgs.get(series).get(item)));
    dotRenderer.setSeriesPaint(0, ChartSvg.ORGANISATION);
    dotRenderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    dotRenderer.setSeriesPaint(1, ChartSvg.SELECTED);
    dotRenderer.setSeriesShape(1, new Ellipse2D.Double(-6, -6, 12, 12));
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    // One SVG path per curve, not one element per segment.
    lineRenderer.setDrawSeriesLineAsPath(true);
    for (int s = 0; s < 4; s++) {
      lineRenderer.setSeriesPaint(s, ChartSvg.LIMIT);
      lineRenderer.setSeriesStroke(s, s < 2 ? ChartSvg.solid(1.2f) : ChartSvg.dashed(1.2f));
    }
    lineRenderer.setSeriesPaint(4, ChartSvg.TARGET);
    lineRenderer.setSeriesStroke(4, ChartSvg.solid(1.5f));

    XYPlot plot = new XYPlot(dots, x, y, dotRenderer);
    for (Point p : outliers) {
      // Beside the point, to its right, so the label does not hide it.
      XYTextAnnotation label =
          new XYTextAnnotation(p.org(), p.denominator() + xEnd * 0.008, p.value());
      label.setFont(ChartSvg.LABEL);
      label.setPaint(ChartSvg.OUTLIER);
      label.setTextAnchor(TextAnchor.CENTER_LEFT);
      plot.addAnnotation(label);
    }
    plot.setDataset(1, lines);
    plot.setRenderer(1, lineRenderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xd8, 0xdd, 0xe0));
    plot.setRangeGridlinePaint(new Color(0xd8, 0xdd, 0xe0));
    plot.setOutlineVisible(false);
    plot.setInsets(new RectangleInsets(4, 4, 4, 12));

    LegendItemCollection legend = new LegendItemCollection();
    legend.add(ChartSvg.box("organisation", ChartSvg.ORGANISATION));
    if (!chosen.isEmpty()) {
      legend.add(ChartSvg.box(selected, ChartSvg.SELECTED));
    }
    legend.add(ChartSvg.line("target (pooled)", ChartSvg.TARGET, ChartSvg.solid(1.5f)));
    legend.add(ChartSvg.line("95% limits", ChartSvg.LIMIT, ChartSvg.dashed(1.2f)));
    legend.add(ChartSvg.line("99.8% limits", ChartSvg.LIMIT, ChartSvg.solid(1.2f)));
    plot.setFixedLegendItems(legend);

    JFreeChart chart = new JFreeChart(title, ChartSvg.TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legendTitle = chart.getLegend();
    legendTitle.setPosition(RectangleEdge.BOTTOM);
    legendTitle.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    return chart;
  }
}
