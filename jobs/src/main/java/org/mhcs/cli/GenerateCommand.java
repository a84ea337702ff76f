package org.mhcs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mhcs.generate.GeneratedLanding;
import org.mhcs.generate.SyntheticLanding;
import org.mhcs.warehouse.Period;

/** {@code ./mhcs generate}: synthetic landing files for one month. */
final class GenerateCommand implements Command {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Write synthetic landing files (csds, mhsds, esr, ref) for one month, laid out as the"
        + "\nlanding contract says. Scale 1.0 is a national month (~140 providers, ~8M CSDS and"
        + "\n~2.5M MHSDS contacts). Deterministic for a seed.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("out", "DIR", "landing folder to write into (created if absent)"),
        Option.required("period", "YYYY-MM", "the month to generate"),
        Option.optional(
            "scale", "S", "0.05", "volume relative to a national month, above 0 and at most 20"),
        Option.optional("seed", "N", "42", "random seed; the same seed gives the same files"));
  }

  /** {@code --scale}, checked: above 0 and at most 20 national months. */
  static double scale(Arguments args) {
    double scale = args.number("scale");
    if (!(scale > 0 && scale <= 20)) {
      throw new UsageException("--scale must be above 0 and at most 20, not " + args.get("scale"));
    }
    return scale;
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    Period period = RunCommand.period(args);
    double scale = scale(args);
    Path dir = args.folder("out");
    long start = System.nanoTime();
    GeneratedLanding landing =
        SyntheticLanding.write(dir, period.month(), scale, args.whole("seed"));
    long rows = landing.rowsPerTable().values().stream().mapToLong(Long::longValue).sum();
    for (Map.Entry<String, Long> e : landing.rowsPerTable().entrySet()) {
      err.printf("  %-40s %,12d rows%n", e.getKey(), e.getValue());
    }
    out.printf(
        "wrote %,d rows for %d providers, %s, into %s in %.1f s%n",
        rows, landing.providers(), period, dir, (System.nanoTime() - start) / 1e9);
    return ExitCode.OK;
  }
}
