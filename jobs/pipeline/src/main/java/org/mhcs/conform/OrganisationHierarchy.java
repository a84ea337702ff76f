package org.mhcs.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.mhcs.calendar.Period;
import org.mhcs.warehouse.Columns;

/**
 * The organisation reference as validity periods ({@code silver.org_hierarchy}): every landed ODS
 * snapshot of every organisation, consecutive snapshots with the same name, region, ICB and dates
 * collapsed into one period, so that a reporting period joins the hierarchy in force then. Pure
 * transforms over a few hundred rows a snapshot.
 *
 * <p>The dating rule: a row is in force from the snapshot that first shows it ({@code valid_from})
 * until the next snapshot that shows the organisation otherwise or not at all ({@code valid_to},
 * exclusive; null while the latest snapshot still shows it). The ODS extract does not say when a
 * change took effect, so an ICB change of April shows from the first later snapshot that has it
 * (July, if that is the next one landed), and a period before an organisation's first snapshot has
 * no row in force. An organisation that closed or merged keeps its rows, ended by the snapshot that
 * dropped it.
 */
public final class OrganisationHierarchy {
  // Landing columns of ref/organisations and ref/organisations_reshaped, as schemas/landing/ref
  // declares them (both layouts use the same names).
  public static final String ORG_CODE = "Org_Code";
  public static final String ORG_NAME = "Org_Name";
  public static final String REGION = "Region";
  public static final String ICB_CODE = "ICB_Code";
  public static final String OPEN_DATE = "Open_Date";
  public static final String CLOSE_DATE = "Close_Date";
  public static final String SNAPSHOT_DATE = "Snapshot_Date";

  /** ref/organisation_types's type column. */
  public static final String ORG_TYPE = "Org_Type";

  // Working columns.
  private static final String LAYOUT = "_layout";
  private static final String PICK = "_pick";
  private static final String SNAPSHOT = "_snapshot";
  private static final String ATTRIBUTES = "_attributes";
  private static final String STARTS = "_starts";
  private static final String RUN = "_run";
  private static final String LAST = "_last";
  private static final String NEXT_AFTER = "_next_after";
  private static final String TYPE_ORG = "_type_org";
  private static final String HIERARCHY_ORG = "_hierarchy_org";

  private OrganisationHierarchy() {}

