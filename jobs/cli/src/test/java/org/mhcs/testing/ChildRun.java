package org.mhcs.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mhcs.ingest.Pseudonymiser;

/**
 * {@code ./mhcs ARGS} in a child JVM started from this test JVM's own command, flags and class path
 * (so it runs the compiled classes under test), with the golden key in its environment; its stdout
 * and stderr are collected line by line so a test can wait for a line, kill the child (SIGKILL) and
 * read what it printed.
 */
public final class ChildRun implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private ChildRun(Process process) {
    this.process = process;
    this.reader = new Thread(this::collect, "child-run-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code org.mhcs.cli.Main ARGS} with extra JVM system properties and environment
   * variables. Spark's scratch files go under {@code tmp}, since a killed child cannot delete them.
   */
  public static ChildRun start(
      Map<String, String> properties, Map<String, String> environment, Path tmp, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-Xmx2g");
    // A short run over a tiny landing: the quick compiler only, as for a command-line tool.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.io.tmpdir=" + tmp);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.mhcs.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(Pseudonymiser.KEY_VARIABLE, GoldenRuns.KEY);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().remove("MHCS_DEBUG");
    builder.environment().putAll(environment);
    try {
      return new ChildRun(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code --set key=value} arguments for {@link GoldenRuns#SETTINGS}, sorted. */
  /** {@code run} of golden/community's June 2024 into {@code warehouse}, as golden runs set it. */
  public static String[] goldenRun(Path warehouse) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--landing",
                GoldenRuns.landing("community").toString(),
                "--warehouse",
                warehouse.toString(),
                "--period",
                "2024-06"));
    args.addAll(goldenSettings());
    return args.toArray(String[]::new);
  }

  public static List<String> goldenSettings() {
    // One shuffle partition: golden/community is a few dozen rows, and results do not depend on it.
    List<String> args = new ArrayList<>(List.of("--set", "spark.shuffle_partitions=1"));
    GoldenRuns.SETTINGS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> args.addAll(List.of("--set", e.getKey() + "=" + e.getValue())));
    return args;
  }

  private void collect() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The child was killed: its output ends here.
    } finally {
      synchronized (lines) {
        lines.add(null);
        lines.notifyAll();
      }
    }
  }

  /**
   * Waits for a line of output matching {@code wanted} and returns it.
   *
   * @throws AssertionError with the output so far when the child ends or the time runs out first
   */
  public String awaitLine(Predicate<String> wanted, long timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          String line = lines.get(seen);
          if (line == null) {
            throw new AssertionError("the child ended before the expected line:\n" + output());
          }
          if (wanted.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no expected line after " + timeoutSeconds + " s; output:\n" + output());
        }
        lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  /** SIGKILL (Process.destroyForcibly on Linux), and waits for the process to be gone. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not die within 60 s of SIGKILL");
    }
    return process.exitValue();
  }

  /** Waits for the child to exit by itself and returns its exit code. */
  public int awaitExit(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "the child did not finish in " + timeoutSeconds + " s:\n" + output());
    }
    reader.join(10_000);
    return process.exitValue();
  }

  /** A child's exit code and everything it printed. */
  public record Finished(int code, String output) {}

  /** Waits for the child to exit by itself. */
  public Finished finish(long timeoutSeconds) throws InterruptedException {
    int code = awaitExit(timeoutSeconds);
    return new Finished(code, output());
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the child printed so far (stdout and stderr interleaved). */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines.stream().filter(l -> l != null).toList());
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
