package org.mhcs.pipeline;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.calendar.WorkingDays;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ClinicalCapacity;
import org.mhcs.conform.ConformedContacts;
import org.mhcs.conform.ContactSource;
import org.mhcs.conform.ServiceLines;
import org.mhcs.ingest.BronzeIngest;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Lineage;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.metrics.CommunityActivity;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.MetricValues;
import org.mhcs.opportunity.OpportunityCalculator;
import org.mhcs.ops.QuarantineColumns;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.silver.FileCounts;
import org.mhcs.silver.SilverValidation;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * The monthly pipeline for one period, as a recipe: ingest → silver → conformed → metrics →
 * benchmark → opportunities. Idempotent: each table's rows for the period are replaced in one
 * commit, and landed input identical to what bronze holds is not reloaded, so running it twice
 * gives the same tables. Every stage and table is logged to {@code ops.run_log}.
 */
public final class MonthlyRun {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final CodeLists codeLists;
  private final ServiceLines serviceLines;
  private final Settings settings;
  private final Pseudonymiser pseudonymiser;
  private final Consumer<String> progress;

  public MonthlyRun(
      Warehouse warehouse,
      SchemaCatalog schemas,
      CodeLists codeLists,
      ServiceLines serviceLines,
      Settings settings,
      Pseudonymiser pseudonymiser,
      Consumer<String> progress) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.codeLists = codeLists;
    this.serviceLines = serviceLines;
    this.settings = settings;
    this.pseudonymiser = pseudonymiser;
    this.progress = progress;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  /** What a run did, for callers and tests to assert on. */
  public record Result(
      String runId,
      Period period,
      List<String> landedTables,
      List<String> absentSources,
      List<FileCounts> files,
      long contacts,
      long unmappedContacts,
      List<Row> runLog) {}

  /**
   * Runs every stage for {@code period} from {@code landing}.
   *
   * @throws DataRejectedException when a file's reject rate exceeds {@code ingest.max_reject_pct};
   *     bronze, quarantine and the run log are still written so the rejects can be inspected,
   *     silver and gold are not touched
   */
  public Result execute(LandingFolder landing, Period period) {
    String runId = java.util.UUID.randomUUID().toString();
    RunLog log = new RunLog(runId, period.toString(), progress);
    log.record(
        "start",
        null,
        "ok",
        null,
        null,
        null,
        null,
        "run " + runId + " period " + period + " key " + pseudonymiser.keyId(),
        0);
    try {
      List<BronzeIngest.Result> landed = ingest(landing, period, runId, log);
      if (landed.stream().noneMatch(r -> r.landed() && r.spec().period() != PeriodType.NONE)) {
        throw new IllegalArgumentException(
            "nothing is landed for "
                + period
                + " under "
                + landing.root()
                + ": expected files such as "
                + landing.root().resolve("csds/CYP201CareContact/" + period + "/part-00000.csv")
                + " (layout <source>/<table>/<period>/*.csv); check --landing and --period");
      }
      List<String> absent = absentSources(landed);
      if (!absent.isEmpty()) {
        log.record(
            "ingest",
            null,
            "absent",
            0,
            null,
            null,
            null,
            "no files for sources " + absent + " (their tables keep what they had)",
            0);
      }
      List<FileCounts> files = silver(landed, period, log);
      long[] contacts = conform(period, log);
      gold(period, log);
      log.record("finish", null, "ok", null, null, null, null, null, 0);
      return new Result(
          runId,
          period,
          landed.stream().filter(BronzeIngest.Result::landed).map(r -> r.spec().id()).toList(),
          absent,
          files,
          contacts[0],
          contacts[1],
          log.rows());
    } catch (RuntimeException e) {
      log.record("finish", null, "failed", null, null, null, null, e.getMessage(), 0);
      throw e;
    } finally {
      log.save(warehouse);
    }
  }

  private List<BronzeIngest.Result> ingest(
      LandingFolder landing, Period period, String runId, RunLog log) {
    BronzeIngest ingest = new BronzeIngest(warehouse, landing, pseudonymiser, runId);
    List<BronzeIngest.Result> results = new ArrayList<>();
    for (LandingTableSpec spec : schemas.tables()) {
      long start = System.nanoTime();
      BronzeIngest.Result r = ingest.load(spec, period);
      results.add(r);
      if (!r.strayFiles().isEmpty()) {
        log.record(
            "ingest",
            spec.id(),
            "warning",
            r.strayFiles().size(),
            null,
            null,
            null,
            "ignored files that are not .csv: " + r.strayFiles(),
            seconds(start));
      }
      if (r.landed()) {
        log.record(
            "ingest",
            spec.id(),
            r.skipped() ? "unchanged" : "loaded",
            r.files().size(),
            r.rows(),
            r.skipped() ? 0L : r.rows(),
            null,
            r.skipped() ? "same input as already loaded: bronze left as it was" : null,
            seconds(start));
      }
    }
    return results;
  }

