package org.mhcs.opportunity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.dimensions.Names;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;
import org.mhcs.warehouse.Warehouse;

/** Opportunity tables as text, for the demo and {@code ./mhcs opportunities}. */
public final class OpportunityTables {
  private static final List<String> UNITS =
      List.of(Units.GBP, Units.CLINICAL_DAYS, Units.WTE, Units.PATIENTS);

  private OpportunityTables() {}

  /** The national totals per family, one line per family and period, one column per unit. */
  public static String byFamily(Warehouse warehouse, String periodCondition) {
    List<Row> rows =
        warehouse
            .read(Table.OPPORTUNITY_FAMILY)
            .where(periodCondition)
            .orderBy(Columns.PERIOD, Columns.FAMILY)
            .collectAsList();
    Map<String, Map<String, Double>> totals = new TreeMap<>();
    Map<String, String> metrics = new TreeMap<>();
    for (Row r : rows) {
      String key = r.getAs(Columns.FAMILY) + "\t" + r.getAs(Columns.PERIOD);
      totals
          .computeIfAbsent(key, k -> new TreeMap<>())
          .put(r.getAs(Columns.OPPORTUNITY_UNIT), r.getAs(Columns.TOTAL));
      metrics.put(key, r.getAs(Columns.METRICS));
    }
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%-12s %-8s %14s %13s %9s %10s   %s%n",
            "family",
            "period",
            "GBP",
            "clinical days",
            "WTE",
            "patients",
            "metrics summed (each to its default target)"));
    for (Map.Entry<String, Map<String, Double>> e : totals.entrySet()) {
      String[] key = e.getKey().split("\t");
      Map<String, Double> t = e.getValue();
      s.append(
          String.format(
              Locale.ROOT,
              "%-12s %-8s %14s %13s %9s %10s   %s%n",
              key[0],
              key[1],
              amount(t.get(Units.GBP), "%,.0f"),
              amount(t.get(Units.CLINICAL_DAYS), "%,.1f"),
              amount(t.get(Units.WTE), "%,.1f"),
              amount(t.get(Units.PATIENTS), "%,.1f"),
              metrics.get(e.getKey())));
    }
    return s.toString();
  }

  /** Rows of {@code gold.opportunity} against each metric's own default target. */
  public static Column atDefaultTarget(MetricCatalog catalog) {
    Column defaults = lit(false);
    for (Metric m : catalog.all()) {
      defaults =
          defaults.or(
              col(Columns.METRIC_ID)
                  .equalTo(m.id())
                  .and(col(Columns.TARGET_BASIS).equalTo(m.opportunity().basis().id())));
    }
    return defaults;
  }

  /**
   * Ranked opportunities against each metric's default target: per organisation and metric (summed
   * over service lines and breakdowns), largest first within each unit; {@code org} limits them to
   * one organisation, {@code limit} caps each unit's list.
   */
  public static String ranked(
      Warehouse warehouse, MetricCatalog catalog, String periodCondition, String org, int limit) {
    return ranked(warehouse, catalog, periodCondition, org, limit, Names.none());
  }

  /**
   * As {@link #ranked(Warehouse, MetricCatalog, String, String, int)}, each line ending with the
   * organisation's and the metric's names from {@code names} (the code again where it has none).
   */
  public static String ranked(
      Warehouse warehouse,
      MetricCatalog catalog,
      String periodCondition,
      String org,
      int limit,
      Names names) {
    Dataset<Row> rows =
        warehouse.read(Table.OPPORTUNITY).where(periodCondition).where(atDefaultTarget(catalog));
    if (org != null) {
      rows = rows.where(col(Columns.ORG_CODE).equalTo(org));
    }
    Dataset<Row> summed =
        rows.groupBy(
                Columns.OPPORTUNITY_UNIT,
                Columns.ORG_CODE,
                Columns.METRIC_ID,
                Columns.PERIOD,
                Columns.TARGET_BASIS)
            .agg(ExactSums.sumOf(col(Columns.OPPORTUNITY_VALUE)).as(Columns.TOTAL))
            .where(col(Columns.TOTAL).gt(0));
    StringBuilder s = new StringBuilder();
    for (String unit : UNITS) {
      List<Row> top =
          summed
              .where(col(Columns.OPPORTUNITY_UNIT).equalTo(unit))
              .orderBy(desc(Columns.TOTAL), col(Columns.ORG_CODE), col(Columns.METRIC_ID))
              .limit(limit)
              .collectAsList();
      if (top.isEmpty()) {
        continue;
      }
      s.append(String.format(Locale.ROOT, "%nOpportunity in %s%n", unit));
      s.append(
          String.format(
              Locale.ROOT,
              "%4s %-8s %-30s %-12s %-8s %-14s %14s  %s%n",
              "rank",
              "org",
              "metric",
              "family",
              "period",
              "target",
              unit,
              "organisation / metric"));
      int rank = 1;
      for (Row r : top) {
        String metric = r.getAs(Columns.METRIC_ID);
        String orgCode = r.getAs(Columns.ORG_CODE);
        s.append(
            String.format(
                Locale.ROOT,
                "%4d %-8s %-30s %-12s %-8s %-14s %14s  %s / %s%n",
                rank++,
                orgCode,
                metric,
                catalog.find(metric).map(Metric::family).orElse("?"),
                r.getAs(Columns.PERIOD),
                r.getAs(Columns.TARGET_BASIS),
                amount(r.getAs(Columns.TOTAL), unit.equals(Units.GBP) ? "%,.0f" : "%,.1f"),
                names.organisation(orgCode).orElse(orgCode),
                names.metric(metric).orElse(metric)));
      }
    }
    return s.length() == 0 ? "no opportunities for " + describe(org) + "\n" : s.toString();
  }

  private static String describe(String org) {
    return org == null ? "these periods" : "organisation " + org + " in these periods";
  }

  private static String amount(Double value, String format) {
    return value == null ? "-" : String.format(Locale.ROOT, format, value);
  }
}
