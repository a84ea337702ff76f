package org.mhcs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/**
 * Skill mix per organisation × service line × month: the contracted WTE of each staff group and
 * band (the breakdown, {@code <staff group> | <band>}) over all the WTE the service line places.
 */
public final class SkillMix {
  public static final String GROUP_WTE = "group_wte";
  public static final String SERVICE_WTE = "service_wte";

  private SkillMix() {}

  /**
   * @param capacity {@code silver.conformed_capacity} rows of the month
   */
  public static Dataset<Row> aggregate(Dataset<Row> capacity) {
    Dataset<Row> placed = capacity.where(col(Columns.SERVICE_LINE).isNotNull());
    Dataset<Row> service =
        placed
            .groupBy(Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE)
            .agg(sum(Columns.CONTRACTED_WTE).cast("double").as(SERVICE_WTE));
    return placed
        .groupBy(
            col(Columns.PERIOD),
            col(Columns.ORG_CODE),
            col(Columns.SERVICE_LINE),
            concat_ws(
                    " | ",
                    col(Columns.STAFF_GROUP),
                    coalesce(col(Columns.AFC_BAND), lit("no band")))
                .as(Columns.BREAKDOWN))
        .agg(sum(Columns.CONTRACTED_WTE).cast("double").as(GROUP_WTE))
        .join(service, new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE});
  }
}