  private static List<String> absentSources(List<BronzeIngest.Result> results) {
    Map<String, Boolean> any = new LinkedHashMap<>();
    for (BronzeIngest.Result r : results) {
      any.merge(r.spec().source(), r.landed(), Boolean::logicalOr);
    }
    return any.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }

  private List<FileCounts> silver(List<BronzeIngest.Result> landed, Period period, RunLog log) {
    List<SilverValidation> validations = new ArrayList<>();
    List<FileCounts> files = new ArrayList<>();
    try {
      for (BronzeIngest.Result r : landed) {
        if (!r.landed()) {
          continue;
        }
        long start = System.nanoTime();
        LandingTableSpec spec = r.spec();
        String partition = BronzeIngest.partition(spec, period);
        Dataset<Row> bronze =
            warehouse
                .read(Table.bronze(spec.warehouseName()))
                .where(col(Lineage.PERIOD).equalTo(partition));
        SilverValidation v = SilverValidation.of(spec, bronze, period, codeLists);
        validations.add(v);
        files.addAll(v.counts());
        long read = v.counts().stream().mapToLong(FileCounts::read).sum();
        long quarantined = v.counts().stream().mapToLong(FileCounts::quarantined).sum();
        log.record(
            "validate",
            spec.id(),
            "ok",
            v.counts().size(),
            read,
            read - quarantined,
            quarantined,
            null,
            seconds(start));
      }
      if (validations.isEmpty()) {
        return files;
      }
      long start = System.nanoTime();
      Dataset<Row> quarantine =
          validations.stream()
              .map(SilverValidation::quarantined)
              .reduce(Dataset::unionByName)
              .orElseThrow();
      String tables =
          validations.stream()
              .map(v -> "'" + v.spec().id() + "'")
              .collect(Collectors.joining(", "));
      warehouse.replace(
          Table.QUARANTINE,
          quarantine,
          "`"
              + QuarantineColumns.PERIOD
              + "` IN ('"
              + period
              + "', '"
              + Lineage.NO_PERIOD
              + "') AND `"
              + QuarantineColumns.SOURCE_TABLE
              + "` IN ("
              + tables
              + ")",
          null);
      long quarantined = files.stream().mapToLong(FileCounts::quarantined).sum();
      log.record(
          "quarantine",
          Table.QUARANTINE.qualifiedName(),
          "ok",
          null,
          null,
          quarantined,
          null,
          null,
          seconds(start));

      double tolerance = settings.get(Settings.MAX_REJECT_PCT);
      List<String> rejected =
          files.stream()
              .filter(f -> f.rejectPercent() > tolerance)
              .map(
                  f ->
                      String.format(
                          "%s: %.1f%% of %,d rows quarantined",
                          f.file(), f.rejectPercent(), f.read()))
              .toList();
      if (!rejected.isEmpty()) {
        throw new DataRejectedException(
            "data rejected beyond the tolerance of "
                + tolerance
                + "% (ingest.max_reject_pct):\n  "
                + String.join("\n  ", rejected)
                + "\nSee why with: ./mhcs sql --warehouse "
                + warehouse.root()
                + " \"SELECT source_file, rule, field, count(*) FROM ops.quarantine WHERE period = '"
                + period
                + "' GROUP BY 1, 2, 3 ORDER BY 4 DESC\"\nSilver and gold were left as they were.");
      }
      for (SilverValidation v : validations) {
        long t = System.nanoTime();
        LandingTableSpec spec = v.spec();
        String partition = BronzeIngest.partition(spec, period);
        Table table = Table.silver(spec.warehouseName());
        warehouse.replace(
            table, v.accepted(), "`" + Lineage.PERIOD + "` = '" + partition + "'", Lineage.PERIOD);
        long accepted = v.counts().stream().mapToLong(FileCounts::accepted).sum();
        log.record(
            "silver", table.qualifiedName(), "ok", null, null, accepted, null, null, seconds(t));
      }
      return files;
    } finally {
      validations.forEach(SilverValidation::release);
    }
  }

