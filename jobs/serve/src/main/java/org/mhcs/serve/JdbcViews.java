package org.mhcs.serve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.mhcs.schema.Layer;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.schema.TableCatalog;
import org.mhcs.schema.TableCatalog.ColumnDoc;
import org.mhcs.schema.TableCatalog.TableDoc;
import org.mhcs.warehouse.Warehouse;

/**
 * Names each warehouse table {@code <layer>.<table>} for JDBC clients, as a view over its Delta
 * path that carries the table and column descriptions of {@code schemas/} as comments. BI tools
 * build their field lists from {@code getTables}/{@code getColumns}; for a Delta table registered
 * as such Spark's server returns no columns at all, for a view it returns each column with its
 * comment as REMARKS. A view over {@code delta.`path`} reads the latest snapshot on every query.
 */
final class JdbcViews {
  private JdbcViews() {}

  /**
   * Registers the tables of {@code layers} that exist now, and frees the names of the other layers'
   * tables so a client cannot see them; returns the registered tables.
   */
  static List<Table> register(Warehouse warehouse, TableCatalog catalog, Collection<Layer> layers) {
    SparkSession spark = warehouse.spark();
    for (Layer layer : layers) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.database());
    }
    List<Table> registered = new ArrayList<>();
    for (Table t : warehouse.tables()) {
      if (layers.contains(t.layer())) {
        view(warehouse, catalog, t);
        registered.add(t);
      } else {
        warehouse.dropName(t);
      }
    }
    for (Layer layer : Layer.values()) {
      if (!layers.contains(layer)) {
        // Empty now; RESTRICT (the default) would refuse to drop anything else a user put there.
        spark.sql("DROP DATABASE IF EXISTS " + layer.database());
      }
    }
    return registered;
  }

  private static void view(Warehouse warehouse, TableCatalog catalog, Table t) {
    Map<String, String> described =
        catalog.table(t.qualifiedName()).map(TableDoc::columns).orElse(List.of()).stream()
            .collect(Collectors.toMap(ColumnDoc::name, ColumnDoc::description, (a, b) -> a));
    // The columns as the data holds them (order and all), described where schemas/ says how.
    StructField[] fields = warehouse.read(t).schema().fields();
    StringBuilder columns = new StringBuilder();
    StringBuilder select = new StringBuilder();
    for (StructField f : fields) {
      String name = "`" + f.name().replace("`", "``") + "`";
      String description = described.getOrDefault(f.name(), "");
      columns.append(columns.length() == 0 ? "" : ", ").append(name);
      if (!description.isBlank()) {
        columns.append(" COMMENT ").append(SqlText.literal(description));
      }
      select.append(select.length() == 0 ? "" : ", ").append(name);
    }
    String comment = catalog.table(t.qualifiedName()).map(TableDoc::description).orElse("");
    if (!isView(warehouse.spark(), t.qualifiedName())) {
      // A name registered as a Delta table (./mhcs sql does) cannot be replaced by a view.
      warehouse.dropName(t);
    }
    // Replaced in place, so a refresh never leaves a moment when a BI query finds no table.
    warehouse
        .spark()
        .sql(
            "CREATE OR REPLACE VIEW "
                + t.qualifiedName()
                + " ("
                + columns
                + ")"
                + (comment.isBlank() ? "" : " COMMENT " + SqlText.literal(comment))
                + " AS SELECT "
                + select
                + " FROM "
                + warehouse.deltaSource(t));
  }

  private static boolean isView(SparkSession spark, String name) {
    try {
      return spark.catalog().tableExists(name)
          && "VIEW".equals(spark.catalog().getTable(name).tableType());
    } catch (org.apache.spark.sql.AnalysisException e) {
      return false;
    }
  }
}
