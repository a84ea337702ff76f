package org.mhcs.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.mhcs.warehouse.Columns;

/**
 * Each inpatient ward of the month with its service line: an organisation's own row for the ward in
 * {@code staffing_ward.csv} if it has one (community hospital wards have no MHSDS stays), else the
 * {@code HospitalBedTypeMH} most of the ward's stays open in the month carry (ties to the smaller
 * code). Wards come from the staffing return and the MHSDS stays, so a ward missing from either
 * still appears. Pure transform.
 */
public final class ConformedWards {
  /** The data sets' field names, used only here. */
  private static final String STAFFING_ORG = "Org_Code";

  private static final String STAFFING_WARD = "Ward_Code";
  private static final String STAY_ORG = "OrgIDProv";
  private static final String STAY_WARD = "WardCode";
  private static final String STAY_BED_TYPE = "HospitalBedTypeMH";

  private ConformedWards() {}

  /**
   * @param wardDays silver {@code staffing/ward_day} rows of the month, if landed
   * @param stays silver {@code mhsds/MHS502WardStay} rows open in the month, if landed
   */
  public static Dataset<Row> transform(
      Optional<Dataset<Row>> wardDays,
      Optional<Dataset<Row>> stays,
      ServiceLines serviceLines,
      YearMonth month) {
    Dataset<Row> staffed =
        wardDays
            .map(
                d ->
                    d.groupBy(
                            col(STAFFING_ORG).as(Columns.ORG_CODE),
                            col(STAFFING_WARD).as(Columns.WARD_CODE))
                        .agg(count(lit(1)).as(Columns.STAFFING_DAYS)))
            .orElse(null);
    Dataset<Row> bedTypes = stays.map(ConformedWards::bedTypes).orElse(null);
    Dataset<Row> wards;
    if (staffed != null && bedTypes != null) {
      wards =
          staffed.join(bedTypes, new String[] {Columns.ORG_CODE, Columns.WARD_CODE}, "full_outer");
    } else if (staffed != null) {
      wards =
          staffed
              .withColumn(Columns.BED_TYPE, lit(null).cast("string"))
              .withColumn(Columns.WARD_STAYS, lit(null).cast("long"));
    } else if (bedTypes != null) {
      wards = bedTypes.withColumn(Columns.STAFFING_DAYS, lit(null).cast("long"));
    } else {
      throw new IllegalArgumentException("no ward data: needs staffing ward days or ward stays");
    }
    Dataset<Row> byWard =
        ServiceLineLookup.lookUp(
            serviceLines,
            wards,
            CodeSystem.STAFFING_WARD,
            col(Columns.ORG_CODE),
            col(Columns.WARD_CODE),
            month,
            "_by_ward");
    Dataset<Row> byBedType =
        ServiceLineLookup.lookUp(
            serviceLines,
            byWard,
            CodeSystem.MHSDS_BED_TYPE,
            col(Columns.ORG_CODE),
            col(Columns.BED_TYPE),
            month,
            "_by_bed_type");
    var target = coalesce(col("_by_ward"), col("_by_bed_type"));
    return byBedType.select(
        lit(month.toString()).as(Columns.PERIOD),
        col(Columns.ORG_CODE),
        col(Columns.WARD_CODE),
        col(Columns.BED_TYPE),
        coalesce(col(Columns.WARD_STAYS), lit(0L)).as(Columns.WARD_STAYS),
        coalesce(col(Columns.STAFFING_DAYS), lit(0L)).as(Columns.STAFFING_DAYS),
        ServiceLineLookup.mapped(target).as(Columns.SERVICE_LINE),
        ServiceLineLookup.status(target).as(Columns.MAPPING_STATUS),
        when(col("_by_ward").isNotNull(), lit(CodeSystem.STAFFING_WARD.id()))
            .when(col("_by_bed_type").isNotNull(), lit(CodeSystem.MHSDS_BED_TYPE.id()))
            .as(Columns.MAPPED_BY),
        lit(serviceLines.version()).as(Columns.MAPPING_VERSION));
  }

  /** Per ward: the bed type most of its stays carry, and how many stays it had. */
  private static Dataset<Row> bedTypes(Dataset<Row> stays) {
    Dataset<Row> counted =
        stays
            .groupBy(
                col(STAY_ORG).as(Columns.ORG_CODE),
                col(STAY_WARD).as(Columns.WARD_CODE),
                col(STAY_BED_TYPE).as(Columns.BED_TYPE))
            .agg(count(lit(1)).as("n"));
    var ward = Window.partitionBy(Columns.ORG_CODE, Columns.WARD_CODE);
    return counted
        .withColumn(Columns.WARD_STAYS, sum("n").over(ward))
        .withColumn(
            "rank",
            row_number().over(ward.orderBy(desc("n"), col(Columns.BED_TYPE).asc_nulls_last())))
        .where(col("rank").equalTo(1))
        .select(Columns.ORG_CODE, Columns.WARD_CODE, Columns.BED_TYPE, Columns.WARD_STAYS);
  }
}