  /**
   * Validity periods from the snapshots' silver rows.
   *
   * @param snapshots silver rows of each organisation-reference layout, the preferred first: when
   *     two layouts hold the same organisation in the same month, the earlier-listed one counts
   * @param types silver {@code ref/organisation_types}, when landed (else {@code org_type} is null)
   */
  public static Dataset<Row> transform(List<Dataset<Row>> snapshots, Optional<Dataset<Row>> types) {
    Dataset<Row> rows = null;
    for (int i = 0; i < snapshots.size(); i++) {
      Dataset<Row> layout =
          snapshots
              .get(i)
              .select(
                  col(ORG_CODE).as(Columns.ORG_CODE),
                  col(ORG_NAME).as(Columns.ORG_NAME),
                  col(REGION).as(Columns.REGION),
                  col(ICB_CODE).as(Columns.ICB),
                  col(OPEN_DATE).as(Columns.OPEN_DATE),
                  col(CLOSE_DATE).as(Columns.CLOSE_DATE),
                  col(SNAPSHOT_DATE).as(Columns.VALID_FROM),
                  lit(i).as(LAYOUT));
      rows = rows == null ? layout : rows.unionByName(layout);
    }
    if (rows == null) {
      throw new IllegalArgumentException("no organisation snapshots to date");
    }
    rows =
        rows.withColumn(
                PICK,
                row_number()
                    .over(Window.partitionBy(Columns.ORG_CODE, Columns.VALID_FROM).orderBy(LAYOUT)))
            .where(col(PICK).equalTo(1))
            .drop(PICK, LAYOUT);
    // Snapshots numbered in date order across all organisations: a snapshot that lacks an
    // organisation ends its period even when a later one shows it again. A handful of dates, so
    // one partition on purpose (a window without partitionBy does the same but warns each run).
    Dataset<Row> numbered =
        rows.select(Columns.VALID_FROM)
            .distinct()
            .withColumn(
                SNAPSHOT,
                dense_rank().over(Window.partitionBy(lit(0)).orderBy(Columns.VALID_FROM)));
    Dataset<Row> dated = rows.join(numbered, Columns.VALID_FROM);
    WindowSpec byOrg = Window.partitionBy(Columns.ORG_CODE).orderBy(SNAPSHOT);
    Column attributes =
        struct(
            col(Columns.ORG_NAME),
            col(Columns.REGION),
            col(Columns.ICB),
            col(Columns.OPEN_DATE),
            col(Columns.CLOSE_DATE));
    Column previous = lag(col(SNAPSHOT), 1).over(byOrg);
    Column continues =
        previous
            .equalTo(col(SNAPSHOT).minus(1))
            .and(lag(col(ATTRIBUTES), 1).over(byOrg).eqNullSafe(col(ATTRIBUTES)));
    Dataset<Row> runs =
        dated
            .withColumn(ATTRIBUTES, attributes)
            .withColumn(STARTS, when(not(continues).or(previous.isNull()), 1).otherwise(0))
            .withColumn(
                RUN, sum(col(STARTS)).over(byOrg.rowsBetween(Window.unboundedPreceding(), 0)))
            .groupBy(col(Columns.ORG_CODE), col(RUN), col(ATTRIBUTES))
            .agg(min(Columns.VALID_FROM).as(Columns.VALID_FROM), max(SNAPSHOT).as(LAST));
    Dataset<Row> ends =
        numbered.select(
            col(SNAPSHOT).minus(1).as(NEXT_AFTER), col(Columns.VALID_FROM).as(Columns.VALID_TO));
    Dataset<Row> periods = runs.join(ends, runs.col(LAST).equalTo(ends.col(NEXT_AFTER)), "left");
    Column type = lit(null).cast("string");
    if (types.isPresent()) {
      Dataset<Row> byCode =
          types.get().select(col(ORG_CODE).as(TYPE_ORG), col(ORG_TYPE).as(Columns.ORG_TYPE));
      periods =
          periods.join(byCode, periods.col(Columns.ORG_CODE).equalTo(byCode.col(TYPE_ORG)), "left");
      type = col(Columns.ORG_TYPE);
    }
    return periods.select(
        col(Columns.ORG_CODE),
        col(ATTRIBUTES + "." + Columns.ORG_NAME).as(Columns.ORG_NAME),
        type.as(Columns.ORG_TYPE),
        col(ATTRIBUTES + "." + Columns.REGION).as(Columns.REGION),
        col(ATTRIBUTES + "." + Columns.ICB).as(Columns.ICB),
        col(ATTRIBUTES + "." + Columns.OPEN_DATE).as(Columns.OPEN_DATE),
        col(ATTRIBUTES + "." + Columns.CLOSE_DATE).as(Columns.CLOSE_DATE),
        col(Columns.VALID_FROM),
        col(Columns.VALID_TO));
  }

  /** The rows of {@code hierarchy} in force on {@code day}: at most one per organisation. */
  public static Dataset<Row> inForceOn(Dataset<Row> hierarchy, LocalDate day) {
    return hierarchy.where(inForce(lit(Date.valueOf(day)), hierarchy));
  }

  /**
   * Organisation as of period {@code period}: the rows in force on the period's first day, the
   * hierarchy a figure of that period belongs to.
   */
  public static Dataset<Row> asOf(Dataset<Row> hierarchy, Period period) {
    return inForceOn(hierarchy, period.firstDay());
  }

  /**
   * {@code facts} with the hierarchy's columns (but its code) of the row in force on each fact's
   * {@code day} for its {@code orgCode}, null where none is; one broadcast join (the hierarchy is a
   * few hundred rows a snapshot), so no fact is duplicated or dropped.
   */
  public static Dataset<Row> attach(
      Dataset<Row> facts, Column orgCode, Column day, Dataset<Row> hierarchy) {
    Dataset<Row> h = hierarchy.withColumnRenamed(Columns.ORG_CODE, HIERARCHY_ORG);
    return facts
        .join(
            org.apache.spark.sql.functions.broadcast(h),
            orgCode.equalTo(h.col(HIERARCHY_ORG)).and(inForce(day, h)),
            "left")
        .drop(HIERARCHY_ORG);
  }

  private static Column inForce(Column day, Dataset<Row> hierarchy) {
    return hierarchy
        .col(Columns.VALID_FROM)
        .leq(day)
        .and(hierarchy.col(Columns.VALID_TO).isNull().or(day.lt(hierarchy.col(Columns.VALID_TO))));
  }
}
