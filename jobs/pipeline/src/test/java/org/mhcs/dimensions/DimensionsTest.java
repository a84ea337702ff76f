package org.mhcs.dimensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.Settings;
import org.mhcs.conform.OrganisationHierarchy;
import org.mhcs.conform.ServiceLines;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.testing.TableContents;
import org.mhcs.warehouse.Warehouse;

/**
 * The gold dimensions of the golden/community run, against its input files read by hand, and the
 * organisation fallback on rows made here.
 */
class DimensionsTest {
  @Test
  void goldenRunNamesEveryOrganisationFromItsOdsExtract() {
    Warehouse w = GoldenRuns.community();
    // golden/community/ref/organisations/etr-2024-06.csv, lines 1-3 (code, name, region, ICB,
    // opened 2000-04-01), dated from the file's month; types from
    // ref/organisation_types/organisation_types.csv lines 2-4; regions named by
    // conf/code_lists/nhs_region.csv; QX1-QX3 are no real ICBs (and icb.csv lists none): null.
    assertEquals(
        List.of(
            "org_code=A01 | org_name=Golden Community NHS Trust | org_type=Community"
                + " | region_code=Y56 | region_name=London | icb_code=QX1 | icb_name=null"
                + " | valid_from=2024-06-01 | valid_to=null | name_source=org_hierarchy",
            "org_code=A02 | org_name=Golden Mental Health NHS Trust"
                + " | org_type=Combined MH and community | region_code=Y62"
                + " | region_name=North West | icb_code=QX2 | icb_name=null"
                + " | valid_from=2024-06-01 | valid_to=null | name_source=org_hierarchy",
            "org_code=A03 | org_name=Golden Acute NHS Trust | org_type=Acute"
                + " | region_code=Y58 | region_name=South West | icb_code=QX3 | icb_name=null"
                + " | valid_from=2024-06-01 | valid_to=null | name_source=org_hierarchy"),
        TableContents.rows(w.read(Table.DIM_ORGANISATION)));
  }

  @Test
  void goldenRunHasItsMonthMetricsAndServiceLines() {
    Warehouse w = GoldenRuns.community();
    // The run is of June 2024 and golden/community has no annual returns: one month.
    assertEquals(
        List.of(
            "period=2024-06 | month_start=2024-06-01 | financial_year=2024-25"
                + " | is_financial_year=false | label=June 2024"),
        TableContents.rows(w.read(Table.DIM_PERIOD)));
    // conf/service_lines.csv: 23 lines under its header, plus ALL; adult_cmht is line 11.
    assertEquals(24, w.read(Table.DIM_SERVICE_LINE).count());
    assertEquals(
        List.of(
            "service_line=adult_cmht | name=Adult community mental health | sector=mental health"
                + " | setting=community | description=Adult community mental health teams (CMHT)"),
        TableContents.rows(w.read(Table.DIM_SERVICE_LINE).where("service_line = 'adult_cmht'")));
    assertEquals(
        "All service lines",
        w.read(Table.DIM_SERVICE_LINE).where("service_line = 'ALL'").first().getAs("name"));
    // One row per declared metric; direct_care_pct as MetricCatalog declares it.
    MetricCatalog catalog = MetricCatalog.from(Settings.load(GoldenRuns.SETTINGS));
    assertEquals(catalog.all().size(), w.read(Table.DIM_METRIC).count());
    Row direct = w.read(Table.DIM_METRIC).where("metric_id = 'direct_care_pct'").first();
    assertEquals("Direct care time %", direct.getAs("name"));
    assertEquals("community", direct.getAs("family"));
    assertEquals("percent", direct.getAs("unit"));
    assertEquals("higher", direct.getAs("direction"));
    String definition = direct.getAs("definition");
    assertTrue(definition.startsWith("100 × (attended direct-care minutes"), definition);
    // Every metric of the facts has its row.
    assertEquals(
        0,
        w.read(Table.METRIC_VALUE)
            .select("metric_id")
            .distinct()
            .join(w.read(Table.DIM_METRIC), "metric_id", "left_anti")
            .count());
  }

