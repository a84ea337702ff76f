package org.mhcs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.report.ReportData;
import org.mhcs.report.ReportSite;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Warehouse;

/** {@code ./mhcs report}: the static HTML report site from the gold tables. */
public final class ReportCommand implements Command {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "Write a static HTML report of the metrics, organisations and their benchmarks."
        + "\nIt has index.html, a page per metric (variation charts, funnel"
        + "\nplots) and a page per organisation (its metrics, peers, opportunities and charts"
        + "\nwith it highlighted), charts inline as SVG; counts suppressed (docs/report.md). A"
        + "\nmonth includes its financial year's annual-return metrics. --out must be new, empty"
        + "\nor an earlier report, whose files are replaced.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.required("out", "DIR", "folder for the site (created)"),
        Option.optional(
            "period",
            "YYYY-MM|YYYY-YY",
            null,
            "month, or financial year of annual returns (default: the latest a run finished in"
                + " ops.run_log, months first)"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    // Charts draw with AWT; there is no display on a server or in CI.
    System.setProperty("java.awt.headless", "true");
    long start = System.nanoTime();
    Path site = args.writableFolder("out");
    Period given = args.get("period") == null ? null : args.runPeriod("period");
    ReportSite.refusal(site)
        .ifPresent(
            why -> {
              throw new UsageException("--out " + why);
            });
    Settings settings = Settings.load(args.settings());
    Warehouse warehouse = Pipelines.warehouse(args.queryWarehouse(), settings);
    for (Table t : List.of(Table.METRIC_VALUE, Table.BENCHMARK, Table.ORG_POSITION)) {
      if (!warehouse.exists(t)) {
        throw new UsageException(
            "the warehouse has no " + t + " yet: run ./mhcs run (or ./mhcs demo) first");
      }
    }
    Period period = given == null ? OpportunitiesCommand.latest(warehouse) : given;
    ReportData data =
        ReportData.load(warehouse, MetricCatalog.from(settings), ServiceLines.bundled(), period);
    if (data.organisations().isEmpty()) {
      throw new UsageException(
          "gold.metric_value has no rows for "
              + period
              + " or "
              + period.financialYear()
              + ": give a --period the warehouse holds");
    }
    err.printf(
        Locale.ROOT,
        "report: read %s and %s, %d organisations (%.1fs)%n",
        period,
        period.financialYear(),
        data.organisations().size(),
        (System.nanoTime() - start) / 1e9);
    ReportSite.Result result = new ReportSite(data, site, err::println).write();
    out.printf(
        Locale.ROOT,
        "Report for %s written to %s: index.html, %d metric pages, %d organisation pages, %d"
            + " ICB and region pages, %d charts (%.1fs)%n",
        period,
        result.out().resolve("index.html"),
        result.metricPages(),
        result.orgPages(),
        result.systemPages(),
        result.charts(),
        (System.nanoTime() - start) / 1e9);
    return ExitCode.OK;
  }
}