  /** The silver rows of one landing table for the period, if the table exists. */
  private Optional<Dataset<Row>> silverTable(String source, String table, Period period) {
    Table t = Table.silver(schemas.table(source, table).warehouseName());
    if (!warehouse.exists(t)) {
      return Optional.empty();
    }
    return Optional.of(warehouse.read(t).where(col(Lineage.PERIOD).equalTo(period.toString())));
  }

  /** Returns {contacts conformed, contacts without a service line}. */
  private long[] conform(Period period, RunLog log) {
    long start = System.nanoTime();
    Dataset<Row> mapping = serviceLines.mapping(warehouse.spark());
    ConformedContacts conformed = new ConformedContacts(codeLists);
    Dataset<Row> teamTypes = null;
    Dataset<Row> contacts = null;
    for (ContactSource s : List.of(ContactSource.CSDS, ContactSource.MHSDS)) {
      Optional<Dataset<Row>> contactRows = silverTable(s.dataset(), s.contactTable(), period);
      Optional<Dataset<Row>> referralTeams =
          silverTable(s.dataset(), s.referralTeamTable(), period);
      Optional<Dataset<Row>> referrals = silverTable(s.dataset(), s.referralTable(), period);
      Optional<Dataset<Row>> activities = silverTable(s.dataset(), s.activityTable(), period);
      if (contactRows.isEmpty()
          || referralTeams.isEmpty()
          || referrals.isEmpty()
          || activities.isEmpty()) {
        log.record(
            "conform",
            s.dataset(),
            "skipped",
            null,
            null,
            null,
            null,
            "needs "
                + s.referralTable()
                + ", "
                + s.referralTeamTable()
                + ", "
                + s.contactTable()
                + " and "
                + s.activityTable()
                + " for "
                + period,
            0);
        continue;
      }
      Dataset<Row> types = ConformedContacts.teamTypes(s, referralTeams.get());
      teamTypes = teamTypes == null ? types : teamTypes.unionByName(types);
      Dataset<Row> rows =
          conformed.transform(
              s,
              new ConformedContacts.Inputs(
                  referrals.get(), referralTeams.get(), contactRows.get(), activities.get()),
              types,
              mapping,
              period.toString());
      contacts = contacts == null ? rows : contacts.unionByName(rows);
    }
    if (contacts == null) {
      return new long[] {0, 0};
    }
    String periodCondition = "`" + Columns.PERIOD + "` = '" + period + "'";
    warehouse.replace(Table.CONFORMED_CONTACTS, contacts, periodCondition, Columns.PERIOD);
    Dataset<Row> written = warehouse.read(Table.CONFORMED_CONTACTS).where(periodCondition);
    Row counts =
        written
            .agg(
                count(lit(1)),
                sum(
                    org.apache
                        .spark
                        .sql
                        .functions
                        .when(col(Columns.SERVICE_LINE).isNull(), 1)
                        .otherwise(0)))
            .head();
    long total = counts.getLong(0);
    long unmappedContacts = counts.isNullAt(1) ? 0 : counts.getLong(1);
    log.record(
        "conform",
        Table.CONFORMED_CONTACTS.qualifiedName(),
        "ok",
        null,
        null,
        total,
        null,
        String.format(
            "%,d contacts (%.2f%%) have no mapped service line: see ops.unmapped_codes",
            unmappedContacts, total == 0 ? 0 : 100.0 * unmappedContacts / total),
        seconds(start));

    Dataset<Row> teams =
        teamTypes.join(mapping, new String[] {Columns.CODE_SYSTEM, Columns.TEAM_TYPE}, "left");
    Dataset<Row> unmappedCodes = unmappedContacts(written);
    Optional<Dataset<Row>> staff = silverTable("esr", "staff_in_post", period);
    Optional<Dataset<Row>> sickness = silverTable("esr", "sickness", period);
    if (staff.isPresent() && sickness.isPresent()) {
      long t = System.nanoTime();
      int workingDays = WorkingDays.england().in(period.month());
      Dataset<Row> capacity =
          new ClinicalCapacity()
              .transform(staff.get(), sickness.get(), teams, workingDays, period.toString());
      warehouse.replace(Table.CONFORMED_CAPACITY, capacity, periodCondition, Columns.PERIOD);
      long rows = warehouse.read(Table.CONFORMED_CAPACITY).where(periodCondition).count();
      log.record(
          "conform",
          Table.CONFORMED_CAPACITY.qualifiedName(),
          "ok",
          null,
          null,
          rows,
          null,
          workingDays + " working days in " + period,
          seconds(t));
      unmappedCodes =
          unmappedCodes.unionByName(
              unmappedStaff(warehouse.read(Table.CONFORMED_CAPACITY).where(periodCondition)));
    } else {
      log.record(
          "conform",
          Table.CONFORMED_CAPACITY.qualifiedName(),
          "skipped",
          null,
          null,
          null,
          null,
          "needs esr/staff_in_post and esr/sickness for " + period,
          0);
    }
    warehouse.replace(Table.UNMAPPED_CODES, unmappedCodes, periodCondition, null);
    return new long[] {total, unmappedContacts};
  }

