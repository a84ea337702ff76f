package org.mhcs.dimensions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.sql.Date;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.calendar.Period;
import org.mhcs.conform.OrganisationHierarchy;
import org.mhcs.conform.ServiceLines;
import org.mhcs.conform.ServiceLines.ServiceLine;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.warehouse.Columns;

/**
 * The gold dimensions as pure transforms: names for the codes the facts carry (organisation,
 * metric, service line, period), each built from the one place its names are declared. No I/O;
 * {@link DimensionStage} reads and writes. Every table is small (hundreds of rows).
 */
public final class Dimensions {
  /** {@code name_source} of a row from {@code silver.org_hierarchy}. */
  public static final String FROM_HIERARCHY = "org_hierarchy";

  /** {@code name_source} of an organisation's latest {@code silver.ref_organisations} row. */
  public static final String FROM_REFERENCE = "ref_organisations";

  /** {@code name_source} of a code of the facts that no organisation extract holds. */
  public static final String FROM_FACTS = "facts";

  /** The name of the service line {@link Columns#ALL}, the whole organisation. */
  public static final String ALL_SERVICE_LINES = "All service lines";

  static final StructType METRIC =
      new StructType()
          .add(Columns.METRIC_ID, DataTypes.StringType)
          .add(Columns.NAME, DataTypes.StringType)
          .add(Columns.FAMILY, DataTypes.StringType)
          .add(Columns.UNIT, DataTypes.StringType)
          .add(Columns.DIRECTION, DataTypes.StringType)
          .add(Columns.GRAIN, DataTypes.StringType)
          .add(Columns.DEFINITION, DataTypes.StringType);

  static final StructType SERVICE_LINE =
      new StructType()
          .add(Columns.SERVICE_LINE, DataTypes.StringType)
          .add(Columns.NAME, DataTypes.StringType)
          .add(Columns.SECTOR, DataTypes.StringType)
          .add(Columns.SETTING, DataTypes.StringType)
          .add(Columns.DESCRIPTION, DataTypes.StringType);

  static final StructType PERIOD =
      new StructType()
          .add(Columns.PERIOD, DataTypes.StringType)
          .add(Columns.MONTH_START, DataTypes.DateType)
          .add(Columns.FINANCIAL_YEAR, DataTypes.StringType)
          .add(Columns.IS_FINANCIAL_YEAR, DataTypes.BooleanType)
          .add(Columns.LABEL, DataTypes.StringType);

  private static final StructType CODE_NAME =
      new StructType()
          .add(Columns.CODE, DataTypes.StringType)
          .add(Columns.NAME, DataTypes.StringType);

  private static final String PICK = "_pick";
  private static final String FACT_ORG = "_fact_org";

  private Dimensions() {}

  /** {@code gold.dim_metric}: one row per declared metric, in catalogue order. */
  public static Dataset<Row> metrics(SparkSession spark, MetricCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (Metric m : catalog.all()) {
      rows.add(
          RowFactory.create(
              m.id(),
              m.name(),
              m.family(),
              m.unit(),
              m.direction().label(),
              m.grain(),
              m.definition()));
    }
    return spark.createDataFrame(rows, METRIC);
  }

  /** {@code gold.dim_service_line}: each line of {@code conf/service_lines.csv}, then ALL. */
  public static Dataset<Row> serviceLines(SparkSession spark, ServiceLines lines) {
    List<Row> rows = new ArrayList<>();
    for (ServiceLine l : lines.lines()) {
      rows.add(RowFactory.create(l.id(), l.name(), l.sector(), l.setting(), l.description()));
    }
    rows.add(
        RowFactory.create(
            Columns.ALL,
            ALL_SERVICE_LINES,
            null,
            null,
            "The whole organisation: metrics that have no service line"));
    return spark.createDataFrame(rows, SERVICE_LINE);
  }

  /** {@code gold.dim_period}: one row per period label, months and financial years alike. */
  public static Dataset<Row> periods(SparkSession spark, Collection<String> periods) {
    List<Row> rows = new ArrayList<>();
    for (String label : new TreeSet<>(periods)) {
      Period p = Period.parseRun(label);
      rows.add(
          RowFactory.create(
              p.toString(),
              Date.valueOf(p.firstDay()),
              p.financialYear(),
              p.isFinancialYear(),
              label(p)));
    }
    return spark.createDataFrame(rows, PERIOD);
  }

  /** A period in words: {@code June 2024}, or {@code Financial year 2024-25}. */
  public static String label(Period p) {
    return p.isFinancialYear()
        ? "Financial year " + p.financialYear()
        : p.month().getMonth().getDisplayName(TextStyle.FULL, Locale.UK)
            + " "
            + p.month().getYear();
  }

