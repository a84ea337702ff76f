package org.mhcs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mhcs.metrics.Metric;
import org.mhcs.report.ReportView.Cell;
import org.mhcs.report.ReportView.Column;
import org.mhcs.report.ReportView.Line;
import org.mhcs.report.ReportView.Table;
import org.mhcs.report.SystemData.TrendPoint;
import org.mhcs.systems.SystemMembership;
import org.mhcs.warehouse.Columns;

/**
 * A metric's figures over time from {@code gold.metric_trend}, for one service line: the chart of
 * an organisation's value against the national median and interquartile band (organisation pages),
 * the national median and band alone (metric pages), and the table beside each with the changes and
 * whether they are beyond chance. Drawn only where there are at least two periods.
 */
final class TrendFigures {
  /** Fewer periods than this make no line. */
  static final int MIN_PERIODS = 2;

  private final ReportData data;
  private final Metric metric;
  private final String line;

  TrendFigures(ReportData data, Metric metric, String line) {
    this.data = data;
    this.metric = metric;
    this.line = line;
  }

  /** "Direct care time % · Community nursing · over time". */
  String title() {
    return metric.name()
        + (Columns.ALL.equals(line) ? "" : " · " + data.label(line))
        + " · over time";
  }

  /** The national percentiles per period, oldest first. */
  private List<TrendPoint> national() {
    return data.systems().nationalTrend(metric.id(), line);
  }

  /** The organisation's rows, oldest first. */
  private List<TrendPoint> own(String org) {
    return data.systems().trend(SystemMembership.ORGANISATION, org, metric.id(), line);
  }

  /** Every period of the national series and of the organisation's, oldest first. */
  private List<TrendChart.Point> points(String org) {
    Map<String, TrendPoint> national = new TreeMap<>();
    national().forEach(t -> national.put(t.slice().period(), t));
    Map<String, TrendPoint> own = new TreeMap<>();
    if (org != null) {
      own(org).forEach(t -> own.put(t.slice().period(), t));
    }
    TreeMap<String, Boolean> periods = new TreeMap<>();
    national.forEach((p, t) -> periods.merge(p, t.basisChanged(), Boolean::logicalOr));
    own.forEach((p, t) -> periods.merge(p, t.basisChanged(), Boolean::logicalOr));
    List<TrendChart.Point> points = new ArrayList<>();
    periods.forEach(
        (p, changed) -> {
          TrendPoint n = national.get(p);
          TrendPoint o = own.get(p);
          points.add(
              new TrendChart.Point(
                  p,
                  n == null ? null : n.nationalP25(),
                  n == null ? null : n.nationalP50(),
                  n == null ? null : n.nationalP75(),
                  o == null ? null : o.value(),
                  changed));
        });
    return points;
  }

  /** The organisation's value against the national band, when it has two periods or more. */
  Optional<TrendChart> forOrganisation(String org) {
    if (own(org).stream().filter(t -> t.value() != null).count() < MIN_PERIODS) {
      return Optional.empty();
    }
    return Optional.of(
        new TrendChart(title(), ValueFormat.axisLabel(metric), points(org), org, this::format));
  }

  /** The national median and band, when there are two periods or more. */
  Optional<TrendChart> nationalChart() {
    if (national().size() < MIN_PERIODS) {
      return Optional.empty();
    }
    return Optional.of(
        new TrendChart(title(), ValueFormat.axisLabel(metric), points(null), null, this::format));
  }

  private String format(double v) {
    return ValueFormat.value(metric, v);
  }

  /** What the organisation's trend chart shows, for its caption. */
  String organisationCaption(String org) {
    List<TrendPoint> own = own(org);
    TrendPoint last = own.get(own.size() - 1);
    StringBuilder c =
        new StringBuilder("Blue line: ")
            .append(org)
            .append("'s value in each period, ")
            .append(own.get(0).slice().period())
            .append(" to ")
            .append(last.slice().period())
            .append(". Black line: the national median of organisations; shaded: 25th to 75th")
            .append(" percentile.");
    return c.append(basisCaption(points(org))).toString();
  }

  /** What the metric page's trend chart shows, for its caption. */
  String nationalCaption() {
    List<TrendPoint> national = national();
    return "The national median of organisations in each period, "
        + national.get(0).slice().period()
        + " to "
        + national.get(national.size() - 1).slice().period()
        + "; shaded: 25th to 75th percentile."
        + basisCaption(points(null));
  }

