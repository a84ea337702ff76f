package org.mhcs.pipeline;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.calendar.Period;
import org.mhcs.opportunity.OpportunityTables;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * A readable summary of one run's gold tables (the month, and its financial year for annual
 * returns): per metric and service line the national p10/p25/median/p75/p90, then the national
 * opportunity by family.
 */
public final class NationalSummary {
  private NationalSummary() {}

  public static String of(Warehouse warehouse, Period period) {
    String periods = period.predicateWithYear(Columns.PERIOD);
    Dataset<Row> national =
        NationalBenchmark.nationalOf(warehouse.read(Table.BENCHMARK).where(periods));
    List<Row> rows =
        national
            .where(col(Columns.BREAKDOWN).equalTo(Columns.ALL))
            .orderBy(Columns.METRIC_ID, Columns.SERVICE_LINE)
            .collectAsList();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "National variation, %s (annual returns: %s)%n%n",
            period,
            period.financialYear()));
    s.append(
        String.format(
            Locale.ROOT,
            "%-27s %-28s %-8s %4s %10s %10s %10s %10s %10s%n",
            "metric",
            "service line",
            "period",
            "orgs",
            "p10",
            "p25",
            "median",
            "p75",
            "p90"));
    String previous = null;
    for (Row r : rows) {
      String metric = r.getAs(Columns.METRIC_ID);
      if (previous != null && !previous.equals(metric)) {
        s.append('\n');
      }
      previous = metric;
      s.append(
          String.format(
              Locale.ROOT,
              "%-27s %-28s %-8s %4d %10.2f %10.2f %10.2f %10.2f %10.2f%n",
              metric,
              r.getAs(Columns.SERVICE_LINE),
              r.getAs(Columns.PERIOD),
              (Long) r.getAs(Columns.N_ORGS),
              (Double) r.getAs(Columns.P10),
              (Double) r.getAs(Columns.P25),
              (Double) r.getAs(Columns.P50),
              (Double) r.getAs(Columns.P75),
              (Double) r.getAs(Columns.P90)));
    }
    List<Row> broken =
        national
            .where(col(Columns.BREAKDOWN).notEqual(Columns.ALL))
            .groupBy(Columns.METRIC_ID)
            .count()
            .orderBy(Columns.METRIC_ID)
            .collectAsList();
    for (Row r : broken) {
      s.append(
          String.format(
              Locale.ROOT,
              "%n%-27s %,d distributions, one per breakdown value, in gold.benchmark",
              r.getString(0),
              r.getLong(1)));
    }
    s.append(String.format(Locale.ROOT, "%n%nNational opportunity by family%n"));
    s.append(OpportunityTables.byFamily(warehouse, periods));
    return s.toString();
  }
}
