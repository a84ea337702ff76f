package org.mhcs.notebook;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mhcs.testing.CommandLine.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.dimensions.Names;
import org.mhcs.generate.GeneratedMonthRun;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Every notebook in {@code notebooks/} runs against the generated month through {@code ./mhcs
 * notebook run}, and each page shows values worked out here from the warehouse's rows in plain
 * Java; a broken notebook fails with its cell and line, and still writes its page.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
@Order(Scheduling.READS_DEMO_MONTH)
class NotebookRunTest {
  private static final Path NOTEBOOKS = GeneratedMonthRun.NOTEBOOKS;

  private static Warehouse warehouse;
  private static String month;
  private static String year;
  private static Map<String, String> pages;

  /** All the notebooks in one call, as CI runs them: one page each (shared with other classes). */
  @BeforeAll
  static void runEveryNotebook() throws IOException {
    warehouse = GeneratedMonthRun.warehouse();
    month =
        warehouse
            .read(Table.RUN_LOG)
            .where("stage = 'finish' AND status = 'ok'")
            .agg(org.apache.spark.sql.functions.max(Columns.PERIOD))
            .first()
            .getString(0);
    year = Period.parse(month).financialYear();
    Path out = GeneratedMonthRun.notebookPages();
    pages = new TreeMap<>();
    try (Stream<Path> html = Files.list(out)) {
      for (Path p : html.toList()) {
        pages.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    assertEquals(
        List.of(
            "data_quality_by_submitter.html",
            "national_variation.html",
            "system_view.html",
            "top_opportunities.html",
            "trends.html",
            "trust_profile.html"),
        List.copyOf(pages.keySet()),
        "one page per notebook in notebooks/ (add a test for a new one)");
  }

  /** Rounded as the notebooks' SQL rounds (HALF_UP) and shown as the page shows numbers. */
  private static String shown(double value, int decimals) {
    return NotebookRunner.format(
        BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue());
  }

  /** Percentile by linear interpolation between order statistics (percentile_cont). */
  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    double rank = p * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.size() - 1);
    return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
  }

  private static List<Row> metricRows(String metric) {
    return warehouse
        .read(Table.METRIC_VALUE)
        .where(col(Columns.METRIC_ID).equalTo(metric))
        .where(col(Columns.PERIOD).isin(month, year))
        .collectAsList();
  }

