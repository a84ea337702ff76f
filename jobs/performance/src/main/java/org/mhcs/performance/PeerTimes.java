package org.mhcs.performance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;

/**
 * Spark's time beside DuckDB's, stage by stage. Where Spark's log names tables, only the tables the
 * peer also reads or builds count: its CSV → typed silver time is the ingest, validate and silver
 * lines of the peer's landing tables, its conform time the conformed contacts, referrals and
 * capacity. Spark's metrics, benchmark and opportunity stages cover every family at once and cannot
 * be split, so those ratios flatter DuckDB.
 */
final class PeerTimes {
  /** One stage: Spark's seconds, DuckDB's, and their ratio. */
  record StageRatio(String stage, double sparkSeconds, double duckdbSeconds) {
    public double ratio() {
      return duckdbSeconds <= 0 ? 0 : sparkSeconds / duckdbSeconds;
    }
  }

  private PeerTimes() {}

  static List<StageRatio> ratios(
      List<BenchRun.Run> runs, DuckDbPeer.Result peer, SchemaCatalog schemas) {
    Set<String> readTables =
        DuckDbPeer.INPUTS.stream()
            .flatMap(
                id -> {
                  LandingTableSpec spec = schemas.table(id);
                  return java.util.stream.Stream.of(
                      id, Table.silver(spec.warehouseName()).toString());
                })
            .collect(Collectors.toSet());
    Set<String> conformTables =
        Set.of(
            Table.CONFORMED_CONTACTS.toString(),
            Table.CONFORMED_REFERRALS.toString(),
            Table.CONFORMED_CAPACITY.toString());
    Map<String, Double> spark = new LinkedHashMap<>();
    for (BenchRun.Run run : runs) {
      for (BenchRun.TableTime t : run.tables()) {
        boolean read =
            Set.of("ingest", "validate", "silver").contains(t.stage())
                && readTables.contains(t.table());
        if (read) {
          spark.merge("read", t.seconds(), Double::sum);
        } else if (t.stage().equals("conform") && conformTables.contains(t.table())) {
          spark.merge("conform", t.seconds(), Double::sum);
        }
      }
      for (StageMeasurement m : run.stages()) {
        switch (m.stage()) {
          case "metrics", "benchmark" -> spark.merge(m.stage(), m.seconds(), Double::sum);
          case "opportunities" -> spark.merge("opportunity", m.seconds(), Double::sum);
          default -> {}
        }
      }
    }
    List<StageRatio> ratios = new ArrayList<>();
    for (DuckDbPeer.StageTime d : peer.stages()) {
      ratios.add(new StageRatio(d.stage(), spark.getOrDefault(d.stage(), 0.0), d.seconds()));
    }
    double sparkTotal = ratios.stream().mapToDouble(StageRatio::sparkSeconds).sum();
    ratios.add(new StageRatio("total", sparkTotal, peer.totalSeconds()));
    return ratios;
  }
}
