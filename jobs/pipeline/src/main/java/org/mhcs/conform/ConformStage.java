package org.mhcs.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.calendar.Period;
import org.mhcs.calendar.WorkingDays;
import org.mhcs.conf.CodeLists;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.silver.DataQuality;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.silver.SilverTables;
import org.mhcs.spark.SideBySide;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 3: silver facts of the period standardised to service lines (and purchases to procurement
 * categories) with the mappings in effect in the period. Writes {@code silver.conformed_contacts}
 * (CSDS and MHSDS in one shape), {@code conformed_wards}, {@code conformed_capacity} (ESR
 * assignments with available clinical days), {@code conformed_sites} (ERIC, per financial year),
 * {@code conformed_purchases}, {@code ops.unmapped_codes} and {@code org_hierarchy} (every landed
 * organisation snapshot as validity periods, rewritten whole), one commit each; every conformed row
 * carries the mapping version. A table whose inputs are not in silver for the period is skipped and
 * logged. Then, when more of the period's contacts are unmapped than {@code
 * conform.max_unmapped_pct} allows, the run stops (everything above is written, so the codes can be
 * inspected and mapped).
 */
public final class ConformStage {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final CodeLists codeLists;
  private final ServiceLines serviceLines;
  private final double maxUnmappedPct;
  private final RunLog log;
  private final SilverTables silver;
  private final int sideBySide;