  @Test
  void nationalVariationShowsTheMedianAndTheOrganisationsInOrder() {
    String page = pages.get("national_variation.html");
    // Direct care time (the default metric), one value per organisation and service line;
    // flagged values are left out of the distribution.
    Map<String, List<Double>> byLine = new TreeMap<>();
    Map<String, Map<String, Double>> byLineAndOrg = new TreeMap<>();
    for (Row r : metricRows("direct_care_pct")) {
      if (r.getAs(Columns.FLAGS) == null) {
        String line = r.getAs(Columns.SERVICE_LINE);
        byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(r.getAs(Columns.VALUE));
        byLineAndOrg
            .computeIfAbsent(line, k -> new TreeMap<>())
            .put(r.getAs(Columns.ORG_CODE), r.getAs(Columns.VALUE));
      }
    }
    HtmlTables.Table distribution =
        HtmlTables.starting(page, "service_line", "breakdown", "period");
    assertEquals(List.copyOf(byLine.keySet()), distribution.column("service_line"));
    for (Map.Entry<String, List<Double>> e : byLine.entrySet()) {
      Map<String, String> row = distribution.rowWhere("service_line", e.getKey());
      assertEquals(String.valueOf(e.getValue().size()), row.get("n_orgs"), e.getKey());
      assertEquals(shown(percentile(e.getValue(), 0.5), 3), row.get("median"), e.getKey());
      assertEquals(shown(percentile(e.getValue(), 0.25), 3), row.get("p25"), e.getKey());
      assertEquals(shown(percentile(e.getValue(), 0.90), 3), row.get("p90"), e.getKey());
    }
    // The organisations listed are those of the line with the most organisations (the first by
    // name among equals), lowest value first, each with its own value and numerator suppressed.
    String widest =
        byLine.entrySet().stream()
            .max(
                Comparator.<Map.Entry<String, List<Double>>>comparingInt(e -> e.getValue().size())
                    .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .orElseThrow()
            .getKey();
    List<Map.Entry<String, Double>> sorted =
        byLineAndOrg.get(widest).entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    HtmlTables.Table orgs =
        HtmlTables.starting(page, "org_code", "service_line", "breakdown", "value");
    assertEquals(sorted.stream().map(Map.Entry::getKey).toList(), orgs.column("org_code"));
    assertEquals(sorted.stream().map(e -> shown(e.getValue(), 3)).toList(), orgs.column("value"));
    assertTrue(
        orgs.column("numerator").stream().allMatch(n -> n.equals("*") || n.matches("\\d*[05]")),
        "numerators shown suppressed: " + orgs.column("numerator"));
    assertTrue(page.contains("<svg"), "the organisations' chart is drawn");
  }

  @Test
  void trustProfileShowsTheTrustsOwnValuesAndTheNationalMedian() {
    String page = pages.get("trust_profile.html");
    // With org_code empty the profile is of the first organisation by code.
    List<Row> all =
        warehouse
            .read(Table.METRIC_VALUE)
            .where(col(Columns.PERIOD).isin(month, year))
            .collectAsList();
    String org =
        all.stream()
            .map(r -> (String) r.getAs(Columns.ORG_CODE))
            .min(String::compareTo)
            .orElseThrow();
    HtmlTables.Table header =
        HtmlTables.starting(page, "org_code", "org_name", "month", "financial_year");
    assertEquals(org, header.rows().get(0).get("org_code"));
    // Named as ./mhcs and the report name it (the generator's ODS extract, via the dimension).
    assertEquals(
        Names.of(warehouse, Period.parse(month).firstDay()).organisation(org).orElseThrow(),
        header.rows().get(0).get("org_name"));
    assertEquals(month, header.rows().get(0).get("month"));

    HtmlTables.Table metrics =
        HtmlTables.starting(page, "metric_id", "service_line", "period", "value");
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (Row r : all) {
      if (r.getAs(Columns.ORG_CODE).equals(org) && r.getAs(Columns.BREAKDOWN).equals("ALL")) {
        String key = r.getAs(Columns.METRIC_ID) + " / " + r.getAs(Columns.SERVICE_LINE);
        Double value = r.getAs(Columns.VALUE);
        expected.add(key + " = " + (value == null ? "null" : shown(value, 3)));
      }
    }
    for (Map<String, String> row : metrics.rows()) {
      actual.add(row.get("metric_id") + " / " + row.get("service_line") + " = " + row.get("value"));
    }
    assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList());

    // The national median beside its direct care time: the median over every organisation's
    // unflagged value on that service line.
    for (Map<String, String> row : metrics.rows()) {
      if (row.get("metric_id").equals("direct_care_pct") && row.get("flags").equals("null")) {
        List<Double> line =
            all.stream()
                .filter(r -> r.getAs(Columns.METRIC_ID).equals("direct_care_pct"))
                .filter(r -> r.getAs(Columns.SERVICE_LINE).equals(row.get("service_line")))
                .filter(r -> r.getAs(Columns.FLAGS) == null)
                .map(r -> (Double) r.getAs(Columns.VALUE))
                .toList();
        assertEquals(shown(percentile(line, 0.5), 3), row.get("national_median"), row.toString());
      }
    }
  }

