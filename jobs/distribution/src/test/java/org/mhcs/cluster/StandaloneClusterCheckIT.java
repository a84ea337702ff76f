package org.mhcs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.Repository;

/**
 * {@code scripts/standalone-cluster-check} as an integration test ({@code mvn verify} runs it after
 * the jar is packaged): a Spark standalone master and two workers on 127.0.0.1, a generated month
 * run locally and through spark-submit on the cluster, every table compared row by row. The
 * cluster's warehouse is in object storage (CLUSTER_CHECK_STORAGE=s3: an S3 API server on
 * 127.0.0.1), so the executors on both workers write through s3a:// in the same run rather than in
 * a second one. The script does the checking and says why it fails; this test runs it, keeps its
 * output under {@code target/standalone-cluster-check/} and fails with the output's tail when it
 * does.
 */
class StandaloneClusterCheckIT {
  /** The tests run in {@code jobs/}; the script is at the repository root. */
  private static final Path ROOT = Repository.ROOT;

  @Test
  void theClusterWritesTheSameRowsAsLocalMode() throws Exception {
    Path output = ROOT.resolve("target/standalone-cluster-check.out");
    Files.createDirectories(output.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(ROOT.resolve("scripts/standalone-cluster-check").toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // The jar Maven has just packaged is the one under test: the launcher must not rebuild it.
    builder.environment().put("MHCS_NO_BUILD", "1");
    builder.environment().put("CLUSTER_CHECK_STORAGE", "s3");
    Process check = builder.start();
    boolean ended = check.waitFor(20, TimeUnit.MINUTES);
    if (!ended) {
      // The script's EXIT trap stops the master and workers.
      check.destroy();
      check.waitFor(1, TimeUnit.MINUTES);
    }
    String printed = Files.readString(output);
    String tail = printed.substring(Math.max(0, printed.length() - 6000));
    assertTrue(ended, "the cluster check did not finish in 20 minutes:\n" + tail);
    assertEquals(0, check.exitValue(), "the cluster check failed:\n" + tail);
    assertTrue(printed.contains("cluster-check: OK"), tail);
    assertTrue(printed.contains("the cluster's warehouse is s3a://mhcs-cluster/warehouse"), tail);
    System.out.println(tail);
  }
}
