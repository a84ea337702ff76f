package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;

/**
 * The report's ICB, region and trend pages over a pipeline-built warehouse: golden/systems run for
 * June, July and August 2024 (ESR sickness of three trusts in region Y56, London; S01 in ICB QX1,
 * S03 in QX2, S02 in QX1 until its August reference row moves it to QX2). Figures worked by hand
 * from the golden files:
 *
 * <pre>
 *            FTE days sick / available     sickness rate %
 *            June      July      August    June  July  August
 *   S01      40/1000   55/1000   50/1000   4.0   5.5   5.0
 *   S02      60/1000   75/1000   70/1000   6.0   7.5   7.0
 *   S03      90/1500   80/1500   85/1500   6.0   5.333 5.667
 * </pre>
 *
 * August: QX1 = S01 = 50 / 1000 = 5.0%; QX2 = (70 + 85) / (1000 + 1500) = 155 / 2500 = 6.2% (a mean
 * of its members' values would be 6.333%); Y56 = 205 / 3500 = 5.857%. Among the two ICBs: median
 * 5.6%, p25 5.3%, p75 5.9%; lower is better, so QX2 is last: quartile 4, percentile rank 100. In
 * QX2, S03 (5.667%, −0.533 points from 6.2%) ranks 1 of 2 and S02 (+0.8 points) 2 of 2; the
 * members' median is 6.333%.
 *
 * <p>National medians of the three trusts: June 6.0 (p25 5.0, p75 6.0), July 5.5 (5.417, 6.5),
 * August 5.667 (5.333, 6.333). S02's August change on July: 7.0 − 7.5 = −0.5 points; two
 * proportions 70/1000 against 75/1000, pooled 0.0725, z = −0.431, p = 0.666: not beyond chance.
 */
class ReportSystemsTest {
  private static String page(String relative) {
    return ReportPages.read(ReportPages.systems().resolve(relative));
  }

  @Test
  void anIcbPageShowsItsAugustMembersAndItsValueFromTheirSummedCounts() {
    String html = page("icb/QX2.html");
    assertTrue(html.contains("<h1>ICB QX2</h1>"), html);
    assertTrue(html.contains("Region: <a href=\"../region/Y56.html\">Y56 · London</a>"), html);
    String members = html.substring(html.indexOf("<h2 id=\"members\">"));
    assertEquals(List.of("S02", "Golden Systems Two NHS Trust"), ReportPages.row(members, "S02"));
    assertEquals(List.of("S03", "Golden Systems Three NHS Trust"), ReportPages.row(members, "S03"));
    String sickness = ReportPages.section(html, "metric-sickness_rate_pct");
    assertEquals(
        List.of(
            "all",
            "2024-08",
            "6.2%",
            "155",
            "2500",
            "2",
            "5.7%",
            "6.3%",
            "7.0%",
            "2",
            "5.6%",
            "5.3% to 5.9%",
            "4 (worst)",
            "100",
            ""),
        ReportPages.row(sickness, "all"));
    String ranked = sickness.substring(sickness.indexOf("<h4>"));
    assertEquals(
        List.of("S03", "Golden Systems Three NHS Trust", "5.7%", "−0.5 points", "1 of 2"),
        ReportPages.row(ranked, "S03").subList(0, 5));
    assertEquals(
        List.of("S02", "Golden Systems Two NHS Trust", "7.0%", "+0.8 points", "2 of 2"),
        ReportPages.row(ranked, "S02").subList(0, 5));

    String qx1 = ReportPages.section(page("icb/QX1.html"), "metric-sickness_rate_pct");
    assertEquals(
        List.of("all", "2024-08", "5.0%", "50", "1000", "1"),
        ReportPages.row(qx1, "all").subList(0, 6));
  }

  @Test
  void theRegionPageSumsEveryMember() {
    String html = page("region/Y56.html");
    assertTrue(
        html.contains(
            "ICBs: <a href=\"../icb/QX1.html\">QX1</a> · <a href=\"../icb/QX2.html\">QX2</a>"),
        html);
    assertEquals(
        List.of("S02", "Golden Systems Two NHS Trust", "QX2"),
        ReportPages.row(html.substring(html.indexOf("<h2 id=\"members\">")), "S02"));
    assertEquals(
        List.of("all", "2024-08", "5.9%", "205", "3500", "3", "5.0%", "5.7%", "7.0%"),
        ReportPages.row(ReportPages.section(html, "metric-sickness_rate_pct"), "all")
            .subList(0, 9));
    String index = page("index.html");
    assertTrue(
        index.contains(
            "Region <a href=\"region/Y56.html\">Y56 · London</a>"
                + " <span class=\"note\">3 organisations</span>"),
        index);
  }

  @Test
  void anOrganisationsIcbIsTheOneOfTheReportsPeriod() {
    // S02 moved in August: a July report places it in QX1, August's in QX2.
    assertEquals(
        "QX1",
        OrgPage.systems(ReportPages.systemsData(Period.parse("2024-07")), "S02").get(0).label());
    String august = page("org/S02.html");
    assertTrue(
        august.contains(
            "In 2024-08: ICB <a href=\"../icb/QX2.html\">QX2</a> · Region <a"
                + " href=\"../region/Y56.html\">Y56 · London</a>"),
        august);
  }

  @Test
  void anOrganisationsTrendShowsEveryPeriodAgainstTheNationalBand() {
    String sickness = ReportPages.section(page("org/S02.html"), "metric-sickness_rate_pct");
    String chart = ReportPages.onlySvg(sickness, "t");
    for (String point : List.of("2024-06 · 6.0%", "2024-07 · 7.5%", "2024-08 · 7.0%")) {
      assertTrue(chart.contains("<title>S02 · " + point + "</title>"), chart);
    }
    assertEquals(
        List.of(
            "2024-08",
            "7.0%",
            "−0.5 points on 2024-07",
            "no (p 0.666)",
            "–",
            "–",
            "5.7%",
            "5.3% to 6.3%",
            ""),
        ReportPages.row(sickness, "2024-08"));
    String metric = page("metric/sickness_rate_pct.html");
    String over = metric.substring(metric.indexOf("<h2 id=\"over-time\">"));
    assertEquals(
        List.of(
            List.of("all", "2024-08", "5.7%", "5.3%", "6.3%", ""),
            List.of("all", "2024-07", "5.5%", "5.4%", "6.5%", ""),
            List.of("all", "2024-06", "6.0%", "5.0%", "6.0%", "")),
        ReportPages.rows(over).subList(1, 4));
  }
}
