package org.mhcs.generate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.StartupChecks;
import org.mhcs.conform.ConformStage;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.pipeline.NationalSummary;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.silver.FileCounts;
import org.mhcs.warehouse.ShellWords;

/** {@code ./mhcs demo}: a synthetic national month through the whole pipeline, summarised. */
public final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "Run the whole pipeline on a small synthetic national month and print results."
        + "\nThe month is generated into a temporary landing folder and run with a random"
        + "\npseudonymisation key; it prints national percentiles and opportunities per metric"
        + "\nand service line.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.optional("warehouse", "DIR", "warehouse", "warehouse folder for the Delta tables"),
        Option.optional("period", "YYYY-MM", "2024-06", "the month to simulate"),
        Option.optional("scale", "S", "0.05", "volume relative to a national month"),
        Option.optional("seed", "N", "42", "random seed for the synthetic data"),
        Option.optional(
            "fault-rate",
            "R",
            "0.001",
            "share of landing rows broken on purpose (one validation rule each), so quarantine"
                + " has work"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    StartupChecks checks = new StartupChecks();
    Period period = checks.commandLine(() -> args.period("period"));
    Double scale = checks.commandLine(() -> GenerateCommand.scale(args));
    Double faultRate = checks.commandLine(() -> GenerateCommand.faultRate(args));
    Long seed = checks.commandLine(() -> args.whole("seed"));
    Path warehouseDir = checks.commandLine(() -> args.writableFolder("warehouse"));
    Pipelines.Configuration conf = Pipelines.Configuration.check(checks, args.settings());
    checks.verdict();
    Path landingDir;
    try {
      landingDir = Files.createTempDirectory("mhcs-demo-landing");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary landing folder", e);
    }
    try {
      err.printf(
          "generating a synthetic month (%s, scale %s) in %s%n",
          period, args.get("scale"), landingDir);
      GeneratedLanding generated =
          SyntheticLanding.write(landingDir, period.month(), scale, seed, faultRate);
      MonthlyRun run = Pipelines.monthlyRun(warehouseDir, conf, Pseudonymiser.randomKey(), err);
      MonthlyRun.Result result = run.execute(new LandingFolder(landingDir), period);
      out.println();
      out.print(NationalSummary.of(run.warehouse(), period));
      out.println();
      out.print(ingestSummary(result, generated, warehouseDir));
      out.print(serviceLineSummary(result, warehouseDir));
      out.printf(
          "%nWarehouse: %s (%.0f s). Query it, e.g.:%n  ./mhcs sql --warehouse %s \"SELECT metric_id,"
              + " service_line, p10, p25, p50, p75, p90 FROM gold.benchmark\"%n",
          warehouseDir,
          (System.nanoTime() - start) / 1e9,
          ShellWords.quoted(warehouseDir.toString()));
      return ExitCode.OK;
    } finally {
      delete(landingDir);
    }
  }

  /** What ingest read and rejected, against what the generator broke on purpose. */
  private static String ingestSummary(
      MonthlyRun.Result result, GeneratedLanding generated, Path warehouseDir) {
    long read = result.files().stream().mapToLong(FileCounts::read).sum();
    long quarantined = result.files().stream().mapToLong(FileCounts::quarantined).sum();
    long unreconciled =
        result.files().stream().filter(f -> f.read() != f.accepted() + f.quarantined()).count();
    return String.format(
        "Ingest: %,d rows read from %d files of %d tables; %,d quarantined (the generator broke"
            + " %,d on purpose); %s.%n  Why: ./mhcs sql --warehouse %s \"SELECT source_table, rule,"
            + " count(*) FROM ops.quarantine GROUP BY 1, 2\"%n",
        read,
        result.files().size(),
        result.landedTables().size(),
        quarantined,
        generated.faultCount(),
        unreconciled == 0
            ? "every file reconciles (read = accepted + quarantined)"
            : unreconciled + " files do NOT reconcile",
        ShellWords.quoted(warehouseDir.toString()));
  }

  /** How much activity the service-line mappings covered. */
  private static String serviceLineSummary(MonthlyRun.Result result, Path warehouseDir) {
    ConformStage.Result c = result.conformed();
    return String.format(
        "Service lines (mapping %s): %,d contacts; %,d (%.2f%%) unmapped, %,d (%.2f%%)"
            + " deliberately excluded.%n  Unmapped codes: ./mhcs sql --warehouse %s \"SELECT *"
            + " FROM ops.unmapped_codes\"%n",
        c.mappingVersion(),
        c.contacts(),
        c.unmappedContacts(),
        c.unmappedPct(),
        c.excludedContacts(),
        c.excludedPct(),
        ShellWords.quoted(warehouseDir.toString()));
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leaving a temporary folder behind is not worth failing a finished demo for.
    }
  }
}