  private static String basisCaption(List<TrendChart.Point> points) {
    List<String> changed = new ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).basisChanged()) {
        changed.add(points.get(i).period());
      }
    }
    return changed.isEmpty()
        ? ""
        : " Dashed red line: the metric's definition or service-line mapping changed from "
            + String.join(", ", changed)
            + " (values either side are not like for like).";
  }

  /** The organisation's rows over time, newest first, folded away. */
  Table organisationTable(String org, String csv) {
    List<TrendPoint> own = new ArrayList<>(own(org));
    Map<String, TrendPoint> national = new TreeMap<>();
    national().forEach(t -> national.put(t.slice().period(), t));
    List<Line> rows = new ArrayList<>();
    for (int i = own.size() - 1; i >= 0; i--) {
      TrendPoint t = own.get(i);
      TrendPoint n = national.getOrDefault(t.slice().period(), t);
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.of(t.slice().period()));
      cells.add(Cell.of(ValueFormat.value(metric, t.value())));
      cells.addAll(changeCells(t));
      cells.add(Cell.of(ValueFormat.value(metric, n.nationalP50())));
      cells.add(Cell.of(band(n)));
      cells.add(Cell.of(t.basisChanged() ? note(t) : ""));
      rows.add(new Line(cells));
    }
    List<Column> columns = new ArrayList<>(List.of(Column.code("period"), Column.number("value")));
    columns.addAll(changeColumns());
    columns.addAll(
        List.of(
            Column.number("national median"), Column.number("p25 to p75"), Column.text("note")));
    return new Table(csv, columns, rows, "Over time: " + rows.size() + " periods");
  }

  /**
   * The national percentiles of every service line with a trend, per period, newest first; null
   * when no line has two periods.
   */
  static Table nationalTable(ReportData data, Metric metric, String csv) {
    List<Line> rows = new ArrayList<>();
    for (String line : data.systems().trendLines(metric.id())) {
      List<TrendPoint> national = data.systems().nationalTrend(metric.id(), line);
      for (int i = national.size() - 1; i >= 0; i--) {
        TrendPoint t = national.get(i);
        rows.add(
            new Line(
                List.of(
                    Cell.of(data.label(line)),
                    Cell.of(t.slice().period()),
                    Cell.of(ValueFormat.value(metric, t.nationalP50())),
                    Cell.of(ValueFormat.value(metric, t.nationalP25())),
                    Cell.of(ValueFormat.value(metric, t.nationalP75())),
                    Cell.of(t.basisChanged() ? note(t) : ""))));
      }
    }
    if (rows.isEmpty()) {
      return null;
    }
    return new Table(
        csv,
        List.of(
            Column.text("service line"),
            Column.code("period"),
            Column.number("national median"),
            Column.number("p25"),
            Column.number("p75"),
            Column.text("note")),
        rows,
        "National median and interquartile range over time: " + rows.size() + " rows");
  }

  private static List<Column> changeColumns() {
    return List.of(
        Column.number("change on previous"),
        Column.text("beyond chance"),
        Column.number("change on a year before"),
        Column.text("beyond chance (year)"));
  }

  private List<Cell> changeCells(TrendPoint t) {
    return List.of(
        Cell.of(
            t.previousPeriod() == null
                ? ValueFormat.NONE
                : ValueFormat.change(metric, t.change()) + " on " + t.previousPeriod()),
        Cell.of(ValueFormat.significance(t.changeSignificant(), t.changePValue())),
        Cell.of(
            t.yearAgoPeriod() == null
                ? ValueFormat.NONE
                : ValueFormat.change(metric, t.changeYear()) + " on " + t.yearAgoPeriod()),
        Cell.of(ValueFormat.significance(t.changeYearSignificant(), t.changeYearPValue())));
  }

  private String band(TrendPoint n) {
    return n.nationalP25() == null
        ? ValueFormat.NONE
        : ValueFormat.value(metric, n.nationalP25())
            + " to "
            + ValueFormat.value(metric, n.nationalP75());
  }

  private static String note(TrendPoint t) {
    return "basis changed" + (t.basisNote() == null ? "" : ": " + t.basisNote());
  }
}