  /** A code list's {@code code → name} rows as a table to join. */
  public static Dataset<Row> codeNames(SparkSession spark, List<Map<String, String>> list) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> r : list) {
      String name = r.get(Columns.NAME);
      rows.add(
          RowFactory.create(r.get(Columns.CODE), name == null || name.isEmpty() ? null : name));
    }
    return spark.createDataFrame(rows, CODE_NAME);
  }

  /**
   * {@code gold.dim_organisation}: every row of the hierarchy; then, for each organisation of the
   * facts the hierarchy lacks, its latest row of the organisation extract (undated), or its code
   * alone; region and ICB named from their code lists (left joins: a code not listed has a null
   * name, and no row is dropped or repeated, the lists having one row per code).
   *
   * @param hierarchy {@code silver.org_hierarchy}, when written
   * @param extract silver {@code ref/organisations} (every snapshot), when landed
   * @param factOrgs the distinct {@code org_code} of the facts
   * @param regions {@link #codeNames} of {@code conf/code_lists/nhs_region.csv}
   * @param icbs {@link #codeNames} of {@code conf/code_lists/icb.csv}
   */
  public static Dataset<Row> organisations(
      Optional<Dataset<Row>> hierarchy,
      Optional<Dataset<Row>> extract,
      Dataset<Row> factOrgs,
      Dataset<Row> regions,
      Dataset<Row> icbs) {
    Column noDate = lit(null).cast(DataTypes.DateType);
    Column noText = lit(null).cast(DataTypes.StringType);
    Dataset<Row> rows = null;
    if (hierarchy.isPresent()) {
      rows =
          hierarchy
              .get()
              .select(
                  col(Columns.ORG_CODE),
                  col(Columns.ORG_NAME),
                  col(Columns.ORG_TYPE),
                  col(Columns.REGION).as(Columns.REGION_CODE),
                  col(Columns.ICB).as(Columns.ICB_CODE),
                  col(Columns.VALID_FROM),
                  col(Columns.VALID_TO),
                  lit(FROM_HIERARCHY).as(Columns.NAME_SOURCE));
    }
    Dataset<Row> missing = factOrgs.select(col(Columns.ORG_CODE).as(FACT_ORG)).distinct();
    if (rows != null) {
      missing = missing.join(rows, col(FACT_ORG).equalTo(rows.col(Columns.ORG_CODE)), "left_anti");
    }
    if (extract.isPresent()) {
      Dataset<Row> latest =
          extract
              .get()
              .withColumn(
                  PICK,
                  row_number()
                      .over(
                          Window.partitionBy(OrganisationHierarchy.ORG_CODE)
                              .orderBy(col(OrganisationHierarchy.SNAPSHOT_DATE).desc())))
              .where(col(PICK).equalTo(1))
              .select(
                  col(OrganisationHierarchy.ORG_CODE).as(Columns.ORG_CODE),
                  col(OrganisationHierarchy.ORG_NAME).as(Columns.ORG_NAME),
                  noText.as(Columns.ORG_TYPE),
                  col(OrganisationHierarchy.REGION).as(Columns.REGION_CODE),
                  col(OrganisationHierarchy.ICB_CODE).as(Columns.ICB_CODE),
                  noDate.as(Columns.VALID_FROM),
                  noDate.as(Columns.VALID_TO),
                  lit(FROM_REFERENCE).as(Columns.NAME_SOURCE));
      Dataset<Row> fallback =
          latest.join(missing, latest.col(Columns.ORG_CODE).equalTo(col(FACT_ORG)), "left_semi");
      rows = rows == null ? fallback : rows.unionByName(fallback);
      missing =
          missing.join(
              fallback, col(FACT_ORG).equalTo(fallback.col(Columns.ORG_CODE)), "left_anti");
    }
    Dataset<Row> codesOnly =
        missing.select(
            col(FACT_ORG).as(Columns.ORG_CODE),
            noText.as(Columns.ORG_NAME),
            noText.as(Columns.ORG_TYPE),
            noText.as(Columns.REGION_CODE),
            noText.as(Columns.ICB_CODE),
            noDate.as(Columns.VALID_FROM),
            noDate.as(Columns.VALID_TO),
            lit(FROM_FACTS).as(Columns.NAME_SOURCE));
    rows = rows == null ? codesOnly : rows.unionByName(codesOnly);
    Dataset<Row> region =
        regions.select(col(Columns.CODE).as("_region"), col(Columns.NAME).as(Columns.REGION_NAME));
    Dataset<Row> icb =
        icbs.select(col(Columns.CODE).as("_icb"), col(Columns.NAME).as(Columns.ICB_NAME));
    return rows.join(region, rows.col(Columns.REGION_CODE).equalTo(region.col("_region")), "left")
        .join(icb, rows.col(Columns.ICB_CODE).equalTo(icb.col("_icb")), "left")
        .select(
            col(Columns.ORG_CODE),
            col(Columns.ORG_NAME),
            col(Columns.ORG_TYPE),
            col(Columns.REGION_CODE),
            col(Columns.REGION_NAME),
            col(Columns.ICB_CODE),
            col(Columns.ICB_NAME),
            col(Columns.VALID_FROM),
            col(Columns.VALID_TO),
            col(Columns.NAME_SOURCE));
  }
}