  @Test
  void topOpportunitiesAddUpTheOpportunityRows() {
    String page = pages.get("top_opportunities.html");
    MetricCatalog catalog = MetricCatalog.from(Settings.load(Map.of()));
    List<Row> rows =
        warehouse
            .read(Table.OPPORTUNITY)
            .where(col(Columns.PERIOD).isin(month, year))
            .collectAsList();
    // Each family's total in each unit: its metrics counted in family totals, each against its
    // own default target (unit price: the national minimum; the rest: the median).
    Map<String, Double> totals = new TreeMap<>();
    Map<String, Double> byOrgAndMetric = new TreeMap<>();
    for (Row r : rows) {
      Metric m = catalog.find(r.getAs(Columns.METRIC_ID)).orElseThrow();
      if (m.opportunity().inFamilyTotal()
          && m.opportunity().basis().id().equals(r.getAs(Columns.TARGET_BASIS))) {
        double v = r.getAs(Columns.OPPORTUNITY_VALUE);
        totals.merge(m.family() + " " + r.getAs(Columns.OPPORTUNITY_UNIT), v, Double::sum);
        byOrgAndMetric.merge(
            r.getAs(Columns.OPPORTUNITY_UNIT) + " " + r.getAs(Columns.ORG_CODE) + " " + m.id(),
            v,
            Double::sum);
      }
    }
    HtmlTables.Table families =
        HtmlTables.starting(page, "family", "period", "opportunity_unit", "total");
    Map<String, String> shownTotals = new TreeMap<>();
    for (Map<String, String> row : families.rows()) {
      shownTotals.put(row.get("family") + " " + row.get("opportunity_unit"), row.get("total"));
    }
    Map<String, String> expected = new TreeMap<>();
    totals.forEach(
        (k, v) -> {
          if (v > 0) {
            expected.put(k, shown(v, 1));
          }
        });
    assertEquals(expected, shownTotals);

    // The first of each unit's ranking is the largest organisation and metric sum.
    HtmlTables.Table ranked = HtmlTables.starting(page, "opportunity_unit", "rank", "org_code");
    for (String unit : List.of("GBP", "clinical_days", "wte", "patients")) {
      Map.Entry<String, Double> top =
          byOrgAndMetric.entrySet().stream()
              .filter(e -> e.getKey().startsWith(unit + " "))
              .max(Map.Entry.comparingByValue())
              .orElseThrow();
      Map<String, String> first =
          ranked.rows().stream()
              .filter(r -> r.get("opportunity_unit").equals(unit) && r.get("rank").equals("1"))
              .findFirst()
              .orElseThrow();
      assertEquals(
          top.getKey() + " " + shown(top.getValue(), 1),
          unit
              + " "
              + first.get("org_code")
              + " "
              + first.get("metric_id")
              + " "
              + first.get("opportunity"));
    }
  }

