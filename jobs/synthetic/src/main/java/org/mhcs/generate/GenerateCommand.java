package org.mhcs.generate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.StartupChecks;
import org.mhcs.command.UsageException;

/** {@code ./mhcs generate}: synthetic landing files for one month, optionally with faults. */
public final class GenerateCommand implements Command {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Write synthetic landing files for one month."
        + "\nThey cover every table of schemas/landing/ (csds,"
        + "\nmhsds, esr, staffing, eric, ppib, finance, ref), laid out and formatted as the landing"
        + "\ncontract says, annual tables (eric, finance) under the financial year holding the"
        + "\nmonth. Scale 1.0 is a national month (~140 providers, ~8M CSDS and ~2.5M MHSDS"
        + "\ncontacts). --fault-rate breaks that share of rows, each failing one validation rule,"
        + "\nand lists them per table and rule. Deterministic for a seed.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("out", "DIR", "landing folder to write into (created if absent)"),
        Option.required("period", "YYYY-MM", "the month to generate"),
        Option.optional(
            "scale", "S", "0.05", "volume relative to a national month, above 0 and at most 20"),
        Option.optional("seed", "N", "42", "random seed; the same seed gives the same files"),
        Option.optional(
            "fault-rate",
            "R",
            "0",
            "share of rows to break on purpose, 0 to 0.2 (e.g. 0.002); each breaks one rule"));
  }

  /** {@code --scale}, checked: above 0 and at most 20 national months. */
  public static double scale(Arguments args) {
    double scale = args.number("scale");
    if (!(scale > 0 && scale <= 20)) {
      throw new UsageException("--scale must be above 0 and at most 20, not " + args.get("scale"));
    }
    return scale;
  }

  /**
   * {@code --fault-rate}, checked: a share of rows from 0 to {@link
   * SyntheticLanding#MAX_FAULT_RATE}.
   */
  static double faultRate(Arguments args) {
    double rate = args.number("fault-rate");
    if (!(rate >= 0 && rate <= SyntheticLanding.MAX_FAULT_RATE)) {
      throw new UsageException(
          "--fault-rate must be a share of rows from 0 to "
              + SyntheticLanding.MAX_FAULT_RATE
              + " (e.g. 0.002), not "
              + args.get("fault-rate"));
    }
    return rate;
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    StartupChecks checks = new StartupChecks();
    Period period = checks.commandLine(() -> args.period("period"));
    Double scale = checks.commandLine(() -> scale(args));
    Double faultRate = checks.commandLine(() -> faultRate(args));
    Long seed = checks.commandLine(() -> args.whole("seed"));
    Path dir = checks.commandLine(() -> args.writableFolder("out"));
    checks.verdict();
    long start = System.nanoTime();
    GeneratedLanding landing = SyntheticLanding.write(dir, period.month(), scale, seed, faultRate);
    for (Map.Entry<String, Long> e : landing.rowsPerTable().entrySet()) {
      Map<String, Long> faults = landing.faults(e.getKey());
      err.printf(
          "  %-40s %,12d rows%s%n",
          e.getKey(), e.getValue(), faults.isEmpty() ? "" : ", broken: " + faults);
    }
    out.printf(
        "wrote %,d rows (%,d broken on purpose) for %d providers, %s, into %s in %.1f s%n",
        landing.totalRows(),
        landing.faultCount(),
        landing.providers(),
        period,
        dir,
        (System.nanoTime() - start) / 1e9);
    return ExitCode.OK;
  }
}
