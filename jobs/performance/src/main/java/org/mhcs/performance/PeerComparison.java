package org.mhcs.performance;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.calendar.Period;
import org.mhcs.metrics.MetricValues;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.silver.DataQuality;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Spark's gold figures for {@link DuckDbPeer#METRICS} beside DuckDB's, joined on their keys: every
 * numerator, denominator, value and flag of {@code gold.metric_value}; n, p10 to p90, min and max
 * of the national {@code gold.benchmark} rows; target, gap, volume and opportunity of {@code
 * gold.opportunity}. Doubles must be bitwise equal, except the national mean, which Spark computes
 * from values rounded to ten places ({@code ExactSums.meanOf}) and DuckDB from the doubles: it is
 * compared within {@link #MEAN_ABSOLUTE_TOLERANCE} and its largest difference reported. Every other
 * double (5 percentiles, min, max, numerators, denominators, values, opportunities) must be bitwise
 * equal.
 *
 * <p>Cost: three small Spark reads (one per gold table, restricted to the periods and metrics) and
 * one of {@code ops.quarantine}.
 */
public final class PeerComparison {
  /**
   * Absolute tolerance of the national mean, the one figure not computed the same way: Spark casts
   * each value to decimal(38, 10) before averaging ({@code ExactSums.meanOf}), moving it by up to
   * 5e-11, and rounds the quotient again; DuckDB averages the doubles. Two half-units of the tenth
   * place bound both.
   */
  public static final double MEAN_ABSOLUTE_TOLERANCE = 1e-10;

  /** How many mismatches and missing keys a result lists (all are counted). */
  public static final int LISTED = 20;

  // Each kind of figure: the columns that identify it and the columns compared. A metric value is
  // identified by MetricValues.KEY, a national benchmark row by NationalBenchmark.DISTRIBUTION.
  private static final List<String> METRIC_FIELDS =
      List.of(Columns.NUMERATOR, Columns.DENOMINATOR, Columns.VALUE, Columns.FLAGS);
  private static final List<String> BENCHMARK_FIELDS =
      List.of(
          Columns.N_ORGS,
          Columns.P10,
          Columns.P25,
          Columns.P50,
          Columns.P75,
          Columns.P90,
          Columns.MEAN,
          Columns.MIN,
          Columns.MAX);
  private static final List<String> OPPORTUNITY_KEYS =
      Stream.concat(
              MetricValues.KEY.stream(), Stream.of(Columns.TARGET_BASIS, Columns.OPPORTUNITY_UNIT))
          .toList();
  private static final List<String> OPPORTUNITY_FIELDS =
      List.of(
          Columns.VALUE,
          Columns.TARGET_VALUE,
          Columns.GAP,
          Columns.VOLUME,
          Columns.VOLUME_UNIT,
          Columns.OPPORTUNITY_VALUE);

  private PeerComparison() {}

  /** One figure that differs: {@code table|key|field}, Spark's value and DuckDB's. */
  public record Mismatch(String figure, Object spark, Object duckdb) {
    @Override
    public String toString() {
      return figure + ": spark=" + show(spark) + " duckdb=" + show(duckdb);
    }

    private static String show(Object v) {
      return v instanceof Double d
          ? d + " (" + Long.toHexString(Double.doubleToLongBits(d)) + ")"
          : String.valueOf(v);
    }
  }

  /**
   * The comparison.
   *
   * @param compared figures present on both sides and compared
   * @param missingInDuckDb figures Spark has and DuckDB does not (count; the first listed)
   * @param missingInSpark figures DuckDB has and Spark does not
   * @param mismatches figures that differ (bitwise, or beyond the mean's tolerance)
   * @param maxMeanDifference the largest absolute difference of a national mean
   * @param quarantined Spark's quarantined rows of the landing tables the peer reads, per table:
   *     the peer does not repeat silver's checks, so these must all be zero
   */
  public record Result(
      long compared,
      long missingInDuckDb,
      long missingInSpark,
      long mismatches,
      List<String> firstMissingInDuckDb,
      List<String> firstMissingInSpark,
      List<Mismatch> firstMismatches,
      double maxMeanDifference,
      Map<String, Long> quarantined) {
    /** No figure missing or different, nothing quarantined. */
    public boolean agrees() {
      return missingInDuckDb == 0
          && missingInSpark == 0
          && mismatches == 0
          && quarantined.values().stream().allMatch(n -> n == 0);
    }

    public String describe() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              "%,d figures compared, %,d mismatched, %,d missing in DuckDB, %,d missing in Spark;"
                  + " national mean within %.0e (largest difference %.3g); quarantined %s%n",
              compared,
              mismatches,
              missingInDuckDb,
              missingInSpark,
              MEAN_ABSOLUTE_TOLERANCE,
              maxMeanDifference,
              quarantined));
      firstMismatches.forEach(m -> s.append("  differs ").append(m).append('\n'));
      firstMissingInDuckDb.forEach(m -> s.append("  not in DuckDB ").append(m).append('\n'));
      firstMissingInSpark.forEach(m -> s.append("  not in Spark ").append(m).append('\n'));
      return s.toString();
    }
  }

  /** Compares {@code peer}'s figures with the warehouse's for {@code periods}. */
  public static Result compare(Warehouse warehouse, List<Period> periods, DuckDbPeer.Result peer) {
    List<String> labels = periods.stream().map(Period::toString).toList();
    String where =
        SqlText.in(Columns.PERIOD, labels)
            + " AND "
            + SqlText.in(Columns.METRIC_ID, DuckDbPeer.METRICS);
    Map<String, Object> spark = new TreeMap<>();
    put(
        spark,
        "metric_value",
        MetricValues.KEY,
        METRIC_FIELDS,
        warehouse.read(Table.METRIC_VALUE),
        where);
    put(
        spark,
        "benchmark",
        List.of(NationalBenchmark.DISTRIBUTION),
        BENCHMARK_FIELDS,
        NationalBenchmark.nationalOf(warehouse.read(Table.BENCHMARK)),
        where);
    put(
        spark,
        "opportunity",
        OPPORTUNITY_KEYS,
        OPPORTUNITY_FIELDS,
        warehouse.read(Table.OPPORTUNITY),
        where);
    return compare(spark, figures(peer), quarantined(warehouse, labels));
  }

  /**
   * Spark's figures of one kind, keyed as {@link #figures} keys DuckDB's; whole numbers as longs,
   * as DuckDB gives them.
   */
  private static void put(
      Map<String, Object> into,
      String kind,
      List<String> keys,
      List<String> fields,
      Dataset<Row> table,
      String where) {
    for (Row r : table.where(where).collectAsList()) {
      String key =
          key(Stream.concat(Stream.of(kind), keys.stream().map(k -> r.getAs(k))).toArray());
      for (String f : fields) {
        Object value = r.getAs(f);
        into.put(key + "|" + f, value instanceof Integer i ? Long.valueOf(i) : value);
      }
    }
  }

  /**
   * DuckDB's figures keyed as {@link #compare(Warehouse, List, DuckDbPeer.Result)} keys Spark's.
   */
  static Map<String, Object> figures(DuckDbPeer.Result peer) {
    Map<String, Object> out = new TreeMap<>();
    for (DuckDbPeer.MetricFigure m : peer.metricValues()) {
      String key =
          key(
              "metric_value",
              m.metricId(),
              m.period(),
              m.orgCode(),
              m.serviceLine(),
              m.breakdown());
      out.put(key + "|" + Columns.NUMERATOR, m.numerator());
      out.put(key + "|" + Columns.DENOMINATOR, m.denominator());
      out.put(key + "|" + Columns.VALUE, m.value());
      out.put(key + "|" + Columns.FLAGS, m.flags());
    }
    for (DuckDbPeer.BenchmarkFigure b : peer.benchmarks()) {
      String key = key("benchmark", b.metricId(), b.period(), b.serviceLine(), b.breakdown());
      out.put(key + "|" + Columns.N_ORGS, b.nOrgs());
      out.put(key + "|" + Columns.P10, b.p10());
      out.put(key + "|" + Columns.P25, b.p25());
      out.put(key + "|" + Columns.P50, b.p50());
      out.put(key + "|" + Columns.P75, b.p75());
      out.put(key + "|" + Columns.P90, b.p90());
      out.put(key + "|" + Columns.MEAN, b.mean());
      out.put(key + "|" + Columns.MIN, b.min());
      out.put(key + "|" + Columns.MAX, b.max());
    }
    for (DuckDbPeer.OpportunityFigure o : peer.opportunities()) {
      String key =
          key(
              "opportunity",
              o.metricId(),
              o.period(),
              o.orgCode(),
              o.serviceLine(),
              o.breakdown(),
              o.targetBasis(),
              o.opportunityUnit());
      out.put(key + "|" + Columns.VALUE, o.value());
      out.put(key + "|" + Columns.TARGET_VALUE, o.targetValue());
      out.put(key + "|" + Columns.GAP, o.gap());
      out.put(key + "|" + Columns.VOLUME, o.volume());
      out.put(key + "|" + Columns.VOLUME_UNIT, o.volumeUnit());
      out.put(key + "|" + Columns.OPPORTUNITY_VALUE, o.opportunityValue());
    }
    return out;
  }

  static Result compare(
      Map<String, Object> spark, Map<String, Object> duckdb, Map<String, Long> quarantined) {
    long compared = 0;
    long mismatches = 0;
    double maxMean = 0;
    List<Mismatch> first = new ArrayList<>();
    List<String> missingInDuckDb = new ArrayList<>();
    List<String> missingInSpark = new ArrayList<>();
    long notInDuckDb = 0;
    for (Map.Entry<String, Object> e : spark.entrySet()) {
      if (!duckdb.containsKey(e.getKey())) {
        notInDuckDb++;
        if (missingInDuckDb.size() < LISTED) {
          missingInDuckDb.add(e.getKey() + "=" + e.getValue());
        }
        continue;
      }
      compared++;
      Object s = e.getValue();
      Object d = duckdb.get(e.getKey());
      boolean same;
      if (e.getKey().endsWith("|" + Columns.MEAN)
          && s instanceof Double a
          && d instanceof Double b) {
        double difference = Math.abs(a - b);
        maxMean = Math.max(maxMean, difference);
        same = difference <= MEAN_ABSOLUTE_TOLERANCE;
      } else if (s instanceof Double a && d instanceof Double b) {
        same = Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
      } else {
        same = Objects.equals(s, d);
      }
      if (!same) {
        mismatches++;
        if (first.size() < LISTED) {
          first.add(new Mismatch(e.getKey(), s, d));
        }
      }
    }
    long notInSpark = 0;
    for (String k : new TreeSet<>(duckdb.keySet())) {
      if (!spark.containsKey(k)) {
        notInSpark++;
        if (missingInSpark.size() < LISTED) {
          missingInSpark.add(k + "=" + duckdb.get(k));
        }
      }
    }
    return new Result(
        compared,
        notInDuckDb,
        notInSpark,
        mismatches,
        List.copyOf(missingInDuckDb),
        List.copyOf(missingInSpark),
        List.copyOf(first),
        maxMean,
        quarantined);
  }

  /** Quarantined rows per landing table the peer reads, for {@code periods}. */
  private static Map<String, Long> quarantined(Warehouse warehouse, List<String> periods) {
    List<String> tables = DuckDbPeer.INPUTS;
    Map<String, Long> counts = new LinkedHashMap<>();
    tables.forEach(t -> counts.put(t, 0L));
    if (!warehouse.exists(Table.QUARANTINE)) {
      return counts;
    }
    for (Row r :
        warehouse
            .read(Table.QUARANTINE)
            .where(
                SqlText.in(Columns.PERIOD, periods)
                    + " AND "
                    + SqlText.in(DataQuality.SOURCE_TABLE, tables))
            .groupBy(col(DataQuality.SOURCE_TABLE))
            .count()
            .collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  private static String key(Object... parts) {
    StringBuilder s = new StringBuilder();
    for (Object p : parts) {
      if (s.length() > 0) {
        s.append('|');
      }
      s.append(p);
    }
    return s.toString();
  }
}
