package org.mhcs.notebook;

import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.mhcs.publish.SvgChart;

/**
 * A cell's bar chart ({@link ChartSpec}) drawn with JFreeChart as an inline SVG element: one bar
 * per result row in result order, one series per y column. Bars stand up for a few short labels and
 * lie down (labels to the left, readable in full) for many or long ones. Draws at most {@link
 * #MAX_BARS} bars.
 */
final class BarChart {
  static final int MAX_BARS = 200;
  private static final int HEIGHT = 380;
  private static final int WIDE = 960;

  private BarChart() {}

  /**
   * The chart as an {@code <svg>} element; its internal ids start with {@code idPrefix} so several
   * charts can share a page.
   *
   * @throws IllegalArgumentException when a named column is missing or not numeric, or an x value
   *     repeats (one bar per x value)
   */
  static String svg(ChartSpec spec, StructType schema, List<Row> rows, String idPrefix) {
    int x = index(schema, spec.x());
    int[] y = new int[spec.y().size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = index(schema, spec.y().get(i));
      if (!(schema.fields()[y[i]].dataType() instanceof NumericType)) {
        throw new IllegalArgumentException(
            "chart y column "
                + spec.y().get(i)
                + " is "
                + schema.fields()[y[i]].dataType().simpleString()
                + ", not a number");
      }
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Set<String> seen = new HashSet<>();
    int bars = Math.min(rows.size(), MAX_BARS);
    int longest = 0;
    for (Row row : rows.subList(0, bars)) {
      String category = row.isNullAt(x) ? "null" : String.valueOf(row.get(x));
      if (!seen.add(category)) {
        throw new IllegalArgumentException(
            "chart x column "
                + spec.x()
                + " repeats '"
                + category
                + "'; a bar chart has one bar per x value: filter or group the query");
      }
      longest = Math.max(longest, category.length());
      for (int i = 0; i < y.length; i++) {
        Number value = row.isNullAt(y[i]) ? null : (Number) row.get(y[i]);
        data.addValue(value, spec.y().get(i), category);
      }
    }
    boolean lying = bars * y.length > 24 || longest > 12;
    JFreeChart chart =
        ChartFactory.createBarChart(
            spec.title(),
            spec.x(),
            y.length == 1 ? spec.y().get(0) : null,
            data,
            lying ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL,
            y.length > 1,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, new Color(0x00, 0x5E, 0xB8));
    renderer.setSeriesPaint(1, new Color(0xED, 0x8B, 0x00));
    renderer.setSeriesPaint(2, new Color(0x76, 0x86, 0x92));
    // Whole numbers with separators (62,917,551) rather than 6E7.
    ((NumberAxis) plot.getRangeAxis())
        .setNumberFormatOverride(
            new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    CategoryAxis axis = plot.getDomainAxis();
    axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    axis.setMaximumCategoryLabelLines(1);
    if (lying) {
      axis.setMaximumCategoryLabelWidthRatio(0.5f);
    }
    int width = lying ? WIDE : Math.max(640, 120 + 28 * bars * y.length);
    int height = lying ? Math.max(240, 110 + 14 * bars * y.length) : HEIGHT;
    return SvgChart.render(chart, width, height, idPrefix + "svg");
  }

  private static int index(StructType schema, String column) {
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "the chart names column "
            + column
            + ", which the result does not have (columns: "
            + String.join(", ", schema.fieldNames())
            + ")");
  }
}
