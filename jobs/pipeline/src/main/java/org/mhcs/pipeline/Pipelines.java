package org.mhcs.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.mhcs.command.StartupChecks;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.spark.Sessions;
import org.mhcs.storage.HadoopStorage;
import org.mhcs.storage.Location;
import org.mhcs.warehouse.Warehouse;

/**
 * Builds what the commands that run the pipeline share: checked configuration, session and
 * warehouse.
 */
public final class Pipelines {
  private Pipelines() {}

  /** The settings and every conf/ file a run reads, each loaded and checked. */
  public record Configuration(
      Settings settings, SchemaCatalog schemas, CodeLists codeLists, ServiceLines serviceLines) {
    /**
     * Loads each part under {@code checks}, so that every problem of every part is reported at
     * once; returns null when any part has problems (then {@link StartupChecks#verdict} throws).
     */
    public static Configuration check(StartupChecks checks, Map<String, String> overrides) {
      Settings settings = checks.configuration(() -> Settings.load(overrides));
      SchemaCatalog schemas = checks.configuration(SchemaCatalog::bundled);
      CodeLists codeLists = checks.configuration(CodeLists::bundled);
      // Service lines are checked against the code lists: without them, their problems would
      // repeat the code lists' own.
      ServiceLines serviceLines =
          codeLists == null
              ? null
              : checks.configuration(() -> ServiceLines.load(ConfFiles.bundled(), codeLists));
      if (settings == null || schemas == null || codeLists == null || serviceLines == null) {
        return null;
      }
      return new Configuration(settings, schemas, codeLists, serviceLines);
    }
  }

  /** The pipeline on {@code warehouseDir}; starts Spark, so check everything first. */
  public static MonthlyRun monthlyRun(
      Path warehouseDir, Configuration conf, Pseudonymiser pseudonymiser, PrintStream progress) {
    return monthlyRun(Location.local(warehouseDir), conf, pseudonymiser, progress);
  }

  /** As {@link #monthlyRun(Path, Configuration, Pseudonymiser, PrintStream)}, local or remote. */
  public static MonthlyRun monthlyRun(
      Location warehouseDir,
      Configuration conf,
      Pseudonymiser pseudonymiser,
      PrintStream progress) {
    Warehouse warehouse = warehouse(warehouseDir, conf.settings());
    return new MonthlyRun(
        warehouse,
        conf.schemas(),
        conf.codeLists(),
        conf.serviceLines(),
        conf.settings(),
        pseudonymiser,
        progress::println);
  }

  public static Warehouse warehouse(Path warehouseDir, Settings settings) {
    return warehouse(Location.local(warehouseDir), settings);
  }

  /**
   * The warehouse at a local folder or a URI; a remote one is reached first, before Spark starts,
   * so a wrong bucket or credential fails with one clear message.
   */
  public static Warehouse warehouse(Location warehouseDir, Settings settings) {
    if (!warehouseDir.isLocal()) {
      HadoopStorage.requireReachable(
          warehouseDir,
          HadoopStorage.configuration(settings.storageOptions()),
          "--warehouse",
          false);
    }
    return new Warehouse(Sessions.forWarehouse(warehouseDir, settings), warehouseDir);
  }
}
