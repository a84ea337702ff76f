package org.mhcs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.FamilyTotal;

/**
 * {@code index.html}: the national opportunity by family, the metrics grouped by family (each
 * linking to its page, with how many distributions and organisations it has), and every
 * organisation linking to its page.
 */
final class IndexPage {
  private static final List<String> UNITS =
      List.of(Units.GBP, Units.CLINICAL_DAYS, Units.WTE, Units.PATIENTS);

  private IndexPage() {}

  static String render(ReportData data) {
    StringBuilder b = new StringBuilder();
    List<String> orgs = data.organisations();
    b.append("<h1>Benchmarking report · ")
        .append(Html.text(data.period().toString()))
        .append("</h1>\n<p>Mental health and community health services: ")
        .append(orgs.size())
        .append(" organisations, ")
        .append(data.catalog().all().size())
        .append(" metrics. Monthly metrics are for ")
        .append(Html.text(data.period().toString()))
        .append("; estates and corporate metrics come from the annual returns of ")
        .append(Html.text(data.period().financialYear()))
        .append(". Counts (numerators and denominators) are suppressed: 1 to 7 shown as *,")
        .append(" others rounded to the nearest 5.</p>\n");

    b.append("<h2>National opportunity by family</h2>\n");
    Map<String, Map<String, Double>> totals = new TreeMap<>();
    Map<String, String> metrics = new TreeMap<>();
    for (FamilyTotal t : data.familyTotals()) {
      String key = t.family() + "\t" + t.period();
      totals.computeIfAbsent(key, k -> new TreeMap<>()).put(t.unit(), t.total());
      metrics.put(key, t.metrics());
    }
    if (totals.isEmpty()) {
      b.append("<p>No opportunity totals in this warehouse for these periods.</p>\n");
    } else {
      List<Boolean> numeric = List.of(false, false, true, true, true, true, false);
      b.append("<table>\n")
          .append(
              Html.header(
                  List.of(
                      "family",
                      "period",
                      "£",
                      "clinical days",
                      "WTE",
                      "patients",
                      "metrics summed (each to its default target)"),
                  numeric));
      for (Map.Entry<String, Map<String, Double>> e : totals.entrySet()) {
        String[] key = e.getKey().split("\t");
        List<String> cells = new ArrayList<>(List.of(Html.text(key[0]), Html.text(key[1])));
        for (String unit : UNITS) {
          Double total = e.getValue().get(unit);
          cells.add(total == null ? ValueFormat.NONE : ValueFormat.opportunity(unit, total));
        }
        cells.add(Html.text(metrics.get(e.getKey()).replace(",", ", ")));
        b.append(Html.row(cells, numeric, null));
      }
      b.append("</table>\n");
    }

    b.append("<h2>Metrics</h2>\n");
    for (String family : data.catalog().families()) {
      b.append("<h3>").append(Html.text(family)).append("</h3>\n<ul>\n");
      for (Metric m : data.catalog().family(family)) {
        List<Distribution> ds = data.distributionsOf(m.id());
        long orgsIn = ds.stream().mapToLong(Distribution::nOrgs).max().orElse(0);
        b.append("<li>")
            .append(Html.link("metric/" + Html.safeName(m.id()) + ".html", m.name()))
            .append(" <code>")
            .append(Html.text(m.id()))
            .append("</code> <span class=\"note\">")
            .append(
                ds.isEmpty()
                    ? "no national distribution"
                    : ds.size()
                        + (ds.size() == 1 ? " distribution" : " distributions")
                        + ", up to "
                        + orgsIn
                        + " organisations")
            .append("</span></li>\n");
      }
      b.append("</ul>\n");
    }

    b.append("<h2>Organisations</h2>\n<ul class=\"columns\">\n");
    for (String org : orgs) {
      String name = data.orgName(org);
      b.append("<li>")
          .append(OrgPage.orgLink(org, ""))
          .append(name.equals(org) ? "" : " " + Html.text(name))
          .append("</li>\n");
    }
    b.append("</ul>\n");
    return Html.page("Benchmarking report " + data.period(), "", b.toString());
  }
}
