package org.mhcs.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.warehouse.Columns;

/**
 * Each organisation's k most similar organisations. Three aspects count equally:
 *
 * <ul>
 *   <li>service-line mix: each service line's share of the organisation's clinical WTE;
 *   <li>size: ln(contracted WTE) and ln(total operating income);
 *   <li>workforce mix: each ESR staff group's share of its WTE.
 * </ul>
 *
 * Every feature is standardised across organisations (z-score; a missing income counts as the
 * mean), and the distance is d(a, b) = √(Σ over the three aspects of the mean over the aspect's
 * features of (z_a − z_b)²). Ties go to the smaller organisation code.
 */
public final class PeerFinder {
  static final String SERVICE = "service";
  static final String SIZE = "size";
  static final String STAFF = "staff";

  public static final StructType SCHEMA =
      new StructType()
          .add(Columns.PERIOD, DataTypes.StringType)
          .add(Columns.ORG_CODE, DataTypes.StringType)
          .add(Columns.PEER_RANK, DataTypes.IntegerType)
          .add(Columns.PEER_ORG_CODE, DataTypes.StringType)
          .add(Columns.DISTANCE, DataTypes.DoubleType);

  private PeerFinder() {}

  /** One organisation's features, named {@code aspect:feature}. */
  public record Profile(String org, Map<String, Double> features) {}

  /** One peer of an organisation. */
  public record Peer(String org, int rank, String peer, double distance) {}

  /**
   * Peers from the month's conformed capacity and, where landed, the year's finance summaries.
   *
   * @return {@code gold.peer} rows
   */
  public static Dataset<Row> find(
      Dataset<Row> capacity, Optional<Dataset<Row>> finance, int k, String period) {
    Map<String, Map<String, Double>> features = new TreeMap<>();
    for (Row r :
        capacity
            .where(col(Columns.CLINICAL).and(col(Columns.SERVICE_LINE).isNotNull()))
            .groupBy(Columns.ORG_CODE, Columns.SERVICE_LINE)
            .agg(sum(Columns.CONTRACTED_WTE).cast("double"))
            .collectAsList()) {
      add(features, r.getString(0), SERVICE + ":" + r.getString(1), r.getDouble(2));
    }
    for (Row r :
        capacity
            .groupBy(Columns.ORG_CODE, Columns.STAFF_GROUP)
            .agg(sum(Columns.CONTRACTED_WTE).cast("double"))
            .collectAsList()) {
      add(features, r.getString(0), STAFF + ":" + r.getString(1), r.getDouble(2));
    }
    Map<String, Double> income = new TreeMap<>();
    finance.ifPresent(
        f ->
            f.select(col("Org_Code"), col("Total_Operating_Income").cast("double"))
                .collectAsList()
                .forEach(r -> income.put(r.getString(0), r.isNullAt(1) ? null : r.getDouble(1))));
    List<Profile> profiles = new ArrayList<>();
    for (Map.Entry<String, Map<String, Double>> e : features.entrySet()) {
      profiles.add(profile(e.getKey(), e.getValue(), income.get(e.getKey())));
    }
    List<Row> rows = new ArrayList<>();
    for (Peer p : nearest(profiles, k)) {
      rows.add(RowFactory.create(period, p.org(), p.rank(), p.peer(), p.distance()));
    }
    SparkSession spark = capacity.sparkSession();
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static void add(
      Map<String, Map<String, Double>> features, String org, String feature, double wte) {
    features.computeIfAbsent(org, o -> new TreeMap<>()).merge(feature, wte, Double::sum);
  }

  /** Shares from WTE sums; sizes as logarithms, since trusts' sizes span orders of magnitude. */
  private static Profile profile(String org, Map<String, Double> wte, Double income) {
    double clinical = 0;
    double all = 0;
    for (Map.Entry<String, Double> e : wte.entrySet()) {
      if (e.getKey().startsWith(SERVICE + ":")) {
        clinical += e.getValue();
      } else {
        all += e.getValue();
      }
    }
    Map<String, Double> features = new TreeMap<>();
    for (Map.Entry<String, Double> e : wte.entrySet()) {
      double total = e.getKey().startsWith(SERVICE + ":") ? clinical : all;
      features.put(e.getKey(), total > 0 ? e.getValue() / total : 0.0);
    }
    features.put(SIZE + ":ln_wte", Math.log(Math.max(all, 1e-9)));
    if (income != null && income > 0) {
      features.put(SIZE + ":ln_income", Math.log(income));
    }
    return new Profile(org, features);
  }

  /**
   * The k nearest of each organisation by the stated distance. A feature an organisation lacks is a
   * share of 0, except income, which counts as the mean (z = 0).
   */
  public static List<Peer> nearest(List<Profile> profiles, int k) {
    TreeSet<String> names = new TreeSet<>();
    profiles.forEach(p -> names.addAll(p.features().keySet()));
    int n = profiles.size();
    Map<String, double[]> z = new TreeMap<>();
    for (String name : names) {
      boolean share = !name.startsWith(SIZE + ":");
      double[] x = new double[n];
      boolean[] present = new boolean[n];
      double total = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        Double v = profiles.get(i).features().get(name);
        present[i] = v != null || share;
        x[i] = v != null ? v : 0.0;
        if (present[i]) {
          total += x[i];
          count++;
        }
      }
      double mean = total / count;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        if (present[i]) {
          squares += (x[i] - mean) * (x[i] - mean);
        }
      }
      double sd = Math.sqrt(squares / count);
      double[] zs = new double[n];
      for (int i = 0; i < n; i++) {
        zs[i] = present[i] && sd > 0 ? (x[i] - mean) / sd : 0.0;
      }
      z.put(name, zs);
    }
    List<Peer> peers = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      List<Peer> candidates = new ArrayList<>();
      for (int b = 0; b < n; b++) {
        if (a != b) {
          candidates.add(
              new Peer(profiles.get(a).org(), 0, profiles.get(b).org(), distance(z, a, b)));
        }
      }
      candidates.sort(Comparator.comparingDouble(Peer::distance).thenComparing(Peer::peer));
      for (int r = 0; r < Math.min(k, candidates.size()); r++) {
        Peer p = candidates.get(r);
        peers.add(new Peer(p.org(), r + 1, p.peer(), p.distance()));
      }
    }
    return peers;
  }

  private static double distance(Map<String, double[]> z, int a, int b) {
    Map<String, double[]> byAspect = new TreeMap<>();
    for (Map.Entry<String, double[]> e : z.entrySet()) {
      String aspect = e.getKey().substring(0, e.getKey().indexOf(':'));
      double d = e.getValue()[a] - e.getValue()[b];
      byAspect.computeIfAbsent(aspect, x -> new double[2]);
      byAspect.get(aspect)[0] += d * d;
      byAspect.get(aspect)[1] += 1;
    }
    double total = 0;
    for (double[] s : byAspect.values()) {
      total += s[0] / s[1];
    }
    return Math.sqrt(total);
  }
}
