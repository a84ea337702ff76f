package org.mhcs.silver;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.BronzeIngest;
import org.mhcs.ingest.Lineage;
import org.mhcs.ops.QuarantineColumns;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 2: the landed tables' bronze rows for the period checked and split. Quarantine is written
 * first, in one commit for all tables; when any file's reject rate exceeds the tolerance the stage
 * stops there, so silver (and gold after it) keep what they had. Otherwise each table's accepted
 * rows replace its silver period in one commit.
 */
public final class SilverStage {
  private final Warehouse warehouse;
  private final CodeLists codeLists;
  private final double maxRejectPercent;
  private final RunLog log;

  public SilverStage(
      Warehouse warehouse, CodeLists codeLists, double maxRejectPercent, RunLog log) {
    this.warehouse = warehouse;
    this.codeLists = codeLists;
    this.maxRejectPercent = maxRejectPercent;
    this.log = log;
  }

  /**
   * Returns every landed file's reconciliation.
   *
   * @throws DataRejectedException when a file's reject rate exceeds the tolerance
   */
  public List<FileCounts> execute(List<LandingTableSpec> landed, Period period) {
    List<SilverValidation> validations = new ArrayList<>();
    try {
      for (LandingTableSpec spec : landed) {
        long start = System.nanoTime();
        Dataset<Row> bronze =
            warehouse
                .read(Table.bronze(spec.warehouseName()))
                .where(BronzeIngest.partitionCondition(spec, period));
        SilverValidation v = SilverValidation.of(spec, bronze, period, codeLists);
        validations.add(v);
        long read = v.counts().stream().mapToLong(FileCounts::read).sum();
        long quarantined = v.counts().stream().mapToLong(FileCounts::quarantined).sum();
        log.record(
            Entry.of("validate", spec.id(), "ok")
                .files(v.counts().size())
                .read(read)
                .written(read - quarantined)
                .quarantined(quarantined)
                .since(start));
      }
      List<FileCounts> files = validations.stream().flatMap(v -> v.counts().stream()).toList();
      if (validations.isEmpty()) {
        return files;
      }
      writeQuarantine(validations, period, files);
      refuseBeyondTolerance(files, period);
      for (SilverValidation v : validations) {
        long start = System.nanoTime();
        Table table = Table.silver(v.spec().warehouseName());
        warehouse.replace(
            table, v.accepted(), BronzeIngest.partitionCondition(v.spec(), period), Lineage.PERIOD);
        long accepted = v.counts().stream().mapToLong(FileCounts::accepted).sum();
        log.record(Entry.of("silver", table, "ok").written(accepted).since(start));
      }
      return files;
    } finally {
      validations.forEach(SilverValidation::release);
    }
  }

  /** Replaces the quarantine rows of exactly the tables loaded now, for the period. */
  private void writeQuarantine(
      List<SilverValidation> validations, Period period, List<FileCounts> files) {
    long start = System.nanoTime();
    Dataset<Row> quarantine =
        validations.stream()
            .map(SilverValidation::quarantined)
            .reduce(Dataset::unionByName)
            .orElseThrow();
    String tables =
        validations.stream().map(v -> "'" + v.spec().id() + "'").collect(Collectors.joining(", "));
    String condition =
        String.format(
            "`%s` IN ('%s', '%s') AND `%s` IN (%s)",
            QuarantineColumns.PERIOD,
            period,
            Lineage.NO_PERIOD,
            QuarantineColumns.SOURCE_TABLE,
            tables);
    warehouse.replace(Table.QUARANTINE, quarantine, condition, null);
    long quarantined = files.stream().mapToLong(FileCounts::quarantined).sum();
    log.record(Entry.of("quarantine", Table.QUARANTINE, "ok").written(quarantined).since(start));
  }

  private void refuseBeyondTolerance(List<FileCounts> files, Period period) {
    List<String> rejected =
        files.stream()
            .filter(f -> f.rejectPercent() > maxRejectPercent)
            .map(
                f ->
                    String.format(
                        "%s: %.1f%% of %,d rows quarantined",
                        f.file(), f.rejectPercent(), f.read()))
            .toList();
    if (!rejected.isEmpty()) {
      throw new DataRejectedException(
          "data rejected beyond the tolerance of "
              + maxRejectPercent
              + "% (ingest.max_reject_pct):\n  "
              + String.join("\n  ", rejected)
              + "\nSee why with: ./mhcs sql --warehouse "
              + warehouse.root()
              + " \"SELECT source_file, rule, field, count(*) FROM ops.quarantine WHERE period = '"
              + period
              + "' GROUP BY 1, 2, 3 ORDER BY 4 DESC\"\nSilver and gold were left as they were.");
    }
  }
}
