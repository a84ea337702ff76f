package org.mhcs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.spark.Sessions;
import org.mhcs.warehouse.Warehouse;

/** Builds what the run-type commands share: checked configuration, session and warehouse. */
final class Pipelines {
  private Pipelines() {}

  /** Loads and checks every configuration file first, so problems show before Spark starts. */
  static MonthlyRun monthlyRun(
      Path warehouseDir, Settings settings, Pseudonymiser pseudonymiser, PrintStream progress) {
    SchemaCatalog schemas = SchemaCatalog.bundled();
    CodeLists codeLists = CodeLists.bundled();
    ServiceLines serviceLines = ServiceLines.bundled();
    Warehouse warehouse = warehouse(warehouseDir, settings);
    return new MonthlyRun(
        warehouse, schemas, codeLists, serviceLines, settings, pseudonymiser, progress::println);
  }

  static Warehouse warehouse(Path warehouseDir, Settings settings) {
    return new Warehouse(Sessions.forWarehouse(warehouseDir, settings), warehouseDir);
  }
}
