package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar ({@code target/mhcs-cluster.jar} with its {@code target/lib}) as packaged: the
 * commands of its modules (core, pipeline, serve, cli) and no others. An integration test because
 * it needs the packaged jar, and because {@code mvn test} runs every module's unit tests on one
 * class path that holds the generator's and the benchmark's commands too.
 */
class ClusterJarCommandsIT {
  /**
   * The thirteen commands of core, pipeline, serve and cli, listed here by hand; generate, demo and
   * bench live in the synthetic and performance modules, absent here as on a cluster.
   */
  static final List<String> CLUSTER_JAR_COMMANDS =
      List.of(
          "completion",
          "export",
          "metrics",
          "notebook",
          "opportunities",
          "peers",
          "public-benchmarks",
          "report",
          "run",
          "serve",
          "service-lines",
          "sql",
          "tables");

  @Test
  void theClusterJarsModulesBringTheirCommandsAndNoOthers() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                target.resolve("mhcs-cluster.jar") + File.pathSeparator + target + "/lib/*",
                "org.mhcs.cli.Main",
                "--help")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // Its output has ended, so the process has too, or is about to.
    assertEquals(0, p.waitFor(), out);
    // The overview lists each command indented under "commands:", up to a blank line.
    List<String> listed =
        out.lines()
            .dropWhile(l -> !l.equals("commands:"))
            .skip(1)
            .takeWhile(l -> !l.isBlank())
            .map(l -> l.strip().split("\\s+")[0])
            .toList();
    assertEquals(CLUSTER_JAR_COMMANDS, listed, out);
  }
}
