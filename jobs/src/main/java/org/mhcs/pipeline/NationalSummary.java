package org.mhcs.pipeline;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * A readable summary of one period's gold tables: per metric and service line the national
 * p10/p25/median/p75/p90 and the total opportunity to the median.
 */
public final class NationalSummary {
  private NationalSummary() {}

  public static String of(Warehouse warehouse, Period period) {
    String where = Columns.PERIOD + " = '" + period + "'";
    Dataset<Row> benchmark = warehouse.read(Table.BENCHMARK).where(where);
    Dataset<Row> national = warehouse.read(Table.OPPORTUNITY_NATIONAL).where(where);
    Dataset<Row> days =
        national
            .where(col(Columns.OPPORTUNITY_UNIT).equalTo(OpportunityCalculator.CLINICAL_DAYS))
            .select(
                col(Columns.METRIC_ID), col(Columns.SERVICE_LINE), col(Columns.TOTAL).as("days"));
    Dataset<Row> wte =
        national
            .where(col(Columns.OPPORTUNITY_UNIT).equalTo(OpportunityCalculator.WTE))
            .select(
                col(Columns.METRIC_ID), col(Columns.SERVICE_LINE), col(Columns.TOTAL).as("wte"));
    Dataset<Row> patients =
        national
            .where(col(Columns.OPPORTUNITY_UNIT).equalTo(OpportunityCalculator.PATIENTS))
            .select(
                col(Columns.METRIC_ID),
                col(Columns.SERVICE_LINE),
                col(Columns.TOTAL).as("patients"));
    String[] key = {Columns.METRIC_ID, Columns.SERVICE_LINE};
    List<Row> rows =
        benchmark
            .join(days, key, "left")
            .join(wte, key, "left")
            .join(patients, key, "left")
            .orderBy(Columns.METRIC_ID, Columns.SERVICE_LINE)
            .collectAsList();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT, "National variation and opportunity to the median, %s%n%n", period));
    s.append(
        String.format(
            Locale.ROOT,
            "%-27s %-29s %4s %8s %8s %8s %8s %8s   %s%n",
            "metric",
            "service line",
            "orgs",
            "p10",
            "p25",
            "median",
            "p75",
            "p90",
            "opportunity (clinical days / WTE / patients)"));
    String previous = null;
    for (Row r : rows) {
      String metric = r.getAs(Columns.METRIC_ID);
      if (previous != null && !previous.equals(metric)) {
        s.append('\n');
      }
      previous = metric;
      Object d = r.getAs("days");
      String opportunity =
          d == null
              ? "-"
              : String.format(
                  Locale.ROOT,
                  "%,10.0f days  %,7.1f WTE  %,8.0f patients",
                  (Double) d,
                  (Double) r.getAs("wte"),
                  (Double) r.getAs("patients"));
      s.append(
          String.format(
              Locale.ROOT,
              "%-27s %-29s %4d %8.2f %8.2f %8.2f %8.2f %8.2f   %s%n",
              metric,
              r.getAs(Columns.SERVICE_LINE),
              (Long) r.getAs(Columns.N_ORGS),
              (Double) r.getAs(Columns.P10),
              (Double) r.getAs(Columns.P25),
              (Double) r.getAs(Columns.P50),
              (Double) r.getAs(Columns.P75),
              (Double) r.getAs(Columns.P90),
              opportunity));
    }
    Dataset<Row> totals =
        national.groupBy(Columns.METRIC_ID, Columns.OPPORTUNITY_UNIT).sum(Columns.TOTAL);
    s.append(String.format(Locale.ROOT, "%nNational totals for the month, all service lines:%n"));
    for (Row r :
        totals
            .where(col(Columns.OPPORTUNITY_UNIT).equalTo(OpportunityCalculator.CLINICAL_DAYS))
            .orderBy(Columns.METRIC_ID)
            .collectAsList()) {
      s.append(
          String.format(
              Locale.ROOT, "  %-27s %,12.0f clinical days%n", r.getString(0), r.getDouble(2)));
    }
    return s.toString();
  }
}
