package org.mhcs.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGHints;

/**
 * A variation chart as in the national review's figures: one bar per organisation, sorted by value
 * (lowest left), the national median as a line, the band between the 25th and 75th percentiles
 * shaded, and the selected organisation's bar in a distinct colour with its value above it.
 *
 * <p>Each bar's SVG element has the id {@code <id>-bar-<org>} so that tests (and readers of the
 * source) can find an organisation's bar.
 *
 * @param title the metric's name, service line and period
 * @param axisLabel the unit
 * @param bars every organisation in the distribution, any order
 * @param selected the organisation to highlight, or null
 * @param format writes a value in the metric's unit (median label, selected bar's label)
 */
public record VariationChart(
    String title,
    String axisLabel,
    List<Bar> bars,
    double p25,
    double p50,
    double p75,
    String selected,
    Function<Double, String> format) {

  /** One organisation's value. */
  public record Bar(String org, double value) {}

  /** Above this many organisations the codes under the bars are left out (they cannot be read). */
  static final int MAX_LABELLED_BARS = 60;

  private static final String SERIES = "value";

  /** The bars in the order drawn: by value, then organisation code. */
  public List<Bar> sorted() {
    return bars.stream()
        .sorted(Comparator.comparingDouble(Bar::value).thenComparing(Bar::org))
        .toList();
  }

  /** The chart as an inline SVG element with id {@code id}. */
  public String svg(String id, int width, int height) {
    return ChartSvg.render(chart(id), width, height, id);
  }

  JFreeChart chart(String id) {
    List<Bar> sorted = sorted();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bar b : sorted) {
      data.addValue(b.value(), SERIES, b.org());
    }
    int selectedIndex = selected == null ? -1 : data.getColumnIndex(selected);

    CategoryAxis organisations = new CategoryAxis(null);
    organisations.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
    organisations.setTickLabelFont(ChartSvg.TICK);
    organisations.setCategoryMargin(0.15);
    organisations.setLowerMargin(0.01);
    organisations.setUpperMargin(0.01);
    organisations.setTickLabelsVisible(sorted.size() <= MAX_LABELLED_BARS);
    organisations.setTickMarksVisible(false);
    NumberAxis values = new NumberAxis(axisLabel);
    values.setLabelFont(ChartSvg.LABEL);
    values.setTickLabelFont(ChartSvg.TICK);
    values.setUpperMargin(0.12);

    BarRenderer renderer = new HighlightingBars(id, selectedIndex);
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setMaximumBarWidth(0.05);
    renderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator() {
          @Override
          public String generateLabel(CategoryDataset dataset, int row, int column) {
            return column == selectedIndex
                ? format.apply(dataset.getValue(row, column).doubleValue())
                : null;
          }
        });
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(ChartSvg.LABEL.deriveFont(java.awt.Font.BOLD));
    renderer.setDefaultItemLabelPaint(ChartSvg.SELECTED);
    renderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));

    CategoryPlot plot = new CategoryPlot(data, organisations, values, renderer);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setRangeGridlinePaint(new java.awt.Color(0xd8, 0xdd, 0xe0));
    plot.setOutlineVisible(false);
    plot.setInsets(new RectangleInsets(4, 4, 4, 8));

    IntervalMarker band = new IntervalMarker(p25, p75);
    band.setPaint(ChartSvg.QUARTILE_BAND);
    band.setAlpha(1f);
    plot.addRangeMarker(band, Layer.BACKGROUND);
    ValueMarker median = new ValueMarker(p50, ChartSvg.MEDIAN, ChartSvg.solid(2f));
    median.setLabel("median " + format.apply(p50));
    median.setLabelFont(ChartSvg.LABEL);
    median.setLabelPaint(ChartSvg.MEDIAN);
    median.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 210));
    median.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    median.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    median.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
    plot.addRangeMarker(median, Layer.FOREGROUND);

    LegendItemCollection legend = new LegendItemCollection();
    legend.add(ChartSvg.box("organisation", ChartSvg.ORGANISATION));
    if (selectedIndex >= 0) {
      legend.add(ChartSvg.box(selected, ChartSvg.SELECTED));
    }
    legend.add(ChartSvg.line("national median", ChartSvg.MEDIAN, ChartSvg.solid(2f)));
    legend.add(ChartSvg.box("25th to 75th percentile", ChartSvg.QUARTILE_BAND));
    plot.setFixedLegendItems(legend);

    JFreeChart chart = new JFreeChart(title, ChartSvg.TITLE, plot, true);
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    LegendTitle legendTitle = chart.getLegend();
    legendTitle.setPosition(RectangleEdge.BOTTOM);
    legendTitle.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    legendTitle.setItemFont(ChartSvg.LABEL);
    return chart;
  }

  /** Bars in the organisation colour, the selected one in its own; each bar's SVG id names it. */
  private static final class HighlightingBars extends BarRenderer {
    private final String id;
    private final int selectedIndex;

    HighlightingBars(String id, int selectedIndex) {
      this.id = id;
      this.selectedIndex = selectedIndex;
    }

    @Override
    public java.awt.Paint getItemPaint(int row, int column) {
      return column == selectedIndex ? ChartSvg.SELECTED : ChartSvg.ORGANISATION;
    }

    @Override
    public void drawItem(
        Graphics2D g2,
        CategoryItemRendererState state,
        Rectangle2D dataArea,
        CategoryPlot plot,
        CategoryAxis domainAxis,
        ValueAxis rangeAxis,
        CategoryDataset dataset,
        int row,
        int column,
        int pass) {
      if (pass == 0) {
        g2.setRenderingHint(
            SVGHints.KEY_ELEMENT_ID,
            id + "-bar-" + Html.safeName(dataset.getColumnKey(column).toString()));
      }
      super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
      // A bar outside the plot is not drawn: its id must not go to the next element.
      g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, null);
    }
  }
}
