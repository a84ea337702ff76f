package org.mhcs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.report.ReportData.Distribution;
import org.mhcs.report.ReportData.Slice;
import org.mhcs.report.ReportData.Value;
import org.mhcs.report.ReportPages.Bar;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;

/**
 * The report over golden/community (A01 to A03, June 2024), every expected figure worked by hand
 * from the golden CSV files as GoldenCommunityRunTest works them, and over hand-made rows for
 * suppression, escaping and the output folder's safety.
 */
class ReportSiteTest {
  private static final int[] SELECTED = {0x00, 0x30, 0x87};
  private static final int[] ORGANISATION = {0x9f, 0xb1, 0xc2};

  private static String page(String relative) {
    return ReportPages.read(ReportPages.golden().resolve(relative));
  }

  @Test
  void anOrganisationsPageShowsItsValuesAsWorkedByHand() {
    // Direct care (GoldenCommunityRunTest): A01 190 direct minutes over 15 available days × 450 =
    // 6,750 → 2.8148%; A02 180 / 4,500 = 4%; A03 90 / 9,000 = 1%. Sorted 1, 2.8148, 4:
    //   median 2.8148; p25 at position 0.5 = 1 + 0.5 × 1.8148 = 1.9074; p75 = 3.4074.
    //   Higher is better: A01 is at the median (≥ p50, < p75) → quartile 2; one of the two others
    //   is lower → percentile rank 50. A01's peers are A03 and A02 (MainTest works the distances),
    //   so its peer group is all three: peer median 2.8%. No funnel for direct care.
    //   Numerator 190 and denominator 6,750 are above 7 and multiples of 5: shown as they are.
    String a01 = page("org/A01.html");
    assertEquals(
        List.of(
            "Community nursing",
            "2024-06",
            "2.8%",
            "190",
            "6750",
            "2.8%",
            "1.9% to 3.4%",
            "2",
            "50",
            "2.8%",
            "–",
            ""),
        ReportPages.row(ReportPages.section(a01, "metric-direct_care_pct"), "Community nursing"));
    // Contacts per day: A01 3 contacts / 15 days = 0.20; A02 2 / 10 = 0.20; A03 3 / 20 = 0.15.
    //   Median 0.2 = p75 → A01 ≥ p75: quartile 1 (best); rank: one of two others lower → 50.
    //   Numerator 3 is masked (1 to 7 → *), denominator 15 stays.
    List<String> contacts =
        ReportPages.row(
            ReportPages.section(a01, "metric-contacts_per_clinician_day"), "Community nursing");
    assertEquals(List.of("0.20", "*", "15", "0.20"), contacts.subList(2, 6), contacts.toString());
    assertEquals(List.of("1 (best)", "50"), contacts.subList(7, 9), contacts.toString());
    // Sickness (esr/sickness): A01 7 of 60 FTE days = 11.667% → 11.7%; 7 is masked, 60 stays.
    // DNAs: A01 2 of 6 booked = 33.3%; both counts masked.
    assertEquals(
        List.of("all", "2024-06", "11.7%", "*", "60"),
        ReportPages.row(ReportPages.section(a01, "metric-sickness_rate_pct"), "all").subList(0, 5));
    assertEquals(
        List.of("33.3%", "*", "*"),
        ReportPages.row(ReportPages.section(a01, "metric-dna_rate_pct"), "Community nursing")
            .subList(2, 5));
  }

  @Test
  void peersAndOpportunitiesAreTheOrganisationsOwn() {
    // Peers of A01 (MainTest): A03 at √(4.5 + 1.5) = 2.449, A02 at √(4.5 + 6) = 3.240.
    String peers = between(page("org/A01.html"), "<h2 id=\"peers\">", "<h2");
    assertEquals(
        List.of("1", "A03", "Golden Acute NHS Trust", "2.449"), ReportPages.row(peers, "1"));
    assertEquals(
        List.of("2", "A02", "Golden Mental Health NHS Trust", "3.240"),
        ReportPages.row(peers, "2"));
    // A03 against the medians: contacts per day (0.2 − 0.15) × 20 days = 1 contact ÷ 0.2 a day
    // = 5.0 clinical days; direct care (2.8148 − 1.0) points × 20 days = 0.363 days; its DNA rate
    // 25% is the median (0, 25, 33.3) → nothing. The family total leaves out contacts per day
    // (it restates direct care): community 0.4 clinical days.
    String opportunities = between(page("org/A03.html"), "<h2 id=\"opportunities\">", "<h2 id=\"");
    assertEquals(
        List.of(
            "Contacts per clinician per day (restates direct_care_pct)",
            "2024-06",
            "median",
            "clinical days",
            "5.0"),
        ReportPages.row(
            opportunities, "Contacts per clinician per day (restates direct_care_pct)"));
    assertEquals("0.4", ReportPages.row(opportunities, "Direct care time %").get(4), opportunities);
    assertEquals(
        List.of("community", "2024-06", "–", "0.4"),
        ReportPages.row(opportunities, "community").subList(0, 4));
  }

