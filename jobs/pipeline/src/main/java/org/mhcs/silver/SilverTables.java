package org.mhcs.silver;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.SqlText;
import org.mhcs.schema.Table;
import org.mhcs.warehouse.Warehouse;

/** The accepted rows of one landing table for one reporting period, as later stages read them. */
public final class SilverTables {
  private final Warehouse warehouse;
  private final SchemaCatalog schemas;

  public SilverTables(Warehouse warehouse, SchemaCatalog schemas) {
    this.warehouse = warehouse;
    this.schemas = schemas;
  }

  /**
   * Silver rows of {@code source/table} for the period labelled {@code period} (a month, or a
   * financial year such as {@code 2024-25}); empty when the table has never been loaded.
   */
  public Optional<Dataset<Row>> of(String source, String table, String period) {
    return of(source, table, List.of(period));
  }

  /** Silver rows of {@code source/table} for any of {@code periods}; empty when never loaded. */
  public Optional<Dataset<Row>> of(String source, String table, List<String> periods) {
    return warehouse.readWhere(
        Table.silver(schemas.table(source, table).warehouseName()),
        SqlText.in(Lineage.PERIOD, periods));
  }
}
