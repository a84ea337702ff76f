package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.dimensions.Names.Membership;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;
import org.mhcs.report.SystemData.MemberPosition;
import org.mhcs.report.SystemData.SystemDistribution;
import org.mhcs.report.SystemData.SystemOpportunity;
import org.mhcs.report.SystemData.SystemValue;
import org.mhcs.report.SystemData.TrendPoint;

/**
 * ICB and region pages and trend charts over hand-made gold rows (no Spark), every figure worked by
 * hand below.
 *
 * <p>Did-not-attend rate (lower is better), community nursing, June 2024: A01 12 of 40 = 30%, A02 3
 * of 50 = 6% (ICB QA1), A03 20 of 100 = 20% (ICB QB2); all three in region Y01.
 *
 * <ul>
 *   <li>QA1 = (12 + 3) / (40 + 50) = 15 / 90 = 16.667% → 16.7% (a mean of its members' values would
 *       be 18%); members lowest 6.0%, median (6 + 30) / 2 = 18.0%, highest 30.0%. A01 is 30 −
 *       16.667 = +13.3 points from it and ranks 2 of 2; A02 −10.7 points, 1 of 2.
 *   <li>QB2 = 20 / 100 = 20.0%. Among the two ICBs (16.667, 20): median 18.333 → 18.3%, p25 16.667
 *       + 0.25 × 3.333 = 17.5%, p75 19.167 → 19.2%; QA1 is the lower, so the best: quartile 1,
 *       percentile rank 0.
 *   <li>Y01 = 35 / 190 = 18.421% → 18.4%.
 *   <li>Podiatry, QB2 alone: 3 of 40 = 7.5%; its numerator 3 is masked, so the value is too, and
 *       its rank among ICBs with it.
 * </ul>
 *
 * <p>Over time, A01: 20% (April), 25% (May), 30% (June); national medians 10%, 12%, 18%; the
 * mapping changed in May. June's change: +5.0 points on May, p 0.04 (beyond chance); no year-ago
 * period.
 */
class SystemPagesTest {
  private static final String JUNE = "2024-06";
  private static final Slice DNA = new Slice("dna_rate_pct", JUNE, "community_nursing", "ALL");
  private static final Slice DNA_PODIATRY = new Slice("dna_rate_pct", JUNE, "podiatry", "ALL");

  private static Path site;

