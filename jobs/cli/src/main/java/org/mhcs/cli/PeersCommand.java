package org.mhcs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.Period;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.dimensions.Names;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/** {@code ./mhcs peers ORG}: an organisation's nearest peers from {@code gold.peer}. */
public final class PeersCommand implements Command {
  @Override
  public String name() {
    return "peers";
  }

  @Override
  public String summary() {
    return "List an organisation's nearest peers with their distance."
        + "\nThe distance is over service-line mix, size and workforce mix, standardised"
        + "\n(docs/metrics.md states it), for the latest month or --period.";
  }

  @Override
  public String positional() {
    return "ORG";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.optional("period", "YYYY-MM", null, "month (default: the latest with peers)"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    if (args.positional().size() != 1) {
      throw new UsageException("give one organisation code, e.g. ./mhcs peers --warehouse W RX4");
    }
    String org = args.positional().get(0);
    Period given = args.get("period") == null ? null : args.period("period");
    Warehouse warehouse =
        Pipelines.warehouse(args.queryWarehouse(), Settings.load(args.settings()));
    if (!warehouse.exists(Table.PEER)) {
      throw new UsageException("the warehouse has no gold.peer yet: run ./mhcs run first");
    }
    String period =
        given != null
            ? given.toString()
            : warehouse.read(Table.PEER).agg(max(Columns.PERIOD)).first().getString(0);
    List<Row> peers =
        warehouse
            .read(Table.PEER)
            .where(col(Columns.PERIOD).equalTo(period).and(col(Columns.ORG_CODE).equalTo(org)))
            .orderBy(Columns.PEER_RANK)
            .collectAsList();
    if (peers.isEmpty()) {
      throw new UsageException(
          "no peers for "
              + org
              + " in "
              + period
              + ": is the code right? ./mhcs sql --warehouse W"
              + " \"SELECT DISTINCT org_code FROM gold.peer\" lists them");
    }
    Names names = Names.of(warehouse, Period.parseRun(period).firstDay());
    out.printf(
        Locale.ROOT,
        "Peers of %s, %s%n%4s %-8s %8s  %s%n",
        names.organisationWithCode(org),
        period,
        "rank",
        "peer",
        "distance",
        "name");
    for (Row r : peers) {
      String peer = r.getAs(Columns.PEER_ORG_CODE);
      out.printf(
          Locale.ROOT,
          "%4d %-8s %8.3f  %s%n",
          (Integer) r.getAs(Columns.PEER_RANK),
          peer,
          (Double) r.getAs(Columns.DISTANCE),
          names.organisation(peer).orElse(""));
    }
    return ExitCode.OK;
  }
}