  @Test
  void theVariationChartHasABarPerOrganisationAndHighlightsTheSelectedOne() {
    // Direct care: A03 1%, A01 2.8148%, A02 4%, drawn lowest first from one baseline, so the
    // bars' heights are in the ratio of the values and A01's is the only one in the highlight.
    String svg =
        ReportPages.onlySvg(
            ReportPages.section(page("org/A01.html"), "metric-direct_care_pct"), "v");
    Map<String, Bar> bars = ReportPages.bars(svg);
    assertEquals(List.of("A03", "A01", "A02"), List.copyOf(bars.keySet()), svg);
    Bar a01 = bars.get("A01");
    Bar a02 = bars.get("A02");
    Bar a03 = bars.get("A03");
    assertTrue(a03.x() < a01.x() && a01.x() < a02.x(), bars.toString());
    assertEquals(100 * 190.0 / 6750, a01.height() / a03.height(), 0.02);
    assertEquals(4.0, a02.height() / a03.height(), 0.02);
    assertEquals(a01.y() + a01.height(), a03.y() + a03.height(), 0.2, "one baseline");
    assertArrayEquals(SELECTED, a01.rgb());
    assertArrayEquals(ORGANISATION, a02.rgb());
    assertArrayEquals(ORGANISATION, a03.rgb());
    // The metric's own page draws the same three bars with nobody highlighted.
    String metricPage = page("metric/direct_care_pct.html");
    Map<String, Bar> national =
        ReportPages.bars(
            ReportPages.onlySvg(ReportPages.section(metricPage, "2024-06-community_nursing"), "v"));
    assertEquals(List.of("A03", "A01", "A02"), List.copyOf(national.keySet()));
    national.values().forEach(b -> assertArrayEquals(ORGANISATION, b.rgb(), b.org()));
    // A funnel plot where the metric has one (contacts per day, a rate), with a point for each
    // organisation at its denominator (15, 10, 20 days: none masked). DNA rates have a funnel
    // too, but every denominator there (6, 2, 4 booked contacts) is masked, so it draws none.
    String funnel =
        ReportPages.onlySvg(
            ReportPages.section(page("org/A01.html"), "metric-contacts_per_clinician_day"), "f");
    for (String org : List.of("A01", "A02", "A03")) {
      assertTrue(funnel.contains("-pt-" + org + "'"), org + " in " + funnel);
    }
    assertFalse(
        ReportPages.section(page("org/A01.html"), "metric-dna_rate_pct").contains("<svg id='f"));
  }

