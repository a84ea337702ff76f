package org.mhcs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ConformedSites;
import org.mhcs.conform.ServiceLines;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.testing.Answers;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.MetricRows;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * A hand-written ERIC site return in the published layout (golden/eric-site: the 2016-17 site
 * file's own 126-column header and group headings, '$', numbered and un-numbered site types, an
 * AGGRE row per trust, thousands separators, "Not Applicable", and one row a comma shifted) lands
 * through its schema, conforms, and fills in the empty and under-used shares its trust left out of
 * the trust return.
 */
class EricSiteReturnTest {
  private static final MetricCatalog CATALOG = MetricCatalog.from(Settings.load(Map.of()));
  private static final Map<String, FileCounts> FILES = new TreeMap<>();
  private static Warehouse warehouse;
  private static Dataset<Row> trusts;
  private static Dataset<Row> sites;

  @BeforeAll
  static void landTheGoldenReturns() throws Exception {
    warehouse = GoldenRuns.newWarehouse();
    Path landing = SharedSpark.newFolder("eric-site-");
    for (String file :
        List.of(
            "eric/trust/2016-17/ERIC-trust-2016-17.csv",
            "eric/site/2016-17/ERIC-site-2016-17.csv")) {
      Path target = landing.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(GoldenRuns.resource("/golden/eric-site/" + file), target);
    }
    for (FileCounts f :
        LandingLoads.load(warehouse, SchemaCatalog.bundled(), landing, Period.parse("2016-06"))
            .files()) {
      FILES.put(f.table(), f);
    }
    trusts = warehouse.read(Table.silver("eric_trust")).where("_period = '2016-17'");
    sites = warehouse.read(Table.silver("eric_site")).where("_period = '2016-17'");
  }

  @Test
  void everyWholeSiteRowIsAcceptedWithItsSiteTypeUnnumberedAndItsNumbersRead() {
    // Six of seven rows accepted: the AGGRE rows' "Aggregate Site" is a known site type, and
    // R1A01's other hard FM of -12,340 is a balancing item, not out of range. The seventh, R2B03,
    // is written as the comma-to-'$' conversions left such rows: its "1,760" m² split in two and
    // moved every later field one right. Its areas still look like numbers (1 m² gross, 760
    // occupied); the Yes/No sentinels are what catch it, holding 1.20 (staff parking fee) and 2.5
    // (cleaning WTE).
    assertEquals(
        List.of(7L, 6L, 1L),
        FILES.values().stream()
            .filter(f -> f.table().contains("site"))
            .map(f -> List.of(f.read(), f.accepted(), f.quarantined()))
            .findFirst()
            .orElseThrow());
    Row shifted =
        warehouse
            .read(Table.QUARANTINE)
            .where("source_table = 'eric/site' AND submitter = 'R2B'")
            .selectExpr("rule", "all_rules")
            .first();
    assertEquals("code_list", shifted.getString(0));
    assertEquals(
        List.of("code_list"),
        List.of(shifted.getString(1).split(",")).stream().distinct().toList());
    Answers.assertRows(
        sites
            .selectExpr(
                "org_code",
                "site_code",
                "site_type",
                "CAST(gross_internal_floor_area_m2 AS DOUBLE)",
                "CAST(occupied_floor_area_m2 AS DOUBLE)",
                "CAST(empty_space_pct AS DOUBLE)",
                "CAST(underused_space_pct AS DOUBLE)",
                "CAST(other_hard_fm_cost_gbp AS DOUBLE)")
            .orderBy("org_code", "site_code"),
        List.of(
            row("R1A", "AGGRE", "Aggregate Site", 1000.0, 900.0, 10.0, null, null),
            row(
                "R1A",
                "R1A01",
                "Mental Health (including Specialist services)",
                12500.0,
                12000.0,
                1.5,
                2.0,
                -12340.0),
            row("R1A", "R1A02", "Support facilities", 3000.0, null, 0.0, 5.0, null),
            row("R2B", "AGGRE", "Aggregate Site", 1500.0, 1200.0, 5.0, 0.5, null),
            row(
                "R2B",
                "R2B01",
                "Community hospital (with inpatient beds)",
                8400.0,
                8000.0,
                3.0,
                1.0,
                null),
            row("R2B", "R2B02", "Learning Disabilities", 2000.0, 2000.0, null, 4.0, null)),
        0);
  }

