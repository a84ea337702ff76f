package org.mhcs.publish;

import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;

/**
 * Draws a JFreeChart as an inline SVG element, for reports and notebook pages: text kept as text
 * (searchable, read by screen readers), a view box so CSS can scale it. Headless: there is no
 * display on a server or in CI, and the launcher does not say so.
 */
public final class SvgChart {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private SvgChart() {}

  /**
   * The chart as an {@code <svg>} element {@code width} × {@code height}; {@code id} names the
   * element and prefixes its inner ids, so several charts can share a page.
   */
  public static String render(JFreeChart chart, int width, int height, String id) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    g.setGeomDoubleConverter(SVGUtils.createDoubleConverter(1));
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
  }
}
