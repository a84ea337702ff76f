package org.mhcs.cli;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.List;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.dimensions.Names;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.opportunity.OpportunityTables;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/** {@code ./mhcs opportunities}: ranked opportunities from {@code gold.opportunity}. */
public final class OpportunitiesCommand implements Command {
  @Override
  public String name() {
    return "opportunities";
  }

  @Override
  public String summary() {
    return "Print the national opportunity by family, then the largest opportunities."
        + "\nThey are ranked per unit (GBP, clinical days, WTE, patients) by organisation and"
        + "\nmetric, each metric against"
        + "\nits default target (docs/metrics.md). --org lists one organisation's. A month"
        + "\nperiod includes its financial year's annual-return metrics (estates, corporate).";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.optional(
            "period",
            "YYYY-MM|YYYY-YY",
            null,
            "month, or financial year of annual returns (default: the latest in the warehouse)"),
        Option.optional("org", "CODE", null, "one organisation's opportunities"),
        Option.optional("limit", "N", "20", "rows per unit"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    Period given = args.get("period") == null ? null : args.runPeriod("period");
    int limit = (int) args.whole("limit");
    Settings settings = Settings.load(args.settings());
    Warehouse warehouse = Pipelines.warehouse(args.queryWarehouse(), settings);
    if (!warehouse.exists(Table.OPPORTUNITY)) {
      throw new UsageException(
          "the warehouse has no gold.opportunity yet: run ./mhcs run (or ./mhcs demo) first");
    }
    Period period = given == null ? latest(warehouse) : given;
    String periods = period.predicateWithYear(Columns.PERIOD);
    String org = args.get("org");
    // A month's gold includes its financial year's; a year's run has the year alone.
    String which =
        period.isFinancialYear() ? period.toString() : period + " and " + period.financialYear();
    Names names = Names.of(warehouse, period.firstDay());
    if (org == null) {
      out.printf("National opportunity by family, %s%n", which);
      out.print(OpportunityTables.byFamily(warehouse, periods));
    } else {
      out.printf("Opportunities of %s, %s%n", names.organisationWithCode(org), which);
    }
    out.print(
        OpportunityTables.ranked(
            warehouse, MetricCatalog.from(settings), periods, org, limit, names));
    return ExitCode.OK;
  }

  /**
   * The latest month a run finished, or, in a warehouse only financial years' runs built (such as
   * public-benchmarks'), the latest year.
   */
  static Period latest(Warehouse warehouse) {
    List<Period> finished =
        warehouse
            .read(Table.RUN_LOG)
            .where(col("stage").equalTo("finish").and(col("status").equalTo("ok")))
            .select(Columns.PERIOD)
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> Period.parseRun(r.getString(0)))
            .sorted()
            .toList();
    if (finished.isEmpty()) {
      throw new UsageException("no run has finished in this warehouse: give --period");
    }
    List<Period> months = finished.stream().filter(p -> !p.isFinancialYear()).toList();
    List<Period> candidates = months.isEmpty() ? finished : months;
    return candidates.get(candidates.size() - 1);
  }
}
