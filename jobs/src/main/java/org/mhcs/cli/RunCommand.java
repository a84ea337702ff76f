package org.mhcs.cli;

import java.io.PrintStream;
import java.util.List;
import org.mhcs.conf.Settings;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.warehouse.Period;

/** {@code ./mhcs run}: the whole pipeline for one period, from a landing folder. */
final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "Run ingest → silver → conformed → metrics → benchmark → opportunities for one period."
        + "\nIdempotent: rerunning a period replaces exactly that period. The pseudonymisation key"
        + "\ncomes from the environment variable "
        + Pseudonymiser.KEY_VARIABLE
        + ". Options: --set key=value overrides conf/mhcs.properties.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required(
            "landing", "DIR", "landing folder laid out as <source>/<table>/<period>/*.csv"),
        Option.required(
            "warehouse", "DIR", "warehouse folder holding the Delta tables (created if absent)"),
        Option.required("period", "YYYY-MM", "the month to process"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    Period period = period(args);
    LandingFolder landing = new LandingFolder(args.existingFolder("landing"));
    Settings settings = Settings.load(args.settings());
    Pseudonymiser key = Pseudonymiser.fromEnvironment();
    MonthlyRun run = Pipelines.monthlyRun(args.folder("warehouse"), settings, key, err);
    MonthlyRun.Result result = run.execute(landing, period);
    out.printf(
        "run %s for %s: %d tables loaded, %,d contacts conformed (%.2f%% unmapped, %.2f%%"
            + " excluded; mapping %s)%n",
        result.runId(),
        period,
        result.landedTables().size(),
        result.conformed().contacts(),
        result.conformed().unmappedPct(),
        result.conformed().excludedPct(),
        result.conformed().mappingVersion());
    return ExitCode.OK;
  }

  static Period period(Arguments args) {
    try {
      return Period.parse(args.get("period"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--period: " + e.getMessage());
    }
  }
}