  @Test
  void numberedAndUnnumberedSiteTypesMapAlikeAndAggregateRowsAreExcluded() {
    Dataset<Row> conformed =
        ConformedSites.transform(sites, ServiceLines.bundled(), "2016-17", YearMonth.of(2016, 4));
    // eric_site_type.csv: "7. Community hospital ..." (numbered) → community_inpatient and
    // "Learning Disabilities" (un-numbered) → learning_disability; mental health and support
    // sites are excluded by design, and so is each AGGRE row, which keeps its floor area.
    Answers.assertRows(
        conformed
            .selectExpr(
                Columns.ORG_CODE,
                Columns.SITE_CODE,
                Columns.SERVICE_LINE,
                Columns.MAPPING_STATUS,
                "CAST(" + Columns.FLOOR_AREA + " AS DOUBLE)")
            .orderBy(Columns.ORG_CODE, Columns.SITE_CODE),
        List.of(
            row("R1A", "AGGRE", null, "excluded", 1000.0),
            row("R1A", "R1A01", null, "excluded", 12500.0),
            row("R1A", "R1A02", null, "excluded", 3000.0),
            row("R2B", "AGGRE", null, "excluded", 1500.0),
            row("R2B", "R2B01", "community_inpatient", "mapped", 8400.0),
            row("R2B", "R2B02", "learning_disability", "mapped", 2000.0)),
        0);
  }

  @Test
  void sitesFillInOnlyTheSharesTheTrustLeftOut() {
    Dataset<Row> values =
        MetricValues.fromReturns(
                CATALOG.family(MetricCatalog.ESTATES),
                TrustReturns.aggregate(
                        Optional.of(trusts), Optional.of(sites), Optional.empty(), "2016-17")
                    .orElseThrow())
            .where("metric_id IN ('empty_space_pct', 'underused_space_pct')");
    // Each site's area is its % × its occupied floor area (gross where "Not Applicable") / 100.
    // R1A empty: the trust returned 2.50% of occupied 20,000 = 500 m² → 2.5%, which wins over
    //   its sites' (1.5% × 12,000 + 0% × 3,000 + 10% × 900 = 180 + 0 + 90 = 270 of 15,900).
    // R1A under-used: not in the trust return, so from its sites: R1A01 2% × 12,000 = 240;
    //   R1A02 5% × gross 3,000 (occupied N/A) = 150; AGGRE N/A, left out of the base
    //   → 390 / (12,000 + 3,000 = 15,000) = 2.6%.
    // R2B empty (trust gave neither share): R2B01 3% × 8,000 = 240; R2B02 N/A, left out;
    //   AGGRE 5% × 1,200 = 60 → 300 / (8,000 + 1,200 = 9,200) = 3.260869565...%.
    // R2B under-used: 1% × 8,000 = 80; 4% × 2,000 = 80; AGGRE 0.5% × 1,200 = 6
    //   → 166 / (8,000 + 2,000 + 1,200 = 11,200) = 1.482142857...%.
    Answers.assertRows(
        MetricRows.compared(values),
        List.of(
            MetricRows.expected("empty_space_pct", "R1A", "ALL", 500.0, 20000.0, 2.5, null),
            MetricRows.expected("empty_space_pct", "R2B", "ALL", 300.0, 9200.0, 300.0 / 92.0, null),
            MetricRows.expected("underused_space_pct", "R1A", "ALL", 390.0, 15000.0, 2.6, null),
            MetricRows.expected(
                "underused_space_pct", "R2B", "ALL", 166.0, 11200.0, 166.0 / 112.0, null)),
        1e-9);
  }

  private static List<Object> row(Object... values) {
    return java.util.Arrays.asList(values);
  }
}
