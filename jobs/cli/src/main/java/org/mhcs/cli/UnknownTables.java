package org.mhcs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;
import org.mhcs.command.Suggestions;
import org.mhcs.command.UsageException;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.TableCatalog;
import org.mhcs.schema.TableCatalog.TableDoc;

/**
 * A query's reference to a table the warehouse does not have, said as one line: the table's name,
 * whether the catalogue declares it (then a run has not written it yet) or which declared name is
 * closest, and {@code ./mhcs tables}, which lists them. Spark's own message adds the analysed plan
 * and advice about {@code DROP VIEW IF EXISTS} that does not apply to a query.
 */
final class UnknownTables {
  /** Spark's error class for a name that is neither a table nor a view. */
  static final String ERROR_CLASS = "TABLE_OR_VIEW_NOT_FOUND";

  private UnknownTables() {}

  /**
   * The project's message for {@code e} when it is about an unknown table; otherwise Spark's
   * message without the plan it appends.
   */
  static UsageException usage(AnalysisException e) {
    return unknownTable(e).orElseGet(() -> new UsageException(e.getSimpleMessage()));
  }

  private static Optional<UsageException> unknownTable(AnalysisException e) {
    if (!ERROR_CLASS.equals(e.getErrorClass())) {
      return Optional.empty();
    }
    String relation = e.getMessageParameters().get("relationName");
    if (relation == null) {
      return Optional.empty();
    }
    return Optional.of(new UsageException(message(relation.replace("`", ""))));
  }

  /** The one line for a query naming {@code name} (as written, e.g. {@code gold.benchmrk}). */
  static String message(String name) {
    TableCatalog catalog = TableCatalog.bundled(SchemaCatalog.bundled());
    if (catalog.table(name).isPresent()) {
      return "table "
          + name
          + " is not in this warehouse yet: a run writes it (./mhcs run, or ./mhcs demo);"
          + " ./mhcs tables lists every table";
    }
    // Names are compared whole (gold.benchmrk) and, for a name without its layer, by table alone.
    Map<String, String> known = new LinkedHashMap<>();
    for (TableDoc doc : catalog.tables()) {
      String qualified = doc.table().qualifiedName();
      known.put(name.contains(".") ? qualified : doc.table().name(), qualified);
    }
    List<String> close =
        known.entrySet().stream()
            .filter(k -> k.getKey().equalsIgnoreCase(name)) // gold.benchmark for benchmark
            .map(Map.Entry::getValue)
            .toList();
    if (close.isEmpty()) {
      close = Suggestions.closest(name, known.keySet()).stream().map(known::get).toList();
    }
    return "no table "
        + name
        + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?")
        + " (./mhcs tables lists every table; names are layer.table, e.g. gold.benchmark)";
  }
}
