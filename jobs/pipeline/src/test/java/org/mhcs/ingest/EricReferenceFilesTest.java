package org.mhcs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.Repository;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * The real ERIC trust-level returns NHS Digital published for 2013-14 to 2015-16 (Open Government
 * Licence, shipped in data/public/eric/trust) ingest through their schema declaration alone: '$'
 * delimiter, a group-heading row, headings renamed between years, "Not Applicable", and rows the
 * publication shifted. Expected values were read from the files with a separate script (split on
 * '$', header on line 2).
 */
class EricReferenceFilesTest {
  private static final Table SILVER = Table.silver("eric_trust");
  private static Warehouse warehouse;
  private static final Map<String, FileCounts> FILES = new TreeMap<>();

  @BeforeAll
  static void loadThreeYears() throws IOException {
    warehouse = GoldenRuns.newWarehouse();
    SchemaCatalog schemas = SchemaCatalog.bundled();
    for (String year : List.of("2013-14", "2014-15", "2015-16")) {
      Path landing = SharedSpark.newFolder("eric-landing-");
      Path folder = Files.createDirectories(landing.resolve("eric/trust/" + year));
      Files.copy(
          Repository.ROOT.resolve("data/public/eric/trust/" + year + "/ERIC-" + year + ".csv"),
          folder.resolve("ERIC-" + year + ".csv"));
      // A run for June of the financial year's first calendar year reads that year's files.
      Period june = Period.parse(year.substring(0, 4) + "-06");
      for (FileCounts f : LandingLoads.load(warehouse, schemas, landing, june).files()) {
        FILES.put(year, f);
      }
    }
  }

  private static Row trust(String year, String code) {
    return warehouse
        .read(SILVER)
        .where("_period = '" + year + "' AND org_code = '" + code + "'")
        .first();
  }

  @Test
  void knownValuesOf2015To16ArriveTypedUnderTheirDeclaredNames() {
    Row rx4 = trust("2015-16", "RX4");
    // The organisation name holds a comma, which a '$'-delimited file keeps in one field.
    assertEquals("NORTHUMBERLAND, TYNE AND WEAR NHS FOUNDATION TRUST", rx4.getAs("org_name"));
    assertEquals("MENTAL HEALTH AND LEARNING DISABILITY", rx4.getAs("org_type"));
    assertEquals(new BigDecimal("161289.0000"), rx4.getAs("gross_internal_floor_area_m2"));
    assertEquals(new BigDecimal("102393.0000"), rx4.getAs("clinical_space_m2"));
    assertEquals(new BigDecimal("50356.0000"), rx4.getAs("non_clinical_space_m2"));
    assertEquals(new BigDecimal("1.0500"), rx4.getAs("empty_space_pct"));
    // Heading spelled "(£)" in some columns and "(�)" in others in this file.
    assertEquals(new BigDecimal("10791385.0000"), rx4.getAs("hard_fm_cost_gbp"));
    assertEquals(new BigDecimal("2001621.0000"), rx4.getAs("energy_cost_gbp"));
    assertEquals(new BigDecimal("13229194.0000"), rx4.getAs("electricity_kwh"));
    Row r1a = trust("2015-16", "R1A");
    assertEquals(new BigDecimal("66055.0000"), r1a.getAs("gross_internal_floor_area_m2"));
    assertEquals("COMMUNITY", r1a.getAs("org_type"));
  }

  @Test
  void earlierYearsHeadingsAreFoundThroughTheirAliases() {
    // 2013-14 calls it "Gross internal site floor area (m²)"; Sheffield Health and Social Care.
    // Bronze holds it as landed text (the row is quarantined later for a shifted Yes/No column).
    Row tah =
        warehouse
            .read(Table.bronze("eric_trust"))
            .where("_period = '2013-14' AND org_code = 'TAH'")
            .first();
    assertEquals("50607", tah.getAs("gross_internal_floor_area_m2"));
    assertEquals("eric/trust/2013-14/ERIC-2013-14.csv", tah.getAs("_source_file"));
    assertEquals(
        Long.valueOf(251 + 2),
        warehouse
            .read(Table.bronze("eric_trust"))
            .where("_period = '2013-14'")
            .agg(org.apache.spark.sql.functions.max("_line"))
            .first()
            .get(0));
  }

  @Test
  void everyFileReconcilesAndShiftedRowsAreQuarantinedWithTheirReason() {
    // Counted independently: 2015-16 is clean; in 2014-15, 5 names with a comma were split
    // (org_type holds the region) and 41 rows hold a number where Yes/No belongs: 46 rows that
    // cannot be trusted; in 2013-14 nearly every row is shifted before "Healthy transport plan".
    assertEquals(List.of(238L, 238L, 0L, 0L), counts("2015-16"));
    assertEquals(List.of(241L, 195L, 46L, 1L), counts("2014-15"));
    assertEquals(List.of(251L, 1L, 250L, 0L), counts("2013-14"));
    Map<String, Long> byRule = new TreeMap<>();
    warehouse
        .read(Table.QUARANTINE)
        .where("source_table = 'eric/trust' AND period = '2014-15'")
        .groupBy("field", "rule")
        .count()
        .collectAsList()
        .forEach(r -> byRule.put(r.getString(0) + "/" + r.getString(1), r.getLong(2)));
    assertEquals(
        Map.of("org_type/code_list", 5L, "estates_development_strategy/code_list", 41L), byRule);
    Row barnet =
        warehouse.read(Table.QUARANTINE).where("period = '2014-15' AND submitter = 'RRP'").first();
    assertEquals("LONDON COMMISSIONING REGION", barnet.getAs("value"));
    assertEquals("eric/trust/2014-15/ERIC-2014-15.csv", barnet.getAs("source_file"));
  }

  @Test
  void aFieldOutsideItsRangeIsNulledAndQuarantinedAloneTheTrustKept() {
    // ERIC-2014-15.csv line 138, RR8 (Leeds Teaching Hospitals): "Steam consumed - local (kWh)"
    // = -79199347, below the declared minimum of 0, while its other figures are in range:
    // gross internal floor area 560048 m², energy cost £10,728,239, utility electricity
    // 16,120,074 kWh (read with awk -F'$' from the file).
    List<Row> fields =
        warehouse
            .read(Table.QUARANTINED_FIELDS)
            .where("period = '2014-15'")
            .select("submitter", "line", "field", "rule", "value")
            .collectAsList();
    assertEquals(
        List.of(RowFactory.create("RR8", 138L, "steam_kwh", "range", "-79199347")), fields);
    Row rr8 = trust("2014-15", "RR8");
    assertNull(rr8.getAs("steam_kwh"));
    assertEquals("steam_kwh", rr8.getAs(Lineage.NULLED_FIELDS));
    assertEquals(new BigDecimal("560048.0000"), rr8.getAs("gross_internal_floor_area_m2"));
    assertEquals(new BigDecimal("10728239.0000"), rr8.getAs("energy_cost_gbp"));
    assertEquals(new BigDecimal("16120074.0000"), rr8.getAs("electricity_kwh"));
    // Every other kept row has nothing nulled.
    assertEquals(
        1L,
        warehouse
            .read(SILVER)
            .where("_period = '2014-15' AND " + Lineage.NULLED_FIELDS + " IS NOT NULL")
            .count());
  }

  private static List<Long> counts(String year) {
    FileCounts f = FILES.get(year);
    assertEquals(f.read(), f.accepted() + f.quarantined());
    return List.of(f.read(), f.accepted(), f.quarantined(), f.fieldsQuarantined());
  }
}
