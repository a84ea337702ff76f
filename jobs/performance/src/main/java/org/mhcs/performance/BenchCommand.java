package org.mhcs.performance;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.StartupChecks;
import org.mhcs.command.UsageException;
import org.mhcs.conf.ConfFiles;
import org.mhcs.generate.GenerateCommand;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.pipeline.Pipelines;

/**
 * {@code ./mhcs bench}: a benchmark, not a test. Generates months at a scale, runs them through the
 * pipeline with every stage measured, and writes the figures as a table and {@code bench.json}.
 */
public final class BenchCommand implements Command {
  /** Most months one benchmark builds: a year, with room for a second. */
  private static final int MAX_PERIODS = 24;

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "Benchmark the pipeline stage by stage on synthetic national months."
        + "\nIt generates --periods months of synthetic landing files at --scale (1.0 is a"
        + "\nnational month, ~28M rows), runs each month into a fresh warehouse under --out, and"
        + "\nreports per stage the wall time, rows per second per core, peak heap,"
        + "\nGC time, Delta files written and Spark spills, as a table and --out/bench.json."
        + "\n--reload then resubmits the middle month and reruns it, showing which Delta files it"
        + "\nrewrote. JVM start-up, session start and generation are reported apart. Deletes"
        + "\n--out's landing and warehouse folders first. See docs/performance.md.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.optional("scale", "S", "0.05", "volume relative to a national month"),
        Option.optional("periods", "N", "1", "consecutive months to build, 1 to " + MAX_PERIODS),
        Option.optional("first-period", "YYYY-MM", "2023-07", "the first month"),
        Option.optional("seed", "N", "42", "random seed for the synthetic data"),
        Option.optional("out", "DIR", "target/bench", "folder for landing, warehouse and report"),
        Option.optional(
            "peer",
            "ENGINE",
            "none",
            "duckdb: compute the community gold figures again with DuckDB, compare, time"),
        Option.flag("reload", "after the build, resubmit the middle month and rerun it"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    double jvmSeconds = jvmStartSeconds();
    StartupChecks checks = new StartupChecks();
    Double scale = checks.commandLine(() -> GenerateCommand.scale(args));
    Long periods = checks.commandLine(() -> periods(args));
    Period first = checks.commandLine(() -> args.period("first-period"));
    Long seed = checks.commandLine(() -> args.whole("seed"));
    Path dir = checks.commandLine(() -> args.writableFolder("out"));
    Boolean peer = checks.commandLine(() -> peer(args));
    Pipelines.Configuration conf = Pipelines.Configuration.check(checks, args.settings());
    checks.verdict();

    BenchRun.Plan plan =
        new BenchRun.Plan(scale, periods.intValue(), first, seed, args.flag("reload"));
    Path landing = dir.resolve("landing");
    Path warehouse = dir.resolve("warehouse");
    BenchRun.delete(landing);
    BenchRun.delete(warehouse);
    BenchReport report = new BenchReport(Machine.current(), plan);
    BenchRun bench = new BenchRun(plan, landing, err);
    report.generation(bench.generate());

    long sessionStart = System.nanoTime();
    // Identifiers are hashed as in a real run; the key is thrown away with the benchmark.
    MonthlyRun pipeline = Pipelines.monthlyRun(warehouse, conf, Pseudonymiser.randomKey(), err);
    report.startUp(jvmSeconds, (System.nanoTime() - sessionStart) / 1e9);
    List<BenchRun.Run> runs = bench.runMonths(pipeline);
    report.runs(runs);
    out.print(report.unprinted());
    PeerComparison.Result agreement = null;
    if (peer) {
      // Before any reload: the resubmitted month quarantines rows, which the peer does not check.
      err.println("bench: computing the community gold figures with DuckDB");
      DuckDbPeer.Result duck =
          new DuckDbPeer(
                  conf.schemas(),
                  conf.codeLists(),
                  conf.serviceLines(),
                  conf.settings(),
                  ConfFiles.bundled())
              .threads(2)
              .execute(landing, plan.months());
      agreement = PeerComparison.compare(pipeline.warehouse(), plan.months(), duck);
      report.peer(duck, agreement, runs, conf.schemas());
      out.print(report.unprinted());
    }
    if (plan.reload()) {
      report.reload(
          bench.reload(pipeline),
          runs.stream().mapToDouble(BenchRun.Run::seconds).sum(),
          runs.size());
    }
    out.print(report.unprinted());
    Path json = dir.resolve("bench.json");
    report.writeJson(json);
    out.printf("%nfigures: %s%n", json);
    if (agreement != null && !agreement.agrees()) {
      err.println("mhcs bench: DuckDB's figures differ from the warehouse's; see above");
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }

  /**
   * From the launcher's hand-over ({@code MHCS_LAUNCHED_AT_NANOS}, set by {@code ./mhcs}) to here,
   * else from the JVM's own start, which misses the JVM's boot.
   */
  private static double jvmStartSeconds() {
    Instant now = Instant.now();
    String launched = System.getenv("MHCS_LAUNCHED_AT_NANOS");
    if (launched != null && launched.matches("\\d{10,20}")) {
      long nanos = Long.parseLong(launched);
      Instant at = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
      return Duration.between(at, now).toNanos() / 1e9;
    }
    long started = ManagementFactory.getRuntimeMXBean().getStartTime();
    return (now.toEpochMilli() - started) / 1e3;
  }

  private static boolean peer(Arguments args) {
    return switch (args.get("peer")) {
      case "none" -> false;
      case "duckdb" -> true;
      default -> throw new UsageException("--peer must be none or duckdb, not " + args.get("peer"));
    };
  }

  private static long periods(Arguments args) {
    long n = args.whole("periods");
    if (n < 1 || n > MAX_PERIODS) {
      throw new UsageException(
          "--periods must be from 1 to " + MAX_PERIODS + ", not " + args.get("periods"));
    }
    if (n < 2 && args.flag("reload")) {
      throw new UsageException("--reload needs --periods of 2 or more: it reloads one of them");
    }
    return n;
  }
}
