package org.mhcs.opportunity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 6: the period's opportunities into {@code gold.opportunity}, and their national totals,
 * summed from those rows, per metric into {@code gold.opportunity_national} and per family into
 * {@code gold.opportunity_family}.
 */
public final class OpportunityStage {
  private final Warehouse warehouse;
  private final OpportunityCalculator calculator;
  private final RunLog log;

  public OpportunityStage(Warehouse warehouse, OpportunityCalculator calculator, RunLog log) {
    this.warehouse = warehouse;
    this.calculator = calculator;
    this.log = log;
  }

  public void execute(Period period) {
    long start = System.nanoTime();
    String condition = period.predicateWithYear(Columns.PERIOD);
    warehouse.replace(
        Table.OPPORTUNITY,
        calculator.perOrganisation(
            warehouse.read(Table.METRIC_VALUE).where(condition),
            warehouse.read(Table.BENCHMARK).where(condition)),
        condition,
        Columns.PERIOD);
    long rows = warehouse.rowsWrittenByLastCommit(Table.OPPORTUNITY);
    Dataset<Row> perOrganisation = warehouse.read(Table.OPPORTUNITY).where(condition);
    warehouse.replace(
        Table.OPPORTUNITY_NATIONAL,
        OpportunityCalculator.national(perOrganisation),
        condition,
        Columns.PERIOD);
    warehouse.replace(
        Table.OPPORTUNITY_FAMILY, calculator.byFamily(perOrganisation), condition, Columns.PERIOD);
    log.record(Entry.of("opportunities", Table.OPPORTUNITY, "ok").written(rows).since(start));
  }
}