  @Test
  void countsAreSuppressedAndTextFromDataIsEscaped() throws IOException {
    // Hand-made rows: DNA rates 12 of 40 (30%), 3 of 50 (6%), 0 of 45 (0%). Published, 12 is
    // rounded to the nearest 5 → 10, 3 is masked → *, 0 stays 0, 40/50/45 stay. Values 0, 6, 30:
    // p10 at position 0.2 = 1.2, p25 = 3, median 6, p75 = 18, p90 = 6 + 0.8 × 24 = 25.2.
    Slice dna = new Slice("dna_rate_pct", "2024-06", "community_nursing", "ALL");
    String tricky = "B&1";
    ReportData data =
        new ReportData(
            Period.parse("2024-06"),
            MetricCatalog.from(Settings.load(Map.of())),
            Map.of(tricky, "<script>alert('x')</script> Trust"),
            ReportData.labels(ServiceLines.bundled()),
            List.of(
                new Value(dna, tricky, 12.0, 40.0, 30.0, null),
                new Value(dna, "B02", 3.0, 50.0, 6.0, null),
                new Value(dna, "B03", 0.0, 45.0, 0.0, null)),
            List.of(new Distribution(dna, 3, 1.2, 3, 6, 18, 25.2)),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Path out = Files.createTempDirectory("report-suppression-").resolve("site");
    ReportSite.Result result = new ReportSite(data, out, line -> {}).write();
    assertEquals(3, result.orgPages());

    String file = Html.safeName(tricky);
    assertTrue(file.matches("[A-Za-z0-9_-]+"), file);
    String b1 = ReportPages.read(out.resolve("org/" + file + ".html"));
    assertEquals(
        List.of("Community nursing", "2024-06", "30.0%", "10", "40", "6.0%", "3.0% to 18.0%"),
        ReportPages.row(b1, "Community nursing").subList(0, 7));
    assertEquals(
        List.of("6.0%", "*", "50"),
        ReportPages.row(ReportPages.read(out.resolve("org/B02.html")), "Community nursing")
            .subList(2, 5));
    assertEquals(
        List.of("0.0%", "0", "45"),
        ReportPages.row(ReportPages.read(out.resolve("org/B03.html")), "Community nursing")
            .subList(2, 5));
    // The metric page's table suppresses the same way.
    String metric = ReportPages.read(out.resolve("metric/dna_rate_pct.html"));
    assertEquals(List.of("30.0%", "10", "40"), ReportPages.row(metric, tricky).subList(2, 5));
    assertEquals(List.of("6.0%", "*", "50"), ReportPages.row(metric, "B02").subList(2, 5));
    // Codes and names from data are escaped in the HTML and in the charts' SVG text.
    for (String html : List.of(b1, metric, ReportPages.read(out.resolve("index.html")))) {
      assertFalse(html.contains("<script>"), "a name from data became markup");
      assertFalse(html.contains("B&1"), "an unescaped ampersand from data");
    }
    assertTrue(b1.contains("&lt;script&gt;alert('x')&lt;/script&gt; Trust"), b1);
    assertTrue(b1.contains(">B&amp;1<"), "the chart labels the bar with the escaped code");
  }

  @Test
  void theOutputFolderMustBeNewEmptyOrAnEarlierReport() throws IOException {
    Path foreign = Files.createTempDirectory("report-foreign-");
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertTrue(ReportSite.refusal(foreign).orElseThrow().contains("is not empty"));
    assertTrue(ReportSite.refusal(foreign.resolve("new")).isEmpty());

    // An earlier report is replaced: its organisation pages go, files it did not write stay.
    Slice sickness = new Slice("sickness_rate_pct", "2024-06", "ALL", "ALL");
    Path out = Files.createTempDirectory("report-rerun-");
    new ReportSite(oneMetric(sickness, "C01", "C02"), out, line -> {}).write();
    Files.writeString(out.resolve("notes.txt"), "kept");
    assertTrue(Files.exists(out.resolve("org/C02.html")));
    new ReportSite(oneMetric(sickness, "C01"), out, line -> {}).write();
    assertTrue(Files.exists(out.resolve("org/C01.html")));
    assertFalse(Files.exists(out.resolve("org/C02.html")), "the earlier report's page is gone");
    assertEquals("kept", Files.readString(out.resolve("notes.txt")));
  }

  @Test
  void theCommandWritesTheSiteAndRefusesAForeignFolder() throws IOException {
    String warehouse = GoldenRuns.community().root().toString();
    Path out = SharedSpark.newFolder("report-cli-").resolve("site");
    CommandLine.Outcome report =
        CommandLine.run("report", "--warehouse", warehouse, "--out", out.toString());
    String said = report.out();
    assertEquals(0, report.code(), report.err());
    // Latest finished run: 2024-06; every metric of the catalogue gets a page; A01..A03.
    int metrics = MetricCatalog.from(Settings.load(Map.of())).all().size();
    assertTrue(
        said.contains("Report for 2024-06 written to " + out.resolve("index.html"))
            && said.contains(metrics + " metric pages, 3 organisation pages"),
        said);
    assertTrue(report.err().contains("report: 3 of 3 organisation"), report.err());

    Path foreign = SharedSpark.newFolder("report-cli-foreign-");
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    CommandLine.Outcome refused =
        CommandLine.run("report", "--warehouse", warehouse, "--out", foreign.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("is not empty"), refused.err());
  }

  private static ReportData oneMetric(Slice slice, String... orgs) {
    List<Value> values =
        java.util.Arrays.stream(orgs)
            .map(o -> new Value(slice, o, 10.0, 200.0, 5.0, null))
            .toList();
    return new ReportData(
        Period.parse("2024-06"),
        MetricCatalog.from(Settings.load(Map.of())),
        Map.of(),
        Map.of(),
        values,
        List.of(new Distribution(slice, orgs.length, 5, 5, 5, 5, 5)),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static String between(String html, String start, String end) {
    int from = html.indexOf(start);
    assertTrue(from >= 0, "no " + start);
    int to = html.indexOf(end, from + start.length());
    return html.substring(from, to < 0 ? html.length() : to);
  }
}
