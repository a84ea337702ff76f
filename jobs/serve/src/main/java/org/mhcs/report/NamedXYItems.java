package org.mhcs.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGHints;

/**
 * Points (and optionally the line through them) whose SVG elements carry an id naming what each
 * point is, so tests and pages can find a point by its organisation or period.
 */
final class NamedXYItems extends XYLineAndShapeRenderer {
  /** The SVG id of one item. */
  @FunctionalInterface
  interface ItemId {
    String of(XYDataset dataset, int series, int item);
  }

  private final ItemId itemId;

  NamedXYItems(boolean lines, ItemId itemId) {
    super(lines, true);
    this.itemId = itemId;
  }

  @Override
  public void drawItem(
      Graphics2D g2,
      XYItemRendererState state,
      Rectangle2D dataArea,
      PlotRenderingInfo info,
      XYPlot plot,
      ValueAxis domainAxis,
      ValueAxis rangeAxis,
      XYDataset dataset,
      int series,
      int item,
      CrosshairState crosshairState,
      int pass) {
    if (isItemPass(pass)) {
      g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, itemId.of(dataset, series, item));
    }
    super.drawItem(
        g2,
        state,
        dataArea,
        info,
        plot,
        domainAxis,
        rangeAxis,
        dataset,
        series,
        item,
        crosshairState,
        pass);
    // A point outside the plot is not drawn: its id must not go to the next element.
    g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, null);
  }
}
