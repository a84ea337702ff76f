package org.mhcs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.command.ExitCode;
import org.mhcs.conf.Settings;
import org.mhcs.schema.Table;
import org.mhcs.spark.Sessions;
import org.mhcs.testing.ChildRun;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;
import org.mhcs.warehouse.WarehouseComparison;
import org.mhcs.warehouse.WarehouseComparison.TableComparison;

/**
 * Landing and warehouse in object storage, against a real S3 API server (S3Proxy on 127.0.0.1) that
 * the test starts: two runs race for one warehouse in a bucket (one is refused with exit 4, the
 * other completes, and every table it wrote matches a local-disk run of the same files row for
 * row); and wrong credentials fail with a message naming the bucket. No output, table or message
 * holds the secret key.
 */
class ObjectStorageIT {
  private static final String LANDING_BUCKET = "mhcs-landing";
  private static final String WAREHOUSE_BUCKET = "mhcs-warehouse";
  private static final String LANDING = "s3a://" + LANDING_BUCKET + "/community";

  private static S3ProxyServer s3;

  @BeforeAll
  static void startServerAndUpload() {
    s3 = S3ProxyServer.start(SharedSpark.newFolder("s3proxy-"), LANDING_BUCKET, WAREHOUSE_BUCKET);
    s3.upload(GoldenRuns.landing("community"), LANDING);
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void twoRunsRaceForOneWarehouseInABucketOneIsRefusedTheOtherMatchesALocalRun() throws Exception {
    String warehouse = "s3a://" + WAREHOUSE_BUCKET + "/race";
    List<String> args =
        new ArrayList<>(List.of("run", "--landing", LANDING, "--warehouse", warehouse));
    args.addAll(List.of("--period", "2024-06"));
    args.addAll(ChildRun.goldenSettings());
    args.addAll(s3.setArguments());
    String[] command = args.toArray(String[]::new);
    ChildRun.Finished first;
    ChildRun.Finished second;
    // Credentials from the environment: the AWS provider chain, as on a cluster.
    try (ChildRun a =
            ChildRun.start(Map.of(), s3.environment(), SharedSpark.newFolder("race-a-"), command);
        ChildRun b =
            ChildRun.start(Map.of(), s3.environment(), SharedSpark.newFolder("race-b-"), command)) {
      first = a.finish(600);
      second = b.finish(600);
    }
    for (ChildRun.Finished run : List.of(first, second)) {
      assertFalse(
          run.output().contains(s3.secretKey()), "the secret was printed:\n" + run.output());
    }
    ChildRun.Finished won = first.code() == ExitCode.OK ? first : second;
    ChildRun.Finished refused = won == first ? second : first;
    assertEquals(ExitCode.OK, won.code(), won.output());
    assertEquals(ExitCode.BUSY, refused.code(), refused.output());
    Matcher runId = Pattern.compile("run ([0-9a-f-]{36}) for 2024-06:").matcher(won.output());
    assertTrue(runId.find(), won.output());
    assertTrue(
        refused
            .output()
            .contains("is in use by another run (run " + runId.group(1) + " for 2024-06"),
        refused.output());

    // Every table the bucket's warehouse holds, row for row as a local run of the same files.
    Map<String, String> options = new LinkedHashMap<>(s3.endpointOptions());
    options.put("fs.s3a.access.key", s3.accessKey());
    options.put("fs.s3a.secret.key", s3.secretKey());
    Location location = Location.remote(warehouse);
    Warehouse local = GoldenRuns.community();
    Warehouse inBucket =
        new Warehouse(Sessions.forWarehouse(location, Settings.load(options)), location);
    List<TableComparison> tables = WarehouseComparison.compare(local, inBucket, 2);
    assertEquals(local.tables().size() - 1, tables.size(), tables.toString()); // but ops.run_log
    List<TableComparison> differing = tables.stream().filter(t -> !t.same()).toList();
    assertTrue(differing.isEmpty(), "tables that differ from the local run: " + differing);
    // The run log holds the winner's run only, and no table holds the secret.
    assertEquals(
        List.of(runId.group(1)),
        inBucket.read(Table.RUN_LOG).select("run_id").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList());
    for (Table t : inBucket.tables()) {
      long holding =
          inBucket.read(t).toJSON().filter((String row) -> row.contains(s3.secretKey())).count();
      assertEquals(0, holding, t.qualifiedName() + " holds the secret");
    }
  }

  @Test
  void wrongCredentialsFailNamingTheBucketWithoutPrintingTheSecret() throws Exception {
    String wrongSecret = "wrong-" + s3.secretKey();
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--landing",
                LANDING,
                "--warehouse",
                "s3a://" + WAREHOUSE_BUCKET + "/denied",
                "--period",
                "2024-06"));
    args.addAll(ChildRun.goldenSettings());
    args.addAll(s3.setArguments());
    // Credentials given with --set: the keys S3A reads first.
    args.addAll(
        List.of(
            "--set",
            "fs.s3a.access.key=" + s3.accessKey(),
            "--set",
            "fs.s3a.secret.key=" + wrongSecret));
    ChildRun.Finished run;
    try (ChildRun child =
        ChildRun.start(
            Map.of(), Map.of(), SharedSpark.newFolder("denied-"), args.toArray(String[]::new))) {
      run = child.finish(300);
    }
    String output = run.output();
    assertNotEquals(ExitCode.OK, run.code(), output);
    assertTrue(
        output.contains(
            "--landing "
                + LANDING
                + ": cannot reach the bucket '"
                + LANDING_BUCKET
                + "' (s3a):"
                + " access denied"),
        output);
    assertFalse(output.contains(wrongSecret), "the secret was printed:\n" + output);
    assertFalse(output.contains(s3.secretKey()), output);
    assertFalse(output.contains("\tat "), "no stack trace for the user: " + output);
  }
}