  @BeforeAll
  static void writeSite() throws IOException {
    SystemData systems =
        new SystemData(
            Map.of(
                "A01", new Membership("Y01", "QA1"),
                "A02", new Membership("Y01", "QA1"),
                "A03", new Membership("Y01", "QB2")),
            Map.of(
                "QA1", "NHS North ICB",
                "QB2", "NHS South ICB",
                "Y01", "North East and Yorkshire"),
            List.of(
                system(DNA, "icb", "QA1", 2, 15, 90, 0.0, 1),
                system(DNA, "icb", "QB2", 1, 20, 100, 100.0, 4),
                system(DNA_PODIATRY, "icb", "QB2", 1, 3, 40, 100.0, 4),
                system(DNA, "region", "Y01", 3, 35, 190, null, null)),
            List.of(
                new SystemDistribution(
                    DNA, "icb", 2, 17.5, 100 / 6.0 + 5 / 3.0, 115 / 6.0, null, null)),
            List.of(
                member("A01", 30.0, "QA1", 2, 2, 3, 3),
                member("A02", 6.0, "QA1", 2, 1, 3, 1),
                member("A03", 20.0, "QB2", 1, 1, 3, 2)),
            List.of(
                new SystemOpportunity(
                    "icb", "QA1", "Community", JUNE, "clinical_days", "dna_rate_pct", 2, 12.5)),
            List.of(
                trend("organisation", "A01", "2024-04", 20.0, null, null, null, 5, 10, 20, false),
                trend("organisation", "A01", "2024-05", 25.0, "2024-04", 5.0, 0.2, 5, 12, 22, true),
                trend("organisation", "A01", JUNE, 30.0, "2024-05", 5.0, 0.04, 6, 18, 24, false),
                trend("national", "ENG", "2024-04", 14.0, null, null, null, 5, 10, 20, false),
                trend("national", "ENG", "2024-05", 15.0, "2024-04", 1.0, 0.5, 5, 12, 22, true),
                trend("national", "ENG", JUNE, 18.0, "2024-05", 3.0, 0.3, 6, 18, 24, false)));
    ReportData data =
        new ReportData(
            Period.parse(JUNE),
            MetricCatalog.from(Settings.load(Map.of())),
            Map.of("A01", "First NHS Trust", "A02", "Second NHS Trust", "A03", "Third NHS Trust"),
            ReportData.labels(ServiceLines.bundled()),
            List.of(
                new Value(DNA, "A01", 12.0, 40.0, 30.0, null),
                new Value(DNA, "A02", 3.0, 50.0, 6.0, null),
                new Value(DNA, "A03", 20.0, 100.0, 20.0, null)),
            List.of(new Distribution(DNA, 3, 8.8, 13, 20, 25, 28)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            systems);
    site = Files.createTempDirectory("report-systems-").resolve("site");
    new ReportSite(data, site, line -> {}).write();
  }

  private static SystemValue system(
      Slice s, String level, String code, long n, double num, double den, Double rank, Integer q) {
    return new SystemValue(s, level, code, n, num, den, 100 * num / den, null, rank, q);
  }

  private static MemberPosition member(
      String org, double value, String icb, long icbOrgs, int icbRank, long regionOrgs, int rank) {
    double icbMedian = icb.equals("QA1") ? 18.0 : 20.0;
    return new MemberPosition(
        DNA, org, value, "Y01", regionOrgs, rank, 20.0, icb, icbOrgs, icbRank, icbMedian);
  }

  private static TrendPoint trend(
      String level,
      String entity,
      String period,
      double value,
      String previous,
      Double change,
      Double p,
      double p25,
      double p50,
      double p75,
      boolean basisChanged) {
    return new TrendPoint(
        level,
        entity,
        new Slice("dna_rate_pct", period, "community_nursing", "ALL"),
        value,
        previous,
        change,
        p,
        p == null ? null : p < 0.05,
        null,
        null,
        null,
        null,
        p25,
        p50,
        p75,
        basisChanged,
        basisChanged ? "mapping version 2 → 3" : null);
  }

  @Test
  void anIcbPageShowsItsValueFromSummedCountsAgainstItsMembersAndTheOtherIcbs() {
    String html = ReportPages.read(site.resolve("icb/QA1.html"));
    assertTrue(html.contains("<h1>ICB QA1 · NHS North ICB</h1>"), html);
    assertTrue(
        html.contains("Region: <a href=\"../region/Y01.html\">Y01 · North East and Yorkshire</a>"),
        html);
    assertEquals(
        List.of(
            List.of("organisation", "name"),
            List.of("A01", "First NHS Trust"),
            List.of("A02", "Second NHS Trust")),
        ReportPages.rows(tableAfter(html, "<h2 id=\"members\">")));
    String dna = ReportPages.section(html, "metric-dna_rate_pct");
    assertEquals(
        List.of(
            "Community nursing",
            JUNE,
            "16.7%",
            "15",
            "90",
            "2",
            "6.0%",
            "18.0%",
            "30.0%",
            "2",
            "18.3%",
            "17.5% to 19.2%",
            "1 (best)",
            "0",
            ""),
        ReportPages.row(dna, "Community nursing"));
    // Members, best rank first, each against the ICB's 16.667%.
    assertEquals(
        List.of(
            List.of("A02", "Second NHS Trust", "6.0%", "−10.7 points", "1 of 2", "–"),
            List.of("A01", "First NHS Trust", "30.0%", "+13.3 points", "2 of 2", "–")),
        ReportPages.rows(dna.substring(dna.indexOf("<h4>"))).subList(1, 3));
    // Opportunity rolled up: 12.5 clinical days over its two members.
    assertEquals(
        List.of("Community", JUNE, "–", "12.5", "–", "–", "2", "dna_rate_pct"),
        ReportPages.row(tableAfter(html, "<h2 id=\"opportunities\">"), "Community"));
  }

  @Test
  void aSystemValueFromAMaskedCountIsMaskedAndItsDownloadSaysTheSame() throws IOException {
    String html = ReportPages.read(site.resolve("icb/QB2.html"));
    List<String> podiatry =
        ReportPages.row(ReportPages.section(html, "metric-dna_rate_pct"), "Podiatry");
    assertEquals(List.of("Podiatry", JUNE, "*", "*", "40"), podiatry.subList(0, 5));
    // Its rank among ICBs (last, quartile 4) would place the masked value: masked with it.
    assertEquals(List.of("*", "*"), podiatry.subList(12, 14));
    assertFalse(html.contains(">7.5%<"), "the masked value reached the page");
    String csv = Files.readString(site.resolve("icb/QB2-dna_rate_pct.csv"));
    assertTrue(csv.contains("\nPodiatry,2024-06,*,*,40,1,"), csv);
    assertFalse(csv.contains(",7.5%,"), csv);
  }

  @Test
  void aRegionPageListsItsIcbsAndItsMembersWithTheirIcb() {
    String html = ReportPages.read(site.resolve("region/Y01.html"));
    assertTrue(html.contains("<h1>Region Y01 · North East and Yorkshire</h1>"), html);
    assertTrue(
        html.contains(
            "ICBs: <a href=\"../icb/QA1.html\">QA1 · NHS North ICB</a> · <a"
                + " href=\"../icb/QB2.html\">QB2 · NHS South ICB</a>"),
        html);
    assertEquals(
        List.of("A03", "Third NHS Trust", "QB2 · NHS South ICB"),
        ReportPages.row(tableAfter(html, "<h2 id=\"members\">"), "A03"));
    String dna = ReportPages.section(html, "metric-dna_rate_pct");
    // 35 / 190; no distribution of regions given, so no place among them.
    assertEquals(
        List.of("Community nursing", JUNE, "18.4%", "35", "190", "3", "6.0%", "20.0%", "30.0%"),
        ReportPages.row(dna, "Community nursing").subList(0, 9));
    assertEquals(
        List.of("A03", "Third NHS Trust", "QB2", "20.0%", "+1.6 points", "2 of 3", "–"),
        ReportPages.row(dna.substring(dna.indexOf("<h4>")), "A03"));
  }

  @Test
  void theIndexAndOrganisationPagesLinkTheSystems() {
    String index = ReportPages.read(site.resolve("index.html"));
    assertTrue(
        index.contains(
            "Region <a href=\"region/Y01.html\">Y01 · North East and Yorkshire</a>"
                + " <span class=\"note\">3 organisations</span>"),
        index);
    assertTrue(
        index.contains(
            "ICB <a href=\"icb/QA1.html\">QA1 · NHS North ICB</a>"
                + " <span class=\"note\">2 organisations</span>"),
        index);
    String org = ReportPages.read(site.resolve("org/A01.html"));
    assertTrue(
        org.contains(
            "In 2024-06: ICB <a href=\"../icb/QA1.html\">QA1 · NHS North ICB</a> · Region <a"
                + " href=\"../region/Y01.html\">Y01 · North East and Yorkshire</a>"),
        org);
  }

  @Test
  void anOrganisationsTrendChartDrawsItsValuesAgainstTheNationalBandAndMarksTheBasisChange() {
    String org = ReportPages.read(site.resolve("org/A01.html"));
    String dna = ReportPages.section(org, "metric-dna_rate_pct");
    String chart = ReportPages.onlySvg(dna, "t");
    for (String point : List.of("2024-04 · 20.0%", "2024-05 · 25.0%", "2024-06 · 30.0%")) {
      assertTrue(chart.contains("<title>A01 · " + point + "</title>"), chart);
    }
    assertTrue(chart.contains(">basis changed</text>"), "the basis change is marked");
    assertTrue(dna.contains("changed from 2024-05 (values either side"), dna);
    // Newest first: June's change on May beyond chance; no period a year before.
    assertEquals(
        List.of(
            JUNE,
            "30.0%",
            "+5.0 points on 2024-05",
            "yes (p 0.040)",
            "–",
            "–",
            "18.0%",
            "6.0% to 24.0%",
            ""),
        ReportPages.row(dna, JUNE));
    assertEquals(
        List.of(
            "2024-05",
            "25.0%",
            "+5.0 points on 2024-04",
            "no (p 0.200)",
            "–",
            "–",
            "12.0%",
            "5.0% to 22.0%",
            "basis changed: mapping version 2 → 3"),
        ReportPages.row(dna, "2024-05"));
  }

  @Test
  void aMetricPageDrawsTheNationalMedianAndBandOverTime() {
    String metric = ReportPages.read(site.resolve("metric/dna_rate_pct.html"));
    int over = metric.indexOf("<h2 id=\"over-time\">");
    assertTrue(over > 0, "no over-time section");
    String section = metric.substring(over, metric.indexOf("<section", over));
    assertTrue(ReportPages.svgs(section).keySet().stream().anyMatch(id -> id.startsWith("t")));
    assertEquals(
        List.of(
            List.of("Community nursing", JUNE, "18.0%", "6.0%", "24.0%", ""),
            List.of(
                "Community nursing",
                "2024-05",
                "12.0%",
                "5.0%",
                "22.0%",
                "basis changed: mapping version 2 → 3"),
            List.of("Community nursing", "2024-04", "10.0%", "5.0%", "20.0%", "")),
        ReportPages.rows(section).subList(1, 4));
  }

  @Test
  void trendRowsAfterTheReportsPeriodAreLeftOut() {
    Period june = Period.parse(JUNE);
    assertTrue(SystemData.upTo("2024-06", june));
    assertTrue(SystemData.upTo("2023-07", june));
    assertFalse(SystemData.upTo("2024-07", june));
    // Annual rows: up to the financial year holding the month.
    assertTrue(SystemData.upTo("2024-25", june));
    assertFalse(SystemData.upTo("2025-26", june));
  }

  /** The first table after {@code marker}. */
  private static String tableAfter(String html, String marker) {
    int at = html.indexOf(marker);
    assertTrue(at >= 0, "no " + marker);
    return html.substring(at, html.indexOf("</table>", at));
  }
}