  @Test
  void trendsShowTheOrganisationsValueAgainstTheNationalMedianPerPeriod() {
    String page = pages.get("trends.html");
    // Defaults: direct care time; the first organisation by code with a trend; its service line
    // with the most periods (the first by name among equals).
    List<Row> own =
        warehouse
            .read(Table.METRIC_TREND)
            .where(col(Columns.METRIC_ID).equalTo("direct_care_pct"))
            .where(col(Columns.BREAKDOWN).equalTo(Columns.ALL))
            .where(col(Columns.LEVEL).equalTo("organisation"))
            .collectAsList();
    String org =
        own.stream().map(r -> (String) r.getAs(Columns.ENTITY_CODE)).min(String::compareTo).get();
    Map<String, Long> periodsPerLine =
        own.stream()
            .filter(r -> r.getAs(Columns.ENTITY_CODE).equals(org))
            .collect(
                Collectors.groupingBy(
                    r -> (String) r.getAs(Columns.SERVICE_LINE),
                    TreeMap::new,
                    Collectors.counting()));
    String line =
        periodsPerLine.entrySet().stream()
            .max(
                Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
            .get()
            .getKey();
    Map<String, String> header =
        HtmlTables.starting(page, "metric_id", "org_code", "org_name", "service_line")
            .rows()
            .get(0);
    assertEquals(org, header.get("org_code"));
    assertEquals(line, header.get("service_line"));
    assertEquals(
        Names.of(warehouse, Period.parse(month).firstDay()).organisation(org).orElseThrow(),
        header.get("org_name"));
    // Each period's value is the organisation's own in gold.metric_value, and the national median
    // the median of every organisation's unflagged value on that line, worked out here.
    HtmlTables.Table periods =
        HtmlTables.starting(page, "period", "value", "p25", "national_median");
    assertEquals(List.of(month), periods.column("period"), "the generated month alone");
    List<Row> line0 =
        metricRows("direct_care_pct").stream()
            .filter(r -> r.getAs(Columns.SERVICE_LINE).equals(line))
            .toList();
    Row mine = line0.stream().filter(r -> r.getAs(Columns.ORG_CODE).equals(org)).findFirst().get();
    assertEquals(shown(mine.<Double>getAs(Columns.VALUE), 3), periods.rows().get(0).get("value"));
    List<Double> benchmarked =
        line0.stream()
            .filter(r -> r.getAs(Columns.FLAGS) == null)
            .map(r -> (Double) r.getAs(Columns.VALUE))
            .toList();
    assertEquals(
        shown(percentile(benchmarked, 0.5), 3), periods.rows().get(0).get("national_median"));
    // One period: nothing to compare with.
    assertEquals("null", periods.rows().get(0).get("change"));
  }

  @Test
  void systemViewSumsItsMembersCountsIntoTheIcbsValue() {
    String page = pages.get("system_view.html");
    // Defaults: level icb, the first ICB by code with figures, the latest month.
    String icb =
        warehouse
            .read(Table.SYSTEM_VALUE)
            .where(col(Columns.LEVEL).equalTo("icb"))
            .where(col(Columns.PERIOD).isin(month, year))
            .agg(org.apache.spark.sql.functions.min(Columns.SYSTEM_CODE))
            .first()
            .getString(0);
    assertEquals(
        icb,
        HtmlTables.starting(page, "level", "system_code", "system_name")
            .rows()
            .get(0)
            .get("system_code"));
    // Members: the organisations whose reference row in force on the month's first day is in it.
    Names names = Names.of(warehouse, Period.parse(month).firstDay());
    List<String> members =
        warehouse.read(Table.DIM_ORGANISATION).collectAsList().stream()
            .map(r -> (String) r.getAs(Columns.ORG_CODE))
            .distinct()
            .filter(o -> names.membership(o).map(m -> icb.equals(m.icbCode())).orElse(false))
            .sorted()
            .toList();
    assertEquals(
        members, HtmlTables.starting(page, "org_code", "org_name", "icb_code").column("org_code"));
    // Direct care time per service line: Σ members' numerators ÷ Σ denominators × 100, over
    // their rows with both counts (not returned and no denominator left out).
    Map<String, double[]> sums = new TreeMap<>();
    for (Row r : metricRows("direct_care_pct")) {
      String flags = r.getAs(Columns.FLAGS);
      if (members.contains(r.<String>getAs(Columns.ORG_CODE))
          && r.getAs(Columns.BREAKDOWN).equals("ALL")
          && r.getAs(Columns.NUMERATOR) != null
          && r.getAs(Columns.DENOMINATOR) != null
          && (flags == null || !flags.matches(".*(not_returned|no_denominator).*"))) {
        double[] sum = sums.computeIfAbsent(r.getAs(Columns.SERVICE_LINE), k -> new double[2]);
        sum[0] += r.<Double>getAs(Columns.NUMERATOR);
        sum[1] += r.<Double>getAs(Columns.DENOMINATOR);
      }
    }
    assertTrue(!sums.isEmpty(), "the ICB's members have direct care values");
    HtmlTables.Table figures =
        HtmlTables.starting(page, "metric_id", "service_line", "period", "value", "numerator");
    Map<String, String> expected = new TreeMap<>();
    sums.forEach((line, sum) -> expected.put(line, shown(100 * sum[0] / sum[1], 3)));
    Map<String, String> actual = new TreeMap<>();
    for (Map<String, String> row : figures.rows()) {
      if (row.get("metric_id").equals("direct_care_pct")) {
        actual.put(row.get("service_line"), row.get("value"));
      }
    }
    assertEquals(expected, actual);
    assertTrue(
        figures.column("numerator").stream().allMatch(n -> n.equals("*") || n.matches("\\d*[05]")),
        "system counts shown suppressed: " + figures.column("numerator"));
  }

  @Test
  void dataQualityReconcilesEverySubmitter() {
    String page = pages.get("data_quality_by_submitter.html");
    // Quarantined rows per submitter, counted straight from ops.quarantine.
    Map<String, Long> quarantined =
        warehouse
            .read(Table.QUARANTINE)
            .where(col(Columns.PERIOD).isin(month, year))
            .collectAsList()
            .stream()
            .filter(r -> r.getAs("submitter") != null)
            .collect(
                Collectors.groupingBy(
                    r -> (String) r.getAs("submitter"), TreeMap::new, Collectors.counting()));
    HtmlTables.Table submitters = HtmlTables.starting(page, "submitter", "data_sets", "rows_read");
    long read = 0;
    for (Map<String, String> row : submitters.rows()) {
      long rowsRead = Long.parseLong(row.get("rows_read"));
      long accepted = Long.parseLong(row.get("rows_accepted"));
      long rejected = Long.parseLong(row.get("rows_quarantined"));
      assertEquals(quarantined.getOrDefault(row.get("submitter"), 0L), rejected, row.toString());
      assertEquals(rowsRead, accepted + rejected, row.toString());
      assertEquals("true", row.get("reconciles"), row.toString());
      read += rowsRead;
    }
    assertTrue(
        submitters.column("submitter").containsAll(quarantined.keySet()),
        "every submitter with quarantined rows is listed: " + quarantined.keySet());
    // Every row read from the period's files belongs to some submitter's line.
    long filesRead =
        warehouse
            .read(Table.LOADED_FILES)
            .where(col(Columns.PERIOD).isin(month, year))
            .collectAsList()
            .stream()
            .mapToLong(r -> r.getAs("rows_read"))
            .sum();
    assertEquals(filesRead, read);
  }

  @Test
  void aFailingCellNamesItsCellAndLineAndThePageShowsIt() throws IOException {
    Path dir = SharedSpark.newFolder("broken-notebooks-");
    // Lines: 1 header, 2-3 markdown, 5 and 9 separators, cell 2 on line 7, cell 3 on lines
    // 11-15 whose second statement (from line 13) names a missing column on line 14, cell 4 on 19.
    Path analysis = dir.resolve("unknown_column.sql");
    Files.writeString(
        analysis,
        """
        -- Databricks notebook source
        -- MAGIC %md
        -- MAGIC # Broken on purpose

        -- COMMAND ----------

        SELECT count(*) AS metric_rows FROM gold.metric_value

        -- COMMAND ----------

        -- the second statement names a column gold.metric_value does not have
        SELECT 1 AS one;
        SELECT org_code,
               no_such_column
        FROM gold.metric_value

        -- COMMAND ----------

        SELECT 2 AS two
        """);
    Path syntax = dir.resolve("syntax.sql");
    Files.writeString(
        syntax,
        "-- Databricks notebook source\nSELECT 1 AS one\n\n-- COMMAND ----------\n\n"
            + "SELECT org_code FORM gold.metric_value\n");
    Path out = dir.resolve("pages");
    Outcome o =
        run(
            "notebook",
            "run",
            analysis.toString(),
            syntax.toString(),
            "--warehouse",
            warehouse.root().toString(),
            "--out",
            out.toString());
    assertEquals(1, o.code(), o.err());
    List<String> failures = o.err().lines().filter(l -> l.startsWith("mhcs notebook:")).toList();
    assertEquals(2, failures.size(), o.err());
    assertTrue(
        failures
            .get(0)
            .startsWith(
                "mhcs notebook: "
                    + analysis
                    + " cell 3 (line 11) failed at line 14: [UNRESOLVED_COLUMN"),
        failures.get(0));
    assertTrue(
        failures
            .get(1)
            .startsWith(
                "mhcs notebook: "
                    + syntax
                    + " cell 2 (line 6) failed at line 6: [PARSE_SYNTAX_ERROR]"),
        failures.get(1));
    assertTrue(o.err().contains("(MHCS_DEBUG=1 shows the stack trace)"), o.err());
    assertTrue(!o.err().contains("\tat org.apache"), "no stack trace: " + o.err());

    // The page is written: cell 2's count, the error where cell 3 was, cell 4 not run.
    String page = Files.readString(out.resolve("unknown_column.html"));
    long rows = warehouse.read(Table.METRIC_VALUE).count();
    assertEquals(
        String.valueOf(rows),
        HtmlTables.starting(page, "metric_rows").rows().get(0).get("metric_rows"));
    assertTrue(
        page.contains("Cell 3 (line 11) failed at line 14; the cells after it were not run."),
        page);
    assertTrue(
        page.contains(
            "<p><strong>Failed at line 14:</strong></p>\n<pre class=\"error\">[UNRESOLVED_COLUMN"),
        page);
    assertTrue(page.contains("<section class=\"cell\" id=\"cell-4\">"), page);
    assertTrue(page.contains("Not run: an earlier cell failed."), page);
  }

  @Test
  void parametersOverrideWidgetDefaultsAndAreChecked() throws IOException {
    // The second organisation by code, and the month given explicitly.
    String second =
        warehouse
            .read(Table.METRIC_VALUE)
            .select(Columns.ORG_CODE)
            .distinct()
            .orderBy(Columns.ORG_CODE)
            .limit(2)
            .collectAsList()
            .get(1)
            .getString(0);
    Path page = SharedSpark.newFolder("notebook-param-").resolve("profile.html");
    Outcome o =
        runNotebook(
            "trust_profile.sql", page, "--param", "org_code=" + second, "--param=period=" + month);
    assertEquals(0, o.code(), o.err());
    String html = Files.readString(page);
    Map<String, String> header =
        HtmlTables.starting(html, "org_code", "org_name", "month").rows().get(0);
    assertEquals(second, header.get("org_code"));
    assertEquals(
        Names.of(warehouse, Period.parse(month).firstDay()).organisation(second).orElseThrow(),
        header.get("org_name"));
    assertTrue(
        html.contains(
            "<tr><td><code>org_code</code></td><td><code>"
                + second
                + "</code></td><td>--param</td></tr>"),
        html);

    Outcome unknown = runNotebook("trust_profile.sql", page, "--param", "org=X01");
    assertEquals(2, unknown.code());
    assertEquals(
        "mhcs notebook: --param org: no notebook given declares it (they declare org_code, period)",
        unknown.err().strip());

    // A month no run finished for stops at the notebook's own check, with its message.
    Outcome never = runNotebook("data_quality_by_submitter.sql", page, "--param", "period=1999-01");
    assertEquals(1, never.code());
    assertTrue(
        never
            .err()
            .contains(
                "cell 4 (line 31) failed at line 32: no run finished for period \"1999-01\" (ops.run_log);"
                    + " leave period empty for the latest"),
        never.err());
  }

  /**
   * {@code ./mhcs notebook run notebooks/NAME --warehouse <generated month> --out PAGE ARGS...}.
   */
  private static Outcome runNotebook(String name, Path page, String... args) {
    List<String> line =
        new ArrayList<>(
            List.of(
                "notebook",
                "run",
                NOTEBOOKS.resolve(name).toString(),
                "--warehouse",
                warehouse.root().toString(),
                "--out",
                page.toString()));
    line.addAll(List.of(args));
    return run(line.toArray(String[]::new));
  }
}
