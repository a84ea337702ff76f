package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.command.Command;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.CommandLine.Outcome;

/** ./mhcs's class path: every module, so every command, found through the modules' services. */
class EveryModuleCommandTest {
  @Test
  void allSixteenCommandsAreFoundAndEachHasHelp() {
    // The README's command list: the cluster jar's thirteen (completion among them), plus generate
    // and demo (synthetic) and bench (performance), in name order.
    List<String> expected = new ArrayList<>(ClusterJarCommandsIT.CLUSTER_JAR_COMMANDS);
    expected.addAll(List.of("bench", "demo", "generate"));
    Collections.sort(expected);
    assertEquals(16, expected.size());
    assertEquals(expected, Main.COMMANDS.stream().map(Command::name).toList());
    for (String name : List.of("bench", "demo", "generate")) {
      Outcome o = CommandLine.run(name, "--help");
      assertEquals(0, o.code(), name);
      assertTrue(o.out().startsWith("usage: ./mhcs " + name), o.out());
    }
    Outcome overview = CommandLine.run("--help");
    assertTrue(overview.out().contains("  bench "), overview.out());
    // Did you mean: the benchmark harness is bench.
    Outcome mistyped = CommandLine.run("benchmark");
    assertEquals(2, mistyped.code());
    assertEquals(
        "mhcs: unknown command 'benchmark'; did you mean bench? (./mhcs --help lists the"
            + " commands)\n",
        mistyped.err());
  }
}
