package org.mhcs.cli;

import java.io.PrintStream;
import java.util.List;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.TableCatalog;
import org.mhcs.schema.TableCatalog.TableDoc;

/** {@code ./mhcs tables}: the catalogue of warehouse tables and their columns. */
public final class TablesCommand implements Command {
  @Override
  public String name() {
    return "tables";
  }

  @Override
  public String summary() {
    return "Print the warehouse catalogue: every table, its description and its columns."
        + "\nIt covers bronze, silver, gold and ops, with the columns' types and meanings, from"
        + "\nthe declarations in schemas/.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.optional(
            "layer", "NAME", null, "only tables of one layer: bronze, silver, gold or ops"),
        Option.optional("table", "LAYER.NAME", null, "only this table, e.g. gold.benchmark"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    TableCatalog catalog = TableCatalog.bundled(SchemaCatalog.bundled());
    List<TableDoc> selected = catalog.tables();
    String table = args.get("table");
    String layer = args.get("layer");
    if (table != null) {
      selected =
          List.of(
              catalog
                  .table(table)
                  .orElseThrow(
                      () ->
                          new UsageException(
                              "no table "
                                  + table
                                  + "; ./mhcs tables lists them all (names are layer.table)")));
    } else if (layer != null) {
      selected =
          selected.stream()
              .filter(t -> t.table().layer().database().equalsIgnoreCase(layer))
              .toList();
      if (selected.isEmpty()) {
        throw new UsageException("no layer " + layer + "; use bronze, silver, gold or ops");
      }
    }
    out.print(catalog.render(selected));
    return ExitCode.OK;
  }
}