  public ConformStage(
      Warehouse warehouse,
      SchemaCatalog schemas,
      CodeLists codeLists,
      ServiceLines serviceLines,
      double maxUnmappedPct,
      RunLog log,
      int sideBySide) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.codeLists = codeLists;
    this.serviceLines = serviceLines;
    this.maxUnmappedPct = maxUnmappedPct;
    this.log = log;
    this.sideBySide = sideBySide;
    this.silver = new SilverTables(warehouse, schemas);
  }

  /** Contacts conformed, how many of them no mapping covers and how many are excluded. */
  public record Result(
      String mappingVersion, long contacts, long unmappedContacts, long excludedContacts) {
    public double unmappedPct() {
      return contacts == 0 ? 0 : 100.0 * unmappedContacts / contacts;
    }

    public double excludedPct() {
      return contacts == 0 ? 0 : 100.0 * excludedContacts / contacts;
    }
  }

  public Result execute(Period period) {
    YearMonth month = period.month();
    String condition = period.predicate(Columns.PERIOD);
    log.record(
        Entry.of("conform", null, "ok")
            .detail("service-line mapping version " + serviceLines.version()));
    List<Dataset<Row>> unmapped = new ArrayList<>();
    organisationHierarchy();
    if (period.isFinancialYear()) {
      // The annual returns alone: their sites are the only conformed table of a year.
      sites(period).ifPresent(unmapped::add);
      replaceUnmapped(unmapped, period.predicate(Columns.PERIOD));
      return new Result(serviceLines.version(), 0, 0, 0);
    }

    // Each team's type, once per data set: contacts take their service line from it, and so do
    // the clinicians who work in the team.
    Map<ContactSource, Dataset<Row>> teamTypes = new LinkedHashMap<>();
    for (ContactSource s : List.of(ContactSource.CSDS, ContactSource.MHSDS)) {
      silver(s.dataset(), s.referralTeamTable(), period)
          .ifPresent(rt -> teamTypes.put(s, ConformedContacts.teamTypes(s, rt)));
    }
    Activity activity = activity(period, month, teamTypes);
    Dataset<Row> teamTargets = teamTargets(teamTypes, month);
    // The conformed tables are independent of each other (but for capacity, which reads the
    // wards), so they are written side by side.
    List<CompletableFuture<Optional<Dataset<Row>>>> writing = new ArrayList<>();
    CompletableFuture<Result> contactsResult;
    try (SideBySide tables = new SideBySide(warehouse.spark().sparkContext(), sideBySide)) {
      writing.add(
          tables.submit(
              "referrals",
              () -> {
                activity
                    .referrals()
                    .ifPresent(r -> write(Table.CONFORMED_REFERRALS, r, condition, "referrals"));
                return Optional.empty();
              }));
      CompletableFuture<Optional<ContactsWritten>> contacts =
          tables.submit(
              "contacts", () -> activity.contacts().map(c -> writeContacts(c, condition)));
      writing.add(contacts.thenApply(c -> c.map(ContactsWritten::unmapped)));
      contactsResult =
          contacts.thenApply(
              c ->
                  c.map(ContactsWritten::result)
                      .orElse(new Result(serviceLines.version(), 0, 0, 0)));
      writing.add(
          tables.submit("wards and capacity", () -> wardsAndCapacity(period, month, teamTargets)));
      writing.add(tables.submit("sites", () -> sites(period)));
      writing.add(tables.submit("purchases", () -> purchases(period, month)));
      SideBySide.join(writing).forEach(u -> u.ifPresent(unmapped::add));
    }
    Result result = SideBySide.result(contactsResult);
    String year = schemas.table("eric", "site").window(period).label();
    replaceUnmapped(unmapped, SqlText.in(Columns.PERIOD, List.of(period.toString(), year)));
    if (result.unmappedPct() > maxUnmappedPct) {
      throw new DataRejectedException(
          String.format(
              "%.2f%% of %s's contacts (%,d of %,d) have a team type no service line maps,"
                  + " above conform.max_unmapped_pct=%s: see ops.unmapped_codes, then map the"
                  + " codes in conf/service_line_maps/ or raise the threshold",
              result.unmappedPct(),
              period,
              result.unmappedContacts(),
              result.contacts(),
              maxUnmappedPct));
    }
    return result;
  }

  /** Replaces the unmapped codes of {@code periods} with {@code unmapped}, when there are any. */
  private void replaceUnmapped(List<Dataset<Row>> unmapped, String periods) {
    if (!unmapped.isEmpty()) {
      Dataset<Row> all = unmapped.get(0);
      for (Dataset<Row> u : unmapped.subList(1, unmapped.size())) {
        all = all.unionByName(u);
      }
      warehouse.replace(Table.UNMAPPED_CODES, all, periods, null);
    }
  }

  /** Every team of both data sets with its service line's target, or null when there are none. */
  private Dataset<Row> teamTargets(Map<ContactSource, Dataset<Row>> teamTypes, YearMonth month) {
    Dataset<Row> teams = null;
    for (Map.Entry<ContactSource, Dataset<Row>> t : teamTypes.entrySet()) {
      Dataset<Row> targets =
          ServiceLineLookup.lookUp(
              serviceLines,
              t.getValue(),
              t.getKey().teamCodeSystem(),
              col(Columns.ORG_CODE),
              col(Columns.TEAM_TYPE),
              month,
              ClinicalCapacity.TARGET);
      teams = teams == null ? targets : teams.unionByName(targets);
    }
    return teams;
  }

  /** Conformed contacts as written, their counts and their unmapped codes. */
  private record ContactsWritten(Result result, Dataset<Row> unmapped) {}

  private ContactsWritten writeContacts(Dataset<Row> contacts, String condition) {
    long start = System.nanoTime();
    warehouse.replace(Table.CONFORMED_CONTACTS, contacts, condition, Columns.PERIOD);
    Dataset<Row> written = warehouse.read(Table.CONFORMED_CONTACTS).where(condition);
    Row counts =
        written
            .agg(
                count(lit(1)),
                sum(statusIs(ServiceLines.UNMAPPED)),
                sum(statusIs(ServiceLines.EXCLUDED)))
            .head();
    Result result =
        new Result(
            serviceLines.version(),
            counts.getLong(0),
            counts.isNullAt(1) ? 0 : counts.getLong(1),
            counts.isNullAt(2) ? 0 : counts.getLong(2));
    log.record(
        Entry.of("conform", Table.CONFORMED_CONTACTS, "ok")
            .written(result.contacts())
            .detail(
                String.format(
                    "%,d contacts (%.2f%%) unmapped, see ops.unmapped_codes; %,d (%.2f%%)"
                        + " deliberately excluded",
                    result.unmappedContacts(),
                    result.unmappedPct(),
                    result.excludedContacts(),
                    result.excludedPct()))
            .since(start));
    warehouse.replace(
        Table.DATA_QUALITY,
        UnmappedCodes.dataQuality(written),
        condition + " AND `" + DataQuality.MEASURE + "` = '" + DataQuality.UNMAPPED + "'",
        null);
    return new ContactsWritten(result, UnmappedCodes.ofContacts(written));
  }

  /** Wards, then the clinicians' capacity, which takes some service lines from the wards. */
  private Optional<Dataset<Row>> wardsAndCapacity(
      Period period, YearMonth month, Dataset<Row> teams) {
    String condition = period.predicate(Columns.PERIOD);
    Optional<Dataset<Row>> wardDays = silver("staffing", "ward_day", period);
    Optional<Dataset<Row>> stays = silver("mhsds", "MHS502WardStay", period);
    Dataset<Row> wards = null;
    Dataset<Row> unmapped = null;
    if (wardDays.isPresent() || stays.isPresent()) {
      wards =
          write(
              Table.CONFORMED_WARDS,
              ConformedWards.transform(wardDays, stays, serviceLines, month),
              condition,
              "wards");
      unmapped = UnmappedCodes.ofWards(wards);
    } else {
      skipped(Table.CONFORMED_WARDS, "needs staffing/ward_day or mhsds/MHS502WardStay");
    }
    Optional<Dataset<Row>> staff = silver("esr", "staff_in_post", period);
    Optional<Dataset<Row>> sickness = silver("esr", "sickness", period);
    if (staff.isPresent() && sickness.isPresent()) {
      int workingDays = WorkingDays.england().in(month);
      Dataset<Row> capacity =
          new ClinicalCapacity()
              .transform(
                  staff.get(),
                  sickness.get(),
                  teams != null ? teams : empty(TEAM_TARGETS),
                  wards != null ? wards : empty(NO_WARDS),
                  serviceLines,
                  workingDays,
                  month);
      Dataset<Row> capacityUnmapped =
          UnmappedCodes.ofCapacity(
              write(
                  Table.CONFORMED_CAPACITY,
                  capacity,
                  condition,
                  "assignments; " + workingDays + " working days in " + period));
      unmapped = unmapped == null ? capacityUnmapped : unmapped.unionByName(capacityUnmapped);
    } else {
      skipped(Table.CONFORMED_CAPACITY, "needs esr/staff_in_post and esr/sickness");
    }
    return Optional.ofNullable(unmapped);
  }

  /**
   * Rewrites {@code silver.org_hierarchy} whole from every landed organisation snapshot (a few
   * hundred rows each), so it always matches silver's reference rows; skipped when none is landed.
   */
  private void organisationHierarchy() {
    List<Dataset<Row>> snapshots = new ArrayList<>();
    for (String layout : List.of("organisations", "organisations_reshaped")) {
      silver.of("ref", layout, PeriodType.NO_PERIOD).ifPresent(snapshots::add);
    }
    if (snapshots.isEmpty()) {
      skipped(Table.ORG_HIERARCHY, "needs ref/organisations or ref/organisations_reshaped");
      return;
    }
    long start = System.nanoTime();
    // Not partitioned: one small table, rewritten whole.
    warehouse.replace(
        Table.ORG_HIERARCHY,
        OrganisationHierarchy.transform(
            snapshots, silver.of("ref", "organisation_types", PeriodType.NO_PERIOD)),
        "true",
        null);
    log.record(
        Entry.of("conform", Table.ORG_HIERARCHY, "ok")
            .written(warehouse.rowsWrittenByLastCommit(Table.ORG_HIERARCHY))
            .detail("validity periods of every landed organisation snapshot")
            .since(start));
  }

  private Optional<Dataset<Row>> sites(Period period) {
    String year = schemas.table("eric", "site").window(period).label();
    Optional<Dataset<Row>> sites = silver.of("eric", "site", year);
    if (sites.isEmpty()) {
      skipped(Table.CONFORMED_SITES, "needs eric/site for " + year);
      return Optional.empty();
    }
    YearMonth yearStart = YearMonth.from(period.financialYearStart());
    return Optional.of(
        UnmappedCodes.ofSites(
            write(
                Table.CONFORMED_SITES,
                ConformedSites.transform(sites.get(), serviceLines, year, yearStart),
                SqlText.in(Columns.PERIOD, List.of(year)),
                "sites of " + year)));
  }

  private Optional<Dataset<Row>> purchases(Period period, YearMonth month) {
    Optional<Dataset<Row>> purchases = silver("ppib", "purchase_line", period);
    if (purchases.isEmpty()) {
      skipped(Table.CONFORMED_PURCHASES, "needs ppib/purchase_line");
      return Optional.empty();
    }
    return Optional.of(
        UnmappedCodes.ofPurchases(
            write(
                Table.CONFORMED_PURCHASES,
                ConformedPurchases.transform(purchases.get(), serviceLines, month),
                period.predicate(Columns.PERIOD),
                "order lines")));
  }

  /** Conformed contacts and referrals, from the same silver tables and team types. */
  private record Activity(Optional<Dataset<Row>> contacts, Optional<Dataset<Row>> referrals) {}

  /** The period's conformed contacts and referrals of every data set whose tables are in silver. */
  private Activity activity(
      Period period, YearMonth month, Map<ContactSource, Dataset<Row>> teamTypes) {
    ConformedContacts conformed = new ConformedContacts(codeLists);
    Dataset<Row> contacts = null;
    Dataset<Row> conformedReferrals = null;
    for (ContactSource s : List.of(ContactSource.CSDS, ContactSource.MHSDS)) {
      Optional<Dataset<Row>> contactRows = silver(s.dataset(), s.contactTable(), period);
      Optional<Dataset<Row>> referralTeams = silver(s.dataset(), s.referralTeamTable(), period);
      Optional<Dataset<Row>> referrals = silver(s.dataset(), s.referralTable(), period);
      Optional<Dataset<Row>> activities = silver(s.dataset(), s.activityTable(), period);
      if (contactRows.isEmpty()
          || referralTeams.isEmpty()
          || referrals.isEmpty()
          || activities.isEmpty()) {
        log.record(
            Entry.of("conform", s.dataset(), "skipped")
                .detail(
                    String.format(
                        "needs %s, %s, %s and %s for %s",
                        s.referralTable(),
                        s.referralTeamTable(),
                        s.contactTable(),
                        s.activityTable(),
                        period)));
        continue;
      }
      Dataset<Row> rows =
          conformed.transform(
              s,
              new ConformedContacts.Inputs(
                  referrals.get(), referralTeams.get(), contactRows.get(), activities.get()),
              teamTypes.get(s),
              serviceLines,
              month);
      contacts = contacts == null ? rows : contacts.unionByName(rows);
      Dataset<Row> referred =
          ConformedReferrals.transform(
              s, referrals.get(), referralTeams.get(), teamTypes.get(s), serviceLines, month);
      conformedReferrals =
          conformedReferrals == null ? referred : conformedReferrals.unionByName(referred);
    }
    return new Activity(Optional.ofNullable(contacts), Optional.ofNullable(conformedReferrals));
  }

  /** Replaces the period's rows of {@code table}, logs the count and returns what was written. */
  private Dataset<Row> write(Table table, Dataset<Row> rows, String condition, String what) {
    long start = System.nanoTime();
    warehouse.replace(table, rows, condition, Columns.PERIOD);
    log.record(
        Entry.of("conform", table, "ok")
            .written(warehouse.rowsWrittenByLastCommit(table))
            .detail(what)
            .since(start));
    return warehouse.read(table).where(condition);
  }

  private void skipped(Table table, String why) {
    log.record(Entry.of("conform", table, "skipped").detail(why));
  }

  private static org.apache.spark.sql.Column statusIs(String status) {
    return when(col(Columns.MAPPING_STATUS).equalTo(status), 1L).otherwise(0L);
  }

  private static final StructType TEAM_TARGETS =
      new StructType()
          .add(Columns.ORG_CODE, DataTypes.StringType)
          .add(Columns.TEAM_ID, DataTypes.StringType)
          .add(Columns.CODE_SYSTEM, DataTypes.StringType)
          .add(ClinicalCapacity.TARGET, DataTypes.StringType);

  /** The columns of conformed wards that clinicians' service lines read. */
  private static final StructType NO_WARDS =
      new StructType()
          .add(Columns.ORG_CODE, DataTypes.StringType)
          .add(Columns.WARD_CODE, DataTypes.StringType)
          .add(Columns.SERVICE_LINE, DataTypes.StringType)
          .add(Columns.MAPPING_STATUS, DataTypes.StringType)
          .add(Columns.MAPPED_BY, DataTypes.StringType);

  private Dataset<Row> empty(StructType schema) {
    return warehouse.spark().createDataFrame(List.<Row>of(), schema);
  }

  /** One landing table's silver rows for the period, if the table exists. */
  private Optional<Dataset<Row>> silver(String source, String table, Period period) {
    return silver.of(source, table, period.toString());
  }
}
