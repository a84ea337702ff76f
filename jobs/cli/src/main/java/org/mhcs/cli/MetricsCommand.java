package org.mhcs.cli;

import java.io.PrintStream;
import java.util.List;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.MetricCatalogPage;

/** {@code ./mhcs metrics}: the metrics catalogue, from the metric declarations. */
public final class MetricsCommand implements Command {
  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public String summary() {
    return "Print the metrics catalogue from the metric declarations."
        + "\nIt lists id, family, direction, unit and name; --markdown prints the full page with definitions, thresholds and"
        + "\nopportunity rules (kept in docs/metrics.md).";
  }

  @Override
  public List<Option> options() {
    return List.of(Option.flag("markdown", "the full catalogue page as markdown"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    MetricCatalog catalog = MetricCatalog.from(Settings.load(args.settings()));
    out.print(
        args.flag("markdown")
            ? MetricCatalogPage.markdown(catalog)
            : MetricCatalogPage.text(catalog));
    return ExitCode.OK;
  }
}
