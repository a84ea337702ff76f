package org.mhcs.report;

import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A metric over time: the national median per period as a line inside the shaded band between the
 * national 25th and 75th percentiles, the selected organisation's value per period as a line of
 * points on top (none on a metric page), and a dashed vertical line at each period whose metric
 * definition or service-line mapping differs from the period before (values either side are not
 * like for like).
 *
 * <p>Each of the organisation's points has the SVG id {@code <id>-pt-<period>} and a {@code
 * <title>} naming it, its period and its value.
 *
 * @param title the metric's name and service line
 * @param axisLabel the unit
 * @param points every period, oldest first
 * @param selected the organisation whose values the points carry, or null for none
 * @param format writes a value in the metric's unit (titles of points)
 */
public record TrendChart(
    String title,
    String axisLabel,
    List<Point> points,
    String selected,
    DoubleFunction<String> format) {

  /**
   * One period: the national percentiles (null where the period has no distribution), the selected
   * organisation's value (null where it has none), whether the basis changed from the period
   * before.
   */
  public record Point(
      String period, Double p25, Double p50, Double p75, Double value, boolean basisChanged) {}

  /**
   * The chart as an inline SVG element with id {@code id}, the selected organisation's points
   * titled.
   */
  public String svg(String id, int width, int height) {
    String svg = ChartSvg.render(chart(id), width, height, id);
    if (selected != null) {
      for (Point p : points) {
        if (p.value() != null) {
          svg = FunnelChart.withTitle(svg, pointId(id, p), pointTitle(p));
        }
      }
    }
    return svg;
  }

  /** A point's hover text: "A01 · 2024-06 · 2.8%". */
  String pointTitle(Point p) {
    return selected + " · " + p.period() + " · " + format.apply(p.value());
  }

  private static String pointId(String id, Point p) {
    return id + "-pt-" + Html.safeName(p.period());
  }

  JFreeChart chart(String id) {
    YIntervalSeries national = new YIntervalSeries("national median");
    XYSeries own = new XYSeries(selected == null ? "organisation" : selected, false, true);
    String[] periods = new String[points.size()];
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      periods[i] = p.period();
      if (p.p50() != null) {
        national.add(
            i, p.p50(), p.p25() == null ? p.p50() : p.p25(), p.p75() == null ? p.p50() : p.p75());
      }
      if (selected != null && p.value() != null) {
        own.add(i, p.value());
      }
    }
    SymbolAxis time = new SymbolAxis(null, periods);
    time.setTickLabelFont(ChartSvg.TICK);
    time.setGridBandsVisible(false);
    time.setVerticalTickLabels(points.size() > 12);
    time.setLowerMargin(0.02);
    time.setUpperMargin(0.02);
    NumberAxis values = new NumberAxis(axisLabel);
    values.setLabelFont(ChartSvg.LABEL);
    values.setTickLabelFont(ChartSvg.TICK);
    values.setAutoRangeIncludesZero(false);
    values.setUpperMargin(0.1);
    values.setLowerMargin(0.1);

    DeviationRenderer band = new DeviationRenderer(true, false);
    band.setSeriesPaint(0, ChartSvg.MEDIAN);
    band.setSeriesStroke(0, ChartSvg.solid(2f));
    band.setSeriesFillPaint(0, ChartSvg.QUARTILE_BAND);
    band.setAlpha(1f);
    YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
    bandData.addSeries(national);

    XYPlot plot = new XYPlot(bandData, time, values, band);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setRangeGridlinePaint(new java.awt.Color(0xd8, 0xdd, 0xe0));
    plot.setDomainGridlinesVisible(false);
    plot.setOutlineVisible(false);
    plot.setInsets(new RectangleInsets(4, 4, 4, 12));
    if (selected != null && own.getItemCount() > 0) {
      XYLineAndShapeRenderer line =
          new NamedXYItems(
              true,
              (dataset, series, item) ->
                  pointId(id, points.get((int) Math.round(dataset.getXValue(series, item)))));
      line.setSeriesPaint(0, ChartSvg.SELECTED);
      line.setSeriesStroke(0, ChartSvg.solid(2.5f));
      line.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
      plot.setDataset(1, new XYSeriesCollection(own));
      plot.setRenderer(1, line);
    }
    boolean anyChange = false;
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).basisChanged()) {
        anyChange = true;
        // Between the two periods: the values on either side are on different bases.
        ValueMarker change = new ValueMarker(i - 0.5, ChartSvg.OUTLIER, ChartSvg.dashed(1.5f));
        change.setLabel("basis changed");
        change.setLabelFont(ChartSvg.TICK);
        change.setLabelPaint(ChartSvg.OUTLIER);
        change.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        change.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(change, Layer.FOREGROUND);
      }
    }

    LegendItemCollection legend = new LegendItemCollection();
    if (selected != null && own.getItemCount() > 0) {
      legend.add(ChartSvg.line(selected, ChartSvg.SELECTED, ChartSvg.solid(2.5f)));
    }
    legend.add(ChartSvg.line("national median", ChartSvg.MEDIAN, ChartSvg.solid(2f)));
    legend.add(ChartSvg.box("25th to 75th percentile", ChartSvg.QUARTILE_BAND));
    if (anyChange) {
      legend.add(
          ChartSvg.line("definition or mapping changed", ChartSvg.OUTLIER, ChartSvg.dashed(1.5f)));
    }
    plot.setFixedLegendItems(legend);

    JFreeChart chart = new JFreeChart(title, ChartSvg.TITLE, plot, true);
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    LegendTitle legendTitle = chart.getLegend();
    legendTitle.setPosition(RectangleEdge.BOTTOM);
    legendTitle.setFrame(BlockBorder.NONE);
    legendTitle.setItemFont(ChartSvg.LABEL);
    return chart;
  }
}