  @Test
  void aRerunWritesNoDimensionAgain() {
    Warehouse w = GoldenRuns.copyOf(GoldenRuns.community(), "dimensions-rerun-");
    Map<Table, Long> before = versions(w);
    RunLog log = new RunLog("rerun", "2024-06", line -> {});
    new DimensionStage(
            w,
            SchemaCatalog.bundled(),
            CodeLists.bundled(),
            ServiceLines.bundled(),
            MetricCatalog.from(Settings.load(GoldenRuns.SETTINGS)),
            log)
        .execute();
    assertEquals(before, versions(w));
    assertEquals(4, log.rows().size());
  }

  @Test
  void organisationsTheHierarchyLacksFallBackToTheirLatestExtractRowThenToTheCodeAlone() {
    SparkSession spark = SharedSpark.session();
    StructType extractSchema =
        new StructType()
            .add(OrganisationHierarchy.ORG_CODE, DataTypes.StringType)
            .add(OrganisationHierarchy.ORG_NAME, DataTypes.StringType)
            .add(OrganisationHierarchy.REGION, DataTypes.StringType)
            .add(OrganisationHierarchy.ICB_CODE, DataTypes.StringType)
            .add(OrganisationHierarchy.SNAPSHOT_DATE, DataTypes.DateType);
    Dataset<Row> extract =
        spark.createDataFrame(
            List.of(
                RowFactory.create("B01", "Old Name NHS Trust", "Y60", "QJ1", date("2024-01-01")),
                RowFactory.create("B01", "New Name NHS Trust", "Y61", "QWE", date("2024-07-01"))),
            extractSchema);
    Dataset<Row> facts =
        spark.createDataFrame(
            List.of(RowFactory.create("B01"), RowFactory.create("Z99")),
            new StructType().add("org_code", DataTypes.StringType));
    // The shipped lists: Y61 is East of England (conf/code_lists/nhs_region.csv) and QWE is
    // "NHS South West London ICB" in NHS England's allocation tool file that icb.csv cites.
    CodeLists lists = CodeLists.bundled();
    Dataset<Row> regions = Dimensions.codeNames(spark, lists.rows(DimensionStage.REGION_LIST));
    Dataset<Row> icbs = Dimensions.codeNames(spark, lists.rows(DimensionStage.ICB_LIST));
    assertEquals(42, lists.rows(DimensionStage.ICB_LIST).size(), "England's 42 ICBs");
    assertEquals(
        List.of(
            "org_code=B01 | org_name=New Name NHS Trust | org_type=null | region_code=Y61"
                + " | region_name=East of England | icb_code=QWE"
                + " | icb_name=NHS South West London ICB"
                + " | valid_from=null | valid_to=null | name_source=ref_organisations",
            "org_code=Z99 | org_name=null | org_type=null | region_code=null"
                + " | region_name=null | icb_code=null | icb_name=null"
                + " | valid_from=null | valid_to=null | name_source=facts"),
        TableContents.rows(
            Dimensions.organisations(
                Optional.empty(), Optional.of(extract), facts, regions, icbs)));
  }

  @Test
  void namesPrintAnOrganisationBesideItsCode() {
    Names names = Names.of(GoldenRuns.community(), LocalDate.of(2024, 6, 1));
    assertEquals("A02 (Golden Mental Health NHS Trust)", names.organisationWithCode("A02"));
    assertEquals("Z99", names.organisationWithCode("Z99"));
    assertEquals(Optional.of("Adult community mental health"), names.serviceLine("adult_cmht"));
    assertEquals(Optional.of("Direct care time %"), names.metric("direct_care_pct"));
  }

  private static Map<Table, Long> versions(Warehouse w) {
    return Map.of(
        Table.DIM_ORGANISATION, w.version(Table.DIM_ORGANISATION),
        Table.DIM_METRIC, w.version(Table.DIM_METRIC),
        Table.DIM_SERVICE_LINE, w.version(Table.DIM_SERVICE_LINE),
        Table.DIM_PERIOD, w.version(Table.DIM_PERIOD));
  }

  private static Date date(String iso) {
    return Date.valueOf(iso);
  }
}
