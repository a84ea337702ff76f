package org.mhcs.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.WorkingDays;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.Lineage;
import org.mhcs.ops.RunLog;
import org.mhcs.ops.RunLog.Entry;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.silver.DataQuality;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Table;
import org.mhcs.warehouse.Warehouse;

/**
 * Stage 3: silver facts of the period standardised to service lines. Writes {@code
 * silver.conformed_contacts} (CSDS and MHSDS in one shape), {@code silver.conformed_capacity} (ESR
 * assignments with available clinical days) and {@code ops.unmapped_codes}, one commit each. A data
 * set whose tables are not all in silver for the period is skipped and logged.
 */
public final class ConformStage {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;
  private final CodeLists codeLists;
  private final ServiceLines serviceLines;
  private final RunLog log;

  public ConformStage(
      Warehouse warehouse,
      SchemaCatalog schemas,
      CodeLists codeLists,
      ServiceLines serviceLines,
      RunLog log) {
    this.warehouse = warehouse;
    this.schemas = schemas;
    this.codeLists = codeLists;
    this.serviceLines = serviceLines;
    this.log = log;
  }

  /** Contacts conformed, and how many of them have no service line. */
  public record Result(long contacts, long unmappedContacts) {}

  public Result execute(Period period) {
    long start = System.nanoTime();
    Dataset<Row> mapping = serviceLines.mapping(warehouse.spark());
    ConformedContacts conformed = new ConformedContacts(codeLists);
    Dataset<Row> teamTypes = null;
    Dataset<Row> contacts = null;
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
      return new Result(0, 0);
    }
    String condition = period.predicate(Columns.PERIOD);
    warehouse.replace(Table.CONFORMED_CONTACTS, contacts, condition, Columns.PERIOD);
    Dataset<Row> written = warehouse.read(Table.CONFORMED_CONTACTS).where(condition);
    Row counts =
        written
            .agg(count(lit(1)), sum(when(col(Columns.SERVICE_LINE).isNull(), 1).otherwise(0)))
            .head();
    long total = counts.getLong(0);
    long unmapped = counts.isNullAt(1) ? 0 : counts.getLong(1);
    log.record(
        Entry.of("conform", Table.CONFORMED_CONTACTS, "ok")
            .written(total)
            .detail(
                String.format(
                    "%,d contacts (%.2f%%) have no mapped service line: see ops.unmapped_codes",
                    unmapped, total == 0 ? 0 : 100.0 * unmapped / total))
            .since(start));

    Dataset<Row> unmappedCodes = UnmappedCodes.ofContacts(written);
    Optional<Dataset<Row>> staff = silver("esr", "staff_in_post", period);
    Optional<Dataset<Row>> sickness = silver("esr", "sickness", period);
    if (staff.isPresent() && sickness.isPresent()) {
      long t = System.nanoTime();
      int workingDays = WorkingDays.england().in(period.month());
      Dataset<Row> teams =
          teamTypes.join(mapping, new String[] {Columns.CODE_SYSTEM, Columns.TEAM_TYPE}, "left");
      Dataset<Row> capacity =
          new ClinicalCapacity()
              .transform(staff.get(), sickness.get(), teams, workingDays, period.toString());
      warehouse.replace(Table.CONFORMED_CAPACITY, capacity, condition, Columns.PERIOD);
      log.record(
          Entry.of("conform", Table.CONFORMED_CAPACITY, "ok")
              .written(warehouse.rowsWrittenByLastCommit(Table.CONFORMED_CAPACITY))
              .detail(workingDays + " working days in " + period)
              .since(t));
      unmappedCodes =
          unmappedCodes.unionByName(
              UnmappedCodes.ofCapacity(warehouse.read(Table.CONFORMED_CAPACITY).where(condition)));
    } else {
      log.record(
          Entry.of("conform", Table.CONFORMED_CAPACITY, "skipped")
              .detail("needs esr/staff_in_post and esr/sickness for " + period));
    }
    warehouse.replace(Table.UNMAPPED_CODES, unmappedCodes, condition, null);
    warehouse.replace(
        Table.DATA_QUALITY,
        UnmappedCodes.dataQuality(written),
        condition + " AND `" + DataQuality.MEASURE + "` = '" + DataQuality.UNMAPPED + "'",
        null);
    return new Result(total, unmapped);
  }

  /** One landing table's silver rows for the period, if the table exists. */
  private Optional<Dataset<Row>> silver(String source, String table, Period period) {
    return warehouse.readWhere(
        Table.silver(schemas.table(source, table).warehouseName()),
        "`" + Lineage.PERIOD + "` = '" + period + "'");
  }
}
