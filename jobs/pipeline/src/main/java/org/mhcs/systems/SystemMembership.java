package org.mhcs.systems;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.calendar.Period;
import org.mhcs.conform.OrganisationHierarchy;
import org.mhcs.warehouse.Columns;

/**
 * Which integrated care board (ICB) and NHS England region an organisation's figure of a period
 * counts in: the organisation's {@code silver.org_hierarchy} row in force on the period's first day
 * (a financial year: its first day, 1 April), by {@link OrganisationHierarchy#attach}, the one
 * dating rule of the warehouse. A trust that moved ICB counts in its old ICB before the first
 * snapshot that shows the move and in its new one from then. An organisation without a row in force
 * counts under {@link #UNKNOWN}: kept and counted, never dropped. Pure transforms; one broadcast
 * join.
 */
public final class SystemMembership {
  /** {@code level} of an organisation's own figures (gold.metric_trend). */
  public static final String ORGANISATION = "organisation";

  /** {@code level} of an integrated care board's figures. */
  public static final String ICB = "icb";

  /** {@code level} of an NHS England region's figures. */
  public static final String REGION = "region";

  /** {@code level} of England's figures. */
  public static final String NATIONAL = "national";

  /** {@code system_code} of England. */
  public static final String ENGLAND = "ENG";

  /** {@code system_code} of organisations without a hierarchy row that period. */
  public static final String UNKNOWN = "UNKNOWN";

  private static final String DAY = "_first_day";

  private SystemMembership() {}

  /**
   * {@code rows} (with {@code org_code} and {@code period}, one of {@code periods}) with {@code
   * region_code} and {@code icb_code} as they were in the row's period, {@link #UNKNOWN} where the
   * hierarchy has no row in force then, or is absent.
   */
  public static Dataset<Row> attach(
      Dataset<Row> rows, List<Period> periods, Optional<Dataset<Row>> hierarchy) {
    if (hierarchy.isEmpty()) {
      return rows.withColumn(Columns.REGION_CODE, lit(UNKNOWN))
          .withColumn(Columns.ICB_CODE, lit(UNKNOWN));
    }
    List<Row> days = new ArrayList<>();
    for (Period p : periods) {
      days.add(RowFactory.create(p.toString(), Date.valueOf(p.firstDay())));
    }
    Dataset<Row> firstDays =
        rows.sparkSession()
            .createDataFrame(
                days,
                new StructType()
                    .add(Columns.PERIOD, DataTypes.StringType)
                    .add(DAY, DataTypes.DateType));
    Dataset<Row> dated = rows.join(broadcast(firstDays), Columns.PERIOD);
    Dataset<Row> inForce =
        OrganisationHierarchy.attach(
            dated,
            dated.col(Columns.ORG_CODE),
            dated.col(DAY),
            hierarchy
                .get()
                .select(
                    Columns.ORG_CODE,
                    Columns.REGION,
                    Columns.ICB,
                    Columns.VALID_FROM,
                    Columns.VALID_TO));
    return inForce
        .withColumn(Columns.REGION_CODE, coalesce(col(Columns.REGION), lit(UNKNOWN)))
        .withColumn(Columns.ICB_CODE, coalesce(col(Columns.ICB), lit(UNKNOWN)))
        .drop(DAY, Columns.REGION, Columns.ICB, Columns.VALID_FROM, Columns.VALID_TO);
  }

  /**
   * Each {@link #attach}ed row three times, once for each system it counts in: its ICB, its region
   * and England, named by {@code level} and {@code system_code}.
   */
  public static Dataset<Row> bySystem(Dataset<Row> attached) {
    String system = "_system";
    Dataset<Row> exploded =
        attached.withColumn(
            system,
            explode(
                array(
                    struct(
                        lit(ICB).as(Columns.LEVEL), col(Columns.ICB_CODE).as(Columns.SYSTEM_CODE)),
                    struct(
                        lit(REGION).as(Columns.LEVEL),
                        col(Columns.REGION_CODE).as(Columns.SYSTEM_CODE)),
                    struct(
                        lit(NATIONAL).as(Columns.LEVEL), lit(ENGLAND).as(Columns.SYSTEM_CODE)))));
    return exploded
        .withColumn(Columns.LEVEL, col(system + "." + Columns.LEVEL))
        .withColumn(Columns.SYSTEM_CODE, col(system + "." + Columns.SYSTEM_CODE))
        .drop(system);
  }
}
