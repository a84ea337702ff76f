package org.mhcs.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.SilverTables;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 5: from the period's {@code gold.metric_value} (the month and its financial year), each
 * organisation's peers into {@code gold.peer}, the national and peer-group distributions into
 * {@code gold.benchmark}, and each organisation's position and funnel limits into {@code
 * gold.org_position}. Every benchmark and position row records the run and the Delta versions it
 * read, so a past benchmark can be re-issued exactly ({@code ./mhcs sql --as-of}).
 */
public final class BenchmarkStage {
  private final Warehouse warehouse;
  private final SilverTables silver;
  private final MetricCatalog catalog;
  private final int peers;
  private final RunLog log;

  public BenchmarkStage(
      Warehouse warehouse, SchemaCatalog schemas, MetricCatalog catalog, int peers, RunLog log) {
    this.warehouse = warehouse;
    this.silver = new SilverTables(warehouse, schemas);
    this.catalog = catalog;
    this.peers = peers;
    this.log = log;
  }

  public void execute(Period period) {
    long start = System.nanoTime();
    String periods = period.predicateWithYear(Columns.PERIOD);
    long valuesVersion = warehouse.version(Table.METRIC_VALUE);
    Dataset<Row> values =
        warehouse.readAt(Table.METRIC_VALUE, valuesVersion).where(periods).cache();
    String inputs = Table.METRIC_VALUE + "@" + valuesVersion;

    Dataset<Row> benchmark = NationalBenchmark.compute(values);
    Optional<Dataset<Row>> peerRows = findPeers(period);
    if (peerRows.isPresent()) {
      inputs += "," + Table.PEER + "@" + warehouse.version(Table.PEER);
      benchmark = benchmark.unionByName(NationalBenchmark.forPeerGroups(values, peerRows.get()));
    }
    warehouse.replace(Table.BENCHMARK, stamped(benchmark, inputs), periods, Columns.PERIOD);
    log.record(
        Entry.of("benchmark", Table.BENCHMARK, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.BENCHMARK))
            .detail("read " + inputs)
            .since(start));

    long positionsStart = System.nanoTime();
    long benchmarkVersion = warehouse.version(Table.BENCHMARK);
    Dataset<Row> written = warehouse.readAt(Table.BENCHMARK, benchmarkVersion).where(periods);
    Dataset<Row> positions = new OrgPositions(catalog).compute(values, written);
    positions = withPeerMedian(positions, written);
    warehouse.replace(
        Table.ORG_POSITION,
        stamped(positions, inputs + "," + Table.BENCHMARK + "@" + benchmarkVersion),
        periods,
        Columns.PERIOD);
    log.record(
        Entry.of("benchmark", Table.ORG_POSITION, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.ORG_POSITION))
            .since(positionsStart));
    values.unpersist();
  }

  /** The month's peers, from its conformed capacity and its year's finance summaries. */
  private Optional<Dataset<Row>> findPeers(Period period) {
    if (period.isFinancialYear()) {
      log.record(
          Entry.of("benchmark", Table.PEER, "skipped")
              .detail("peer groups are found in a month's run, from its staff in post"));
      return Optional.empty();
    }
    if (!warehouse.exists(Table.CONFORMED_CAPACITY)) {
      log.record(
          Entry.of("benchmark", Table.PEER, "skipped")
              .detail("peer groups need silver.conformed_capacity"));
      return Optional.empty();
    }
    long start = System.nanoTime();
    Dataset<Row> found =
        PeerFinder.find(
            warehouse.read(Table.CONFORMED_CAPACITY).where(period.predicate(Columns.PERIOD)),
            silver.of("finance", "trust_summary", period.financialYear()),
            peers,
            period.toString());
    warehouse.replace(Table.PEER, found, period.predicate(Columns.PERIOD), Columns.PERIOD);
    log.record(
        Entry.of("benchmark", Table.PEER, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.PEER))
            .since(start));
    return Optional.of(found);
  }

  /** Each organisation's own peer group: its size and median, beside the national figures. */
  private static Dataset<Row> withPeerMedian(Dataset<Row> positions, Dataset<Row> benchmark) {
    Dataset<Row> peer =
        benchmark
            .where(col(Columns.PEER_GROUP).startsWith(NationalBenchmark.PEERS_PREFIX))
            .select(
                col(Columns.METRIC_ID),
                col(Columns.PERIOD),
                col(Columns.SERVICE_LINE),
                col(Columns.BREAKDOWN),
                col(Columns.PEER_GROUP),
                col(Columns.N_ORGS).as(Columns.PEER_N_ORGS),
                col(Columns.P50).as(Columns.PEER_P50));
    return positions
        .withColumn(
            Columns.PEER_GROUP, concat(lit(NationalBenchmark.PEERS_PREFIX), col(Columns.ORG_CODE)))
        .join(
            peer,
            new String[] {
              Columns.METRIC_ID,
              Columns.PERIOD,
              Columns.SERVICE_LINE,
              Columns.BREAKDOWN,
              Columns.PEER_GROUP
            },
            "left")
        .selectExpr(OrgPositions.COLUMNS_WITH_PEERS);
  }

  private Dataset<Row> stamped(Dataset<Row> rows, String inputs) {
    return rows.withColumn(Columns.RUN_ID, lit(log.runId()))
        .withColumn(Columns.INPUT_VERSIONS, lit(inputs));
  }
}
