package org.mhcs.cli;

import java.io.PrintStream;
import java.util.List;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.StartupChecks;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.silver.FileCounts;
import org.mhcs.storage.Location;

/** {@code ./mhcs run}: the whole pipeline for one period, from a landing folder. */
public final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "Run the whole pipeline for one period from a landing folder."
        + "\nIts stages: ingest → silver → conformed → metrics → benchmark → opportunities →"
        + "\nsystems (ICBs, regions, trends) → dimensions."
        + "\nIdempotent: rerunning a period replaces exactly that period. The pseudonymisation key"
        + "\ncomes from "
        + Pseudonymiser.KEY_FILE_VARIABLE
        + " (a file outside any repository, mode 600, whose first line is the"
        + "\nkey) or "
        + Pseudonymiser.KEY_VARIABLE
        + " (the key itself); set one. Make a key with: openssl rand -hex 32"
        + "\n> /secure/mhcs.key; chmod 600 /secure/mhcs.key. Keep it: a new key stops identifiers"
        + "\nlinking with earlier periods. Options: --set key=value overrides conf/mhcs.properties."
        + "\nEvery problem with the options, folders, settings and key is reported at once.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required(
            "landing",
            "DIR|URI",
            "landing folder laid out as <source>/<table>/<period>/*.csv (or s3a://bucket/prefix)"),
        Option.required(
            "warehouse",
            "DIR|URI",
            "warehouse folder holding the Delta tables, created if absent (or s3a://bucket/prefix)"),
        Option.required(
            "period",
            "YYYY-MM|YYYY-YY",
            "the month to process, or a financial year (e.g. 2016-17) to run its annual returns"
                + " (ERIC, finance) alone"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    // Everything that can be checked without Spark is, and every problem is reported at once.
    StartupChecks checks = new StartupChecks();
    Period period = checks.commandLine(() -> args.runPeriod("period"));
    Location landingDir = checks.commandLine(() -> args.existingLocation("landing"));
    Location warehouseDir = checks.commandLine(() -> args.writableLocation("warehouse"));
    Pipelines.Configuration conf = Pipelines.Configuration.check(checks, args.settings());
    Pseudonymiser key = checks.configuration(() -> Pseudonymiser.fromEnvironment(err::println));
    LandingFolder landing = null;
    if (period != null && landingDir != null && conf != null) {
      // Before Spark, the lock and the run log: a run with nothing to do leaves no trace. A
      // landing folder in object storage is reached here, so a wrong bucket or credential is
      // reported now.
      landing =
          checks.configuration(
              () -> {
                LandingFolder folder =
                    LandingFolder.at(landingDir, conf.settings().storageOptions());
                folder.requireLanded(conf.schemas().tables(), period);
                return folder;
              });
    }
    checks.verdict();

    MonthlyRun run = Pipelines.monthlyRun(warehouseDir, conf, key, err);
    MonthlyRun.Result result = run.execute(landing, period);
    if (period.isFinancialYear()) {
      long read = result.files().stream().mapToLong(FileCounts::read).sum();
      long quarantined = result.files().stream().mapToLong(FileCounts::quarantined).sum();
      long fields = result.files().stream().mapToLong(FileCounts::fieldsQuarantined).sum();
      out.printf(
          "run %s for the annual returns of %s: %d tables loaded, %,d rows read, %,d accepted,"
              + " %,d quarantined, %,d fields quarantined%n",
          result.runId(),
          period,
          result.landedTables().size(),
          read,
          read - quarantined,
          quarantined,
          fields);
      return ExitCode.OK;
    }
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
}
