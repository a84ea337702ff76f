package org.mhcs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.StartupChecks;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * {@code ./mhcs public-benchmarks}: national estates benchmarks for every trust from the real ERIC
 * trust returns the repository ships in {@code data/public/}, one financial year's run per year,
 * and the variation among mental health, learning disability and community trusts.
 */
public final class PublicBenchmarksCommand implements Command {
  /** ERIC's organisation types of the trusts the 2018 review looked at. */
  static final List<String> MENTAL_HEALTH_AND_COMMUNITY =
      List.of("MENTAL HEALTH AND LEARNING DISABILITY", "COMMUNITY");

  /** The estates metrics printed, each as a distribution across those trusts. */
  static final List<String> METRICS =
      List.of("ef_cost_per_m2", "non_clinical_space_pct", "energy_cost_per_kwh");

  /**
   * The published 2013-14 and 2014-15 files have rows a comma shifted (quarantined, never
   * misaligned); the tolerance that would refuse such a file whole is lifted so the rest count.
   */
  static final String PUBLIC_MAX_REJECT_PCT = "100";

  @Override
  public String name() {
    return "public-benchmarks";
  }

  @Override
  public String summary() {
    return "Build national estates benchmarks for every trust from public ERIC returns."
        + "\nThe ERIC trust returns in data/public/ (NHS Digital, Open Government Licence v3.0)"
        + "\nrun one financial year per run; it prints each file's reconciliation and the variation among mental health,"
        + "\nlearning disability and community trusts. The reject tolerance is lifted (rows the"
        + "\npublication shifted are quarantined, the rest benchmarked); --set overrides it.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.optional(
            "landing",
            "DIR",
            "data/public",
            "folder holding eric/trust/<YYYY-YY>/*.csv (the repository's data/public)"),
        Option.optional(
            "warehouse", "DIR", "public-warehouse", "warehouse folder (created if absent)"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    StartupChecks checks = new StartupChecks();
    Path landing = checks.commandLine(() -> args.existingFolder("landing"));
    Path warehouseDir = checks.commandLine(() -> args.writableFolder("warehouse"));
    Map<String, String> settings = new HashMap<>(args.settings());
    settings.putIfAbsent(Settings.MAX_REJECT_PCT.key(), PUBLIC_MAX_REJECT_PCT);
    Pipelines.Configuration conf = Pipelines.Configuration.check(checks, settings);
    checks.verdict();
    List<Period> years = years(landing);
    // ERIC's returns name trusts, not people: there is nothing to pseudonymise, so a one-off key
    // serves, as for the demo.
    Pseudonymiser key = Pseudonymiser.randomKey();
    MonthlyRun run = Pipelines.monthlyRun(warehouseDir, conf, key, err);
    List<FileCounts> files = new ArrayList<>();
    for (Period year : years) {
      err.println("public-benchmarks: running the annual returns of " + year);
      files.addAll(run.execute(new LandingFolder(landing), year).files());
    }
    out.printf("ERIC trust returns in %s (NHS Digital, Open Government Licence v3.0)%n%n", landing);
    out.printf(
        "%-42s %6s %9s %12s %19s%n", "file", "read", "accepted", "quarantined", "fields nulled");
    for (FileCounts f : files) {
      out.printf(
          "%-42s %6d %9d %12d %19d%n",
          f.file(), f.read(), f.accepted(), f.quarantined(), f.fieldsQuarantined());
    }
    Warehouse warehouse = run.warehouse();
    for (String metric : METRICS) {
      out.println();
      out.print(variation(warehouse, metric, years));
    }
    out.printf(
        "%nEvery trust's values: ./mhcs sql --warehouse %s \"SELECT * FROM gold.metric_value"
            + " WHERE metric_id = 'ef_cost_per_m2' ORDER BY period, value\"%n",
        warehouseDir);
    return ExitCode.OK;
  }

  /** The financial years landed under {@code landing/eric/trust/}, in order. */
  static List<Period> years(Path landing) {
    Path trusts = landing.resolve("eric/trust");
    List<Period> years = new ArrayList<>();
    if (Files.isDirectory(trusts)) {
      try (Stream<Path> folders = Files.list(trusts)) {
        for (Path folder : folders.sorted().toList()) {
          String name = folder.getFileName().toString();
          try {
            Period year = Period.parseRun(name);
            if (year.isFinancialYear() && Files.isDirectory(folder)) {
              years.add(year);
            }
          } catch (IllegalArgumentException notAYear) {
            // Not a year's folder: ignored, as a run ignores it.
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + trusts, e);
      }
    }
    if (years.isEmpty()) {
      throw new UsageException(
          "no ERIC trust returns under "
              + trusts
              + "/<YYYY-YY>/: run from the repository's root (data/public ships them) or give"
              + " --landing");
    }
    return years;
  }

  /**
   * One metric's distribution across mental health, learning disability and community trusts, year
   * by year: exact percentiles (Spark's {@code percentile}, linear interpolation between order
   * statistics, as the national benchmark), with the trusts at either end.
   */
  static String variation(Warehouse warehouse, String metric, List<Period> years) {
    Dataset<Row> types =
        warehouse
            .read(Table.silver("eric_trust"))
            .select(col("_period").as("t_period"), col("org_code").as("t_org"), col("org_type"));
    Dataset<Row> values =
        warehouse
            .read(Table.METRIC_VALUE)
            .where(
                col(Columns.METRIC_ID)
                    .equalTo(metric)
                    .and(col(Columns.VALUE).isNotNull())
                    .and(col(Columns.PERIOD).isin(years.stream().map(Period::toString).toArray())))
            .join(
                types,
                col(Columns.PERIOD)
                    .equalTo(col("t_period"))
                    .and(col(Columns.ORG_CODE).equalTo(col("t_org"))))
            .where(col("org_type").isin(MENTAL_HEALTH_AND_COMMUNITY.toArray()));
    List<Row> rows =
        values
            .groupBy(Columns.PERIOD)
            .agg(
                count(Columns.VALUE).as("n"),
                expr("min(value)"),
                expr("min_by(org_code, value)"),
                expr("percentile(value, array(0.1, 0.5, 0.9))"),
                expr("max(value)"),
                expr("max_by(org_code, value)"),
                expr("first(unit)"))
            .orderBy(Columns.PERIOD)
            .collectAsList();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%s across mental health, learning disability and community trusts%n", metric));
    text.append(
        String.format(
            "%-8s %6s %18s %10s %10s %10s %18s  %s%n",
            "year", "trusts", "min (trust)", "p10", "median", "p90", "max (trust)", "unit"));
    for (Row r : rows) {
      List<Double> q = r.getList(4);
      text.append(
          String.format(
              "%-8s %6d %18s %10.2f %10.2f %10.2f %18s  %s%n",
              r.getString(0),
              r.getLong(1),
              String.format("%.2f (%s)", r.getDouble(2), r.getString(3)),
              q.get(0),
              q.get(1),
              q.get(2),
              String.format("%.2f (%s)", r.getDouble(5), r.getString(6)),
              r.getString(7)));
    }
    if (rows.isEmpty()) {
      text.append(
          "(no values: "
              + SqlText.literal(metric)
              + " needs returns of these trusts that were accepted)\n");
    }
    return text.toString();
  }
}