  private static Dataset<Row> unmappedContacts(Dataset<Row> contacts) {
    return summariseUnmapped(
        contacts
            .where(col(Columns.SERVICE_LINE).isNull())
            .select(
                col(Columns.PERIOD),
                col(Columns.DATASET),
                col(Columns.CODE_SYSTEM),
                coalesce(col(Columns.TEAM_TYPE), lit("(team not in any referral)"))
                    .as(Columns.CODE),
                col(Columns.ORG_CODE)));
  }

  private static Dataset<Row> unmappedStaff(Dataset<Row> capacity) {
    return summariseUnmapped(
        capacity
            .where(col(Columns.CLINICAL).and(col(Columns.SERVICE_LINE).isNull()))
            .select(
                col(Columns.PERIOD),
                lit("esr").as(Columns.DATASET),
                lit("ESR.Team_Local_Id").as(Columns.CODE_SYSTEM),
                coalesce(col(Columns.TEAM_ID), lit("(blank)")).as(Columns.CODE),
                col(Columns.ORG_CODE)));
  }

  private static Dataset<Row> summariseUnmapped(Dataset<Row> rows) {
    return rows.groupBy(Columns.PERIOD, Columns.DATASET, Columns.CODE_SYSTEM, Columns.CODE)
        .agg(
            count(lit(1)).as(Columns.ROWS),
            countDistinct(Columns.ORG_CODE).as(Columns.N_ORGS),
            array_join(array_sort(collect_set(Columns.ORG_CODE)), ",").as(Columns.ORGANISATIONS));
  }

  private void gold(Period period, RunLog log) {
    String periodCondition = "`" + Columns.PERIOD + "` = '" + period + "'";
    if (!warehouse.exists(Table.CONFORMED_CONTACTS)
        || !warehouse.exists(Table.CONFORMED_CAPACITY)) {
      log.record(
          "metrics",
          null,
          "skipped",
          null,
          null,
          null,
          null,
          "needs conformed contacts and capacity",
          0);
      return;
    }
    long start = System.nanoTime();
    MetricCatalog catalog = MetricCatalog.from(settings);
    Dataset<Row> aggregates =
        CommunityActivity.aggregate(
            warehouse.read(Table.CONFORMED_CONTACTS).where(periodCondition),
            warehouse.read(Table.CONFORMED_CAPACITY).where(periodCondition));
    Dataset<Row> values = MetricValues.compute(catalog.family(MetricCatalog.COMMUNITY), aggregates);
    warehouse.replace(Table.METRIC_VALUE, values, periodCondition, null);
    Dataset<Row> metricValues = warehouse.read(Table.METRIC_VALUE).where(periodCondition);
    log.record(
        "metrics",
        Table.METRIC_VALUE.qualifiedName(),
        "ok",
        null,
        null,
        metricValues.count(),
        null,
        null,
        seconds(start));

    start = System.nanoTime();
    warehouse.replace(
        Table.BENCHMARK, NationalBenchmark.compute(metricValues), periodCondition, null);
    Dataset<Row> benchmark = warehouse.read(Table.BENCHMARK).where(periodCondition);
    log.record(
        "benchmark",
        Table.BENCHMARK.qualifiedName(),
        "ok",
        null,
        null,
        benchmark.count(),
        null,
        null,
        seconds(start));

    start = System.nanoTime();
    OpportunityCalculator calculator = new OpportunityCalculator(catalog, settings);
    warehouse.replace(
        Table.OPPORTUNITY,
        calculator.perOrganisation(metricValues, benchmark),
        periodCondition,
        null);
    Dataset<Row> perOrg = warehouse.read(Table.OPPORTUNITY).where(periodCondition);
    warehouse.replace(
        Table.OPPORTUNITY_NATIONAL, OpportunityCalculator.national(perOrg), periodCondition, null);
    log.record(
        "opportunities",
        Table.OPPORTUNITY.qualifiedName(),
        "ok",
        null,
        null,
        perOrg.count(),
        null,
        null,
        seconds(start));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
