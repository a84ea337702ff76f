package org.mhcs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;

/**
 * The bad-input corpus ({@link BadInputCorpusTest}) through child JVMs ({@link BadInputChild}):
 * every file-level case through {@code ./mhcs run}, as a user meets it, and the 1 GiB case streamed
 * with a 64 MiB heap. Integration tests ({@code mvn verify}): each starts a JVM and the stream
 * reads a gibibyte.
 */
class BadInputChildJvmIT {
  @Test
  void fileLevelCasesReachTheUserAsAMessageWithoutAStackTrace() throws Exception {
    // ./mhcs run needs MHCS_HASH_KEY in its environment, so the command runs in a child JVM that
    // has it; one JVM (and one Spark session) runs every case. Case 08 declares its own schema,
    // which ./mhcs run does not take, so it is proved in this JVM only.
    Path out = SharedSpark.newFolder("bad input cli ");
    List<String> args = new ArrayList<>(List.of("cli", out.toString()));
    List<BadInputCase> cli =
        BadInputCorpusTest.cases("file-error").filter(c -> c.get("schemas") == null).toList();
    Map<String, Path> landings = new LinkedHashMap<>();
    for (BadInputCase c : cli) {
      Path l = BadInputCorpusTest.caseLanding(c);
      landings.put(c.name(), l);
      args.addAll(
          List.of(c.name(), l.toString(), SharedSpark.newFolder(c.name() + " wh ").toString()));
    }
    child("1g", Map.of(Pseudonymiser.KEY_VARIABLE, GoldenRuns.KEY), args);
    for (BadInputCase c : cli) {
      String[] result = Files.readString(out.resolve(c.name() + ".txt")).split("\n", 2);
      String err = result[1];
      assertEquals("1", result[0], c.name() + ": exit code\n" + err);
      String message =
          err.lines()
              .filter(l -> l.startsWith("mhcs run: "))
              .findFirst()
              .orElse("")
              .substring("mhcs run: ".length());
      BadInputCorpusTest.assertMessage(c, landings.get(c.name()), message);
      assertFalse(err.contains("\tat "), c.name() + ": stack frame on stderr\n" + err);
      assertFalse(err.contains("Exception"), c.name() + ": exception name on stderr\n" + err);
      BadInputCorpusTest.assertNothingQuoted(c, err);
    }
  }

  @Test
  void aGibibyteOfOneLineStreamsThroughTheReaderInASixteenthOfItsSize() throws Exception {
    BadInputCase c =
        BadInputCorpusTest.CASES.stream().filter(x -> x.kind().equals("stream")).findFirst().get();
    Path dir = SharedSpark.newFolder("one gib ");
    try {
      c.landOn(dir);
      Path file = dir.resolve(c.get("generate.file"));
      // 10 + 1 header... the head and 1,048,576 lines of exactly 1,024 bytes.
      assertEquals(1024, c.get("generate.line").getBytes(StandardCharsets.UTF_8).length);
      assertEquals(
          c.get("generate.head").length() + 1024L * 1_048_576, Files.size(file), "file size");
      long start = System.nanoTime();
      String output =
          child(
              c.get("heap"),
              Map.of(),
              List.of("stream", "csds", "CYP201CareContact", file.toString()));
      System.out.printf(
          "1 GiB case: read in %.1f s with -Xmx%s%n",
          (System.nanoTime() - start) / 1e9, c.get("heap"));
      assertEquals(
          "read="
              + c.get("read")
              + " malformed="
              + c.get("malformed")
              + " distinct_keys="
              + c.get("distinct_keys"),
          output.strip());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Runs {@link BadInputChild} in a new JVM with the heap and environment given; its stdout. */
  private static String child(String heap, Map<String, String> env, List<String> args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D"))
        .forEach(command::add);
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(BadInputChild.class.getName());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(false);
    Path stderr = Files.createTempFile(SharedSpark.newFolder("child-"), "stderr", ".txt");
    pb.redirectError(stderr.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM finished");
    assertEquals(0, p.exitValue(), "child JVM failed:\n" + out + Files.readString(stderr));
    return out;
  }
}
