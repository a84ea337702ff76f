package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.schema.Table;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Repository;
import org.mhcs.testing.TableContents;
import org.mhcs.testing.WarehouseCopies;
import org.mhcs.warehouse.Warehouse;

/**
 * A financial year's run ({@code --period 2024-25}) over the annual returns alone: it replaces the
 * year's gold rows and nothing else, and computes the same year in a warehouse of months or alone.
 * The landing is the golden community month (June 2024) plus the real 2015-16 ERIC trust return
 * filed under 2024-25.
 */
class AnnualRunTest {
  @Test
  void aYearsRunReplacesTheYearAloneAndIsTheSameWithOrWithoutMonths() throws Exception {
    Path landing = WarehouseCopies.copy(GoldenRuns.landing("community"), "annual-landing-");
    Path eric = Files.createDirectories(landing.resolve("eric/trust/2024-25"));
    Files.copy(
        Repository.ROOT.resolve("data/public/eric/trust/2015-16/ERIC-2015-16.csv"),
        eric.resolve("ERIC-2015-16.csv"));
    Period year = Period.parseRun("2024-25");

    // The golden month's warehouse (built once for many classes; copied, since this run adds to
    // it), then the year's run: the year's rows added, the month's untouched.
    Warehouse both = GoldenRuns.copyOf(GoldenRuns.community(), "annual-");
    List<String> juneRows = values(both, "2024-06");
    MonthlyRun.Result again =
        GoldenRuns.pipeline(both, GoldenRuns.SETTINGS).execute(new LandingFolder(landing), year);
    assertEquals("2024-25", again.period().toString());
    assertEquals(juneRows, values(both, "2024-06"));
    List<String> yearRows = values(both, "2024-25");
    // RX4's estates cost per m², by hand: (hard FM 10,791,385 + soft FM 13,426,640) / GIA
    // 161,289 m² = 24,218,025 / 161,289 = 150.15298625… (EstatesAndCorporateMetricsTest).
    assertEquals(
        150.15298625448727,
        both.read(Table.METRIC_VALUE)
            .where("period = '2024-25' AND metric_id = 'ef_cost_per_m2' AND org_code = 'RX4'")
            .first()
            .<Double>getAs("value"),
        1e-9);
    assertEquals(
        List.of(),
        again.runLog().stream()
            // run_log rows: stage, then table_name (RunLog.SCHEMA's third and fourth columns)
            .filter(r -> "ingest".equals(r.getString(2)) || "check".equals(r.getString(2)))
            .map(r -> r.getString(3))
            .filter(t -> t != null && !t.startsWith("eric/") && !t.startsWith("ref/"))
            .toList(),
        "a year's run reads only annual and reference tables");

    // The year's run alone, in a new warehouse: the same year, and no month anywhere.
    Warehouse alone = GoldenRuns.newWarehouse();
    GoldenRuns.pipeline(alone, GoldenRuns.SETTINGS).execute(new LandingFolder(landing), year);
    assertEquals(yearRows, values(alone, "2024-25"));
    assertEquals(
        List.of("2024-25"),
        alone
            .read(Table.METRIC_VALUE)
            .select("period")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
    assertFalse(alone.exists(Table.CONFORMED_CONTACTS));
    assertFalse(alone.exists(Table.silver("csds_cyp201carecontact")));
    assertTrue(alone.exists(Table.BENCHMARK));
    // The year's run names its period too: 2024-25 starts on 1 April 2024.
    assertEquals(
        List.of(
            "period=2024-25 | month_start=2024-04-01 | financial_year=2024-25"
                + " | is_financial_year=true | label=Financial year 2024-25"),
        TableContents.rows(alone.read(Table.DIM_PERIOD)));
    // ERIC's RX4 is in no landed organisation extract (golden/community's has A01-A03): its
    // dimension row is its code alone.
    assertEquals(
        List.of(
            "org_code=RX4 | org_name=null | org_type=null | region_code=null | region_name=null"
                + " | icb_code=null | icb_name=null | valid_from=null | valid_to=null"
                + " | name_source=facts"),
        TableContents.rows(alone.read(Table.DIM_ORGANISATION).where("org_code = 'RX4'")));
    // The month and the year in the warehouse of both.
    assertEquals(
        List.of("2024-06", "2024-25"),
        both.read(Table.DIM_PERIOD)
            .orderBy("period")
            .select("period")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());

    // Idempotent: a second run of the year changes no table.
    var before = TableContents.of(alone);
    GoldenRuns.pipeline(alone, GoldenRuns.SETTINGS).execute(new LandingFolder(landing), year);
    TableContents.assertSame(before, TableContents.of(alone));
  }

  private static List<String> values(Warehouse warehouse, String period) {
    return TableContents.rows(
        warehouse.read(Table.METRIC_VALUE).where("period = '" + period + "'"));
  }
}
