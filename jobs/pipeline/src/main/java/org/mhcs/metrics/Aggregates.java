package org.mhcs.metrics;

import static org.apache.spark.sql.functions.lit;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.warehouse.Columns;

/** Joins of a family's per organisation × service line × period aggregates from several inputs. */
public final class Aggregates {
  private static final String[] KEY = {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE};

  private Aggregates() {}

  /**
   * The inpatient family's aggregates: ward staffing (care hours, patient days, pay cost), roster
   * practice and length of stay, per organisation × service line of the ward × month.
   *
   * @param wardDays silver {@code staffing/ward_day} rows of the month
   * @param stays silver {@code mhsds/MHS502WardStay} rows of the month, if landed
   * @param rosters silver {@code staffing/roster_period} rows of the month, if landed
   * @param wards {@code silver.conformed_wards} rows of the month
   */
  public static Dataset<Row> inpatient(
      Dataset<Row> wardDays,
      Optional<Dataset<Row>> stays,
      Optional<Dataset<Row>> rosters,
      Dataset<Row> wards,
      String period) {
    return joined(
        joined(
            InpatientStaffing.aggregate(wardDays, stays, wards, period),
            rosters.map(r -> RosterPractice.aggregate(r, wards, period)),
            RosterPractice.COLUMNS),
        stays.map(s -> WardStays.aggregate(s, wards, period)),
        WardStays.ENDED_STAYS,
        WardStays.STAY_DAYS);
  }

  /**
   * The workforce family's aggregates per organisation × month: sickness, WTE by staff group and,
   * where twelve months of history are loaded, turnover.
   *
   * @param sickness silver {@code esr/sickness} rows of the month, if landed
   * @param capacity {@code silver.conformed_capacity} rows of the month, if built
   * @param turnover {@link WorkforceTurnover#aggregate}, when the history is there
   */
  public static Dataset<Row> workforce(
      Optional<Dataset<Row>> sickness,
      Optional<Dataset<Row>> capacity,
      Optional<Dataset<Row>> turnover,
      String period) {
    return joined(
        WorkforceActivity.aggregate(sickness, capacity, period),
        turnover,
        WorkforceTurnover.COLUMNS);
  }

  /**
   * {@code base} joined full outer with {@code other} (so a ward or service with only one of the
   * two returns still shows), or, when {@code other} did not land, with its {@code columns} null.
   */
  static Dataset<Row> joined(Dataset<Row> base, Optional<Dataset<Row>> other, String... columns) {
    if (other.isPresent()) {
      return base.join(other.get(), KEY, "full_outer");
    }
    Dataset<Row> out = base;
    for (String c : columns) {
      out = out.withColumn(c, lit(null).cast("double"));
    }
    return out;
  }
}
