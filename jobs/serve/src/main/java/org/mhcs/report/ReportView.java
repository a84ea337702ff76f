package org.mhcs.report;

import java.util.List;

/**
 * What the report's templates ({@code src/main/jte/report}) are given: plain values, every text as
 * it should read (the templates escape it), charts as trusted SVG from JFreeSVG. Organisations
 * carry a code and a separate display label, so a name can be added to the label without touching a
 * template.
 */
public final class ReportView {
  private ReportView() {}

  /** A table column; {@code code} columns (codes, periods) never wrap. */
  public record Column(String name, boolean numeric, boolean code) {
    public static Column text(String name) {
      return new Column(name, false, false);
    }

    public static Column code(String name) {
      return new Column(name, false, true);
    }

    public static Column number(String name) {
      return new Column(name, true, true);
    }
  }

  /**
   * One cell: its text as shown and downloaded; an optional link, a funnel flag ({@code high} or
   * {@code low}, drawn in red) and a note shown after it on the page only.
   */
  public record Cell(String text, String href, String flag, String note) {
    public static Cell of(String text) {
      return new Cell(text, null, null, null);
    }

    public static Cell link(String text, String href) {
      return new Cell(text, href, null, null);
    }
  }

  /** A table row; a {@code charted} row is the one the charts beside it draw (shaded). */
  public record Line(List<Cell> cells, boolean charted) {
    public Line(List<Cell> cells) {
      this(cells, false);
    }
  }

  /**
   * A table and its CSV download ({@code csv}: the file's name, next to the page). {@code folded}
   * is the summary of the {@code <details>} it is folded into, or null when shown open.
   */
  public record Table(String csv, List<Column> columns, List<Line> rows, String folded) {
    /** The cell texts of every row, as the CSV download holds them. */
    public List<List<String>> texts() {
      return rows.stream().map(l -> l.cells().stream().map(Cell::text).toList()).toList();
    }
  }

  /** A chart (trusted SVG from JFreeSVG, which escapes the text it draws) and its caption. */
  public record Figure(String svg, String caption) {}

  /** A link with a label (a navigation entry, a metric in a list, an organisation). */
  public record Link(String label, String href, String note) {}

  /** A metric on the index: its name linking to its page, its id, how much data it has. */
  public record MetricLink(String name, String id, String href, String note) {}

  /** The metrics of one family on the index. */
  public record Family(String name, List<MetricLink> metrics) {}

  /** A region on the index, with its ICBs; {@code region} is null for ICBs in no region. */
  public record SystemGroup(Link region, List<Link> icbs) {}

  /** {@code index.html}. */
  public record IndexModel(
      String period,
      String financialYear,
      int organisationCount,
      int metricCount,
      Table familyTotals,
      List<Family> families,
      List<SystemGroup> systems,
      List<Link> organisations) {}

  /** One distribution's section on a metric page. */
  public record SliceSection(String anchor, String title, List<Figure> figures, Table values) {}

  /** {@code metric/<id>.html}. */
  public record MetricModel(
      String name,
      String id,
      String family,
      String unit,
      String direction,
      String minDenominator,
      String grain,
      String scale,
      String numerator,
      String denominator,
      String opportunity,
      Table distributions,
      String chartedNote,
      List<Figure> trendFigures,
      Table trend,
      List<SliceSection> sections) {}

  /**
   * One metric's block on an organisation page: its values, its charts, and the charted row's
   * figures over time ({@code trend}, null when the warehouse holds one period).
   */
  public record MetricBlock(
      String anchor, Link metric, String id, Table values, List<Figure> figures, Table trend) {}

  /** One family's metrics on an organisation page. */
  public record FamilyBlock(String anchor, String name, List<MetricBlock> metrics) {}

  /**
   * {@code org/<code>.html}: {@code label} is the code, with the name when there is one; {@code
   * systems} its ICB and region in the period (each linking to its page where the report has one).
   */
  public record OrgModel(
      String code,
      String label,
      String period,
      String financialYear,
      List<Link> systems,
      List<Link> nav,
      Table peers,
      Table opportunityByFamily,
      Table opportunityByMetric,
      List<FamilyBlock> families) {}

  /**
   * One metric's block on an ICB or region page: the system's figures per service line and period
   * ({@code figures}, the charted row shaded), then its members' values in the shaded row's
   * distribution ({@code members}, null when none is benchmarked).
   */
  public record SystemMetricBlock(
      String anchor, Link metric, String id, Table figures, String membersTitle, Table members) {}

  /** One family's metrics on an ICB or region page. */
  public record SystemFamilyBlock(String anchor, String name, List<SystemMetricBlock> metrics) {}

  /**
   * {@code icb/<code>.html} or {@code region/<code>.html}: {@code kind} is "ICB" or "Region",
   * {@code parent} the ICB's region (null on a region page), {@code icbs} a region's ICBs.
   */
  public record SystemModel(
      String kind,
      String code,
      String label,
      String period,
      String financialYear,
      String peers,
      Link parent,
      List<Link> icbs,
      List<Link> nav,
      Table members,
      Table opportunity,
      List<SystemFamilyBlock> families) {}
}
