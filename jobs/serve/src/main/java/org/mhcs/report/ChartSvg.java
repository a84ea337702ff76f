package org.mhcs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.mhcs.publish.SvgChart;

/** The report's chart colours, fonts and legend entries; charts are drawn by {@link SvgChart}. */
public final class ChartSvg {
  /** Every organisation's bar or point. */
  public static final Color ORGANISATION = new Color(0x9f, 0xb1, 0xc2);

  /**
   * The selected organisation (NHS dark blue): used nowhere else on a page, so that it marks the
   * selected organisation alone.
   */
  public static final Color SELECTED = new Color(0x00, 0x30, 0x87);

  /** The national median line. */
  static final Color MEDIAN = new Color(0x21, 0x2b, 0x32);

  /** The band between the national 25th and 75th percentiles (NHS warm yellow, translucent). */
  static final Color QUARTILE_BAND = new Color(0xff, 0xb8, 0x1c, 0x55);

  /** Funnel limits and centre. */
  static final Color LIMIT = new Color(0x42, 0x55, 0x63);

  static final Color TARGET = new Color(0x00, 0x7f, 0x3b);

  /** The code labelling a point outside the 99.8% limits (the flag colour of the tables). */
  static final Color OUTLIER = new Color(0xd5, 0x28, 0x1b);

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  private ChartSvg() {}

  /**
   * The chart as an {@code <svg>} element {@code width} × {@code height} with a view box (so CSS
   * can scale it); {@code id} names the element and prefixes its inner ids, unique on a page.
   */
  static String render(JFreeChart chart, int width, int height, String id) {
    return SvgChart.render(chart, width, height, id);
  }

  /** A legend entry drawn as a filled square. */
  static LegendItem box(String label, Color colour) {
    LegendItem item = new LegendItem(label, colour);
    item.setShape(new Rectangle2D.Double(-5, -5, 10, 10));
    item.setLabelFont(LABEL);
    return item;
  }

  /** A legend entry drawn as a line. */
  static LegendItem line(String label, Color colour, Stroke stroke) {
    Shape none = new Rectangle2D.Double();
    LegendItem item =
        new LegendItem(
            label,
            null,
            null,
            null,
            false,
            none,
            false,
            colour,
            false,
            colour,
            stroke,
            true,
            new Line2D.Double(-9, 0, 9, 0),
            stroke,
            colour);
    item.setLabelFont(LABEL);
    return item;
  }

  static BasicStroke solid(float width) {
    return new BasicStroke(width);
  }

  static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }
}
