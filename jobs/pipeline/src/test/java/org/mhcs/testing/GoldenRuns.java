package org.mhcs.testing;

import java.nio.file.Path;
import java.util.Map;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.Settings;
import org.mhcs.conform.ServiceLines;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.ingest.Pseudonymiser;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.spark.Sessions;
import org.mhcs.warehouse.Warehouse;

/** Runs the pipeline over a golden landing folder from {@code src/test/resources/golden/}. */
public final class GoldenRuns {
  /** The key golden runs pseudonymise with; tests recompute hashes with it independently. */
  public static final String KEY = "golden-test-key-0123456789";

  /**
   * The thresholds golden runs need: lowered minimums (1 day, 1 contact, no minimum staff) so three
   * tiny organisations count, and a 50% reject tolerance because golden/community holds four bad
   * contact rows of 19 on purpose.
   */
  public static final Map<String, String> SETTINGS =
      Map.of(
          "benchmark.min_available_days", "1",
          "benchmark.min_contacts", "1",
          "benchmark.min_fte_days_available", "0",
          "benchmark.min_wte", "0",
          "benchmark.min_referrals", "1",
          "benchmark.min_service_wte", "0",
          "ingest.max_reject_pct", "50");

  private static Warehouse community;
  private static MonthlyRun.Result communityResult;
  private static Warehouse systems;

  /** The months of golden/systems, run in this order. */
  public static final java.util.List<String> SYSTEMS_MONTHS =
      java.util.List.of("2024-06", "2024-07", "2024-08");

  private GoldenRuns() {}

  /** One run over golden/community shared by the classes that only read its tables. */
  public static synchronized Warehouse community() {
    if (community == null) {
      community = newWarehouse();
      communityResult = run(community, "community", SETTINGS);
    }
    return community;
  }

  /**
   * Three monthly runs over golden/systems (ESR sickness of three trusts in two ICBs, one moving
   * between them in August), shared by the classes that only read its tables.
   */
  public static synchronized Warehouse systems() {
    if (systems == null) {
      Warehouse w = newWarehouse();
      MonthlyRun pipeline = pipeline(w, SETTINGS);
      for (String month : SYSTEMS_MONTHS) {
        pipeline.execute(new LandingFolder(landing("systems")), Period.parse(month));
      }
      systems = w;
    }
    return systems;
  }

  public static synchronized MonthlyRun.Result communityResult() {
    community();
    return communityResult;
  }

  public static Path landing(String goldenCase) {
    return resource("/golden/" + goldenCase);
  }

  /**
   * A file or folder under the pipeline module's {@code src/test/resources}, e.g. {@code
   * /golden/community}. Another module's tests read it from this module's test jar once Maven has
   * packaged it; there it is copied out, once, to {@code target/test-resources/} of the module
   * running, since the pipeline reads landing folders as files.
   */
  public static synchronized Path resource(String path) {
    java.net.URL url = GoldenRuns.class.getResource(path);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + path);
    }
    try {
      java.net.URI uri = url.toURI();
      if (!uri.getScheme().equals("jar")) {
        return Path.of(uri);
      }
      Path copy = Path.of("target", "test-resources").toAbsolutePath().resolve(path.substring(1));
      if (!java.nio.file.Files.exists(copy)) {
        try (java.nio.file.FileSystem jar =
            java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
          Path source = jar.provider().getPath(uri);
          try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(source)) {
            for (Path from : all.toList()) {
              Path to = copy.resolve(source.relativize(from).toString());
              if (java.nio.file.Files.isDirectory(from)) {
                java.nio.file.Files.createDirectories(to);
              } else {
                java.nio.file.Files.createDirectories(to.getParent());
                java.nio.file.Files.copy(from, to);
              }
            }
          }
        }
      }
      return copy;
    } catch (java.net.URISyntaxException | java.io.IOException e) {
      throw new IllegalStateException("cannot read test resource " + path + ": " + e, e);
    }
  }

  public static Warehouse newWarehouse() {
    SharedSpark.session();
    return at(SharedSpark.newFolder("warehouse-"));
  }

  /**
   * A copy of a shared warehouse (the golden or the demo run) for a test that changes it: classes
   * run side by side, and the others read the original meanwhile.
   */
  public static Warehouse copyOf(Warehouse shared, String prefix) {
    return at(WarehouseCopies.copy(shared.root(), prefix));
  }

  private static Warehouse at(Path dir) {
    return new Warehouse(
        Sessions.forWarehouse(dir, Settings.load(Map.of("spark.shuffle_partitions", "2"))), dir);
  }

  public static MonthlyRun pipeline(Warehouse warehouse, Map<String, String> settings) {
    return new MonthlyRun(
        warehouse,
        SchemaCatalog.bundled(),
        CodeLists.bundled(),
        ServiceLines.bundled(),
        Settings.load(settings),
        Pseudonymiser.withKey(KEY),
        line -> {});
  }

  public static MonthlyRun.Result run(
      Warehouse warehouse, String goldenCase, Map<String, String> settings) {
    return pipeline(warehouse, settings)
        .execute(new LandingFolder(landing(goldenCase)), Period.parse("2024-06"));
  }
}
