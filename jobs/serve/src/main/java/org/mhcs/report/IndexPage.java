package org.mhcs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.publish.Templates;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.FamilyTotal;
import org.mhcs.report.ReportView.Cell;
import org.mhcs.report.ReportView.Column;
import org.mhcs.report.ReportView.Family;
import org.mhcs.report.ReportView.IndexModel;
import org.mhcs.report.ReportView.Line;
import org.mhcs.report.ReportView.Link;
import org.mhcs.report.ReportView.MetricLink;
import org.mhcs.report.ReportView.SystemGroup;
import org.mhcs.report.ReportView.Table;
import org.mhcs.systems.SystemMembership;

/**
 * {@code index.html}: the national opportunity by family, the metrics grouped by family (each
 * linking to its page, with how many distributions and organisations it has), the regions with
 * their ICBs, and every organisation, each linking to its page.
 */
final class IndexPage {
  private static final List<String> UNITS =
      List.of(Units.GBP, Units.CLINICAL_DAYS, Units.WTE, Units.PATIENTS);

  private IndexPage() {}

  static ReportSite.Page render(ReportData data) {
    IndexModel model = model(data);
    List<Table> tables = model.familyTotals() == null ? List.of() : List.of(model.familyTotals());
    return new ReportSite.Page(Templates.render("report/index.jte", model), 0, tables);
  }

  static IndexModel model(ReportData data) {
    List<String> orgs = data.organisations();
    List<Family> families = new ArrayList<>();
    for (String family : data.catalog().families()) {
      List<MetricLink> metrics = new ArrayList<>();
      for (Metric m : data.catalog().family(family)) {
        List<Distribution> ds = data.distributionsOf(m.id());
        long orgsIn = ds.stream().mapToLong(Distribution::nOrgs).max().orElse(0);
        metrics.add(
            new MetricLink(
                m.name(),
                m.id(),
                "metric/" + Html.safeName(m.id()) + ".html",
                ds.isEmpty()
                    ? "no national distribution"
                    : ds.size()
                        + (ds.size() == 1 ? " distribution" : " distributions")
                        + ", up to "
                        + orgsIn
                        + " organisations"));
      }
      families.add(new Family(family, metrics));
    }
    List<Link> organisations = new ArrayList<>();
    for (String org : orgs) {
      String name = data.orgName(org);
      organisations.add(new Link(org, OrgPage.href("", org), name.equals(org) ? null : name));
    }
    return new IndexModel(
        data.period().toString(),
        data.period().financialYear(),
        orgs.size(),
        data.catalog().all().size(),
        familyTotals(data),
        families,
        systems(data),
        organisations);
  }

  /**
   * Every region with a page, each with its ICBs, then the ICBs placed in no region; each links to
   * its page, with how many of the report's organisations sat in it.
   */
  static List<SystemGroup> systems(ReportData data) {
    SystemData systems = data.systems();
    List<SystemGroup> groups = new ArrayList<>();
    List<String> placed = new ArrayList<>();
    for (String region : systems.systems(SystemMembership.REGION)) {
      List<Link> icbs = new ArrayList<>();
      for (String icb : systems.icbsOf(region)) {
        icbs.add(systemLink(data, SystemMembership.ICB, icb, ""));
        placed.add(icb);
      }
      groups.add(new SystemGroup(systemLink(data, SystemMembership.REGION, region, ""), icbs));
    }
    List<Link> unplaced = new ArrayList<>();
    for (String icb : systems.systems(SystemMembership.ICB)) {
      if (!placed.contains(icb)) {
        unplaced.add(systemLink(data, SystemMembership.ICB, icb, ""));
      }
    }
    if (!unplaced.isEmpty()) {
      groups.add(new SystemGroup(null, unplaced));
    }
    return groups;
  }

  private static Link systemLink(ReportData data, String level, String code, String root) {
    int members = data.systems().membersOf(level, code, data.organisations()).size();
    return new Link(
        SystemPage.label(data.systems(), code),
        SystemPage.href(root, level, code),
        members + (members == 1 ? " organisation" : " organisations"));
  }

  /** The national opportunity per family and period in each unit, or null when there is none. */
  private static Table familyTotals(ReportData data) {
    Map<String, Map<String, Double>> totals = new TreeMap<>();
    Map<String, String> metrics = new TreeMap<>();
    for (FamilyTotal t : data.familyTotals()) {
      String key = t.family() + "\t" + t.period();
      totals.computeIfAbsent(key, k -> new TreeMap<>()).put(t.unit(), t.total());
      metrics.put(key, t.metrics());
    }
    if (totals.isEmpty()) {
      return null;
    }
    List<Line> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Double>> e : totals.entrySet()) {
      String[] key = e.getKey().split("\t");
      List<Cell> cells = new ArrayList<>(List.of(Cell.of(key[0]), Cell.of(key[1])));
      for (String unit : UNITS) {
        Double total = e.getValue().get(unit);
        cells.add(Cell.of(total == null ? ValueFormat.NONE : ValueFormat.opportunity(unit, total)));
      }
      cells.add(Cell.of(metrics.get(e.getKey()).replace(",", ", ")));
      rows.add(new Line(cells));
    }
    return new Table(
        "index-opportunity-by-family.csv",
        familyColumns(Column.text("metrics summed (each to its default target)")),
        rows,
        null);
  }

  /**
   * The columns of an opportunity-by-family table (index and organisation pages), then {@code
   * more}.
   */
  static List<Column> familyColumns(Column... more) {
    List<Column> columns =
        new ArrayList<>(
            List.of(
                Column.text("family"),
                Column.code("period"),
                Column.number("£"),
                Column.number("clinical days"),
                Column.number("WTE"),
                Column.number("patients")));
    columns.addAll(List.of(more));
    return columns;
  }
}
