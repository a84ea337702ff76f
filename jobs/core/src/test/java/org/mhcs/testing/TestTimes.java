package org.mhcs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes how long each test class and test took, as JUnit saw them, to {@code
 * target/test-times/<phase>.tsv} (surefire or failsafe; {@code scripts/test-timings} reads it).
 * Surefire's own XML reports misattribute tests to classes when classes run side by side, so they
 * cannot say which class was slow. Registered through {@code META-INF/services}; one line per class
 * (its wall time, set-up included) and per test or dynamic test: kind, class, name, seconds,
 * status.
 */
public final class TestTimes implements TestExecutionListener {
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final List<String> lines = new ArrayList<>();

  @Override
  public void executionStarted(TestIdentifier id) {
    started.put(id.getUniqueId(), System.nanoTime());
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Long start = started.remove(id.getUniqueId());
    if (start == null) {
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String line;
    if (id.getSource().orElse(null) instanceof ClassSource c && id.isContainer()) {
      line = String.join("\t", "class", c.getClassName(), "", fmt(seconds), status(result));
    } else if (id.isTest()) {
      String className =
          id.getSource().orElse(null) instanceof MethodSource m ? m.getClassName() : classOf(id);
      line =
          String.join("\t", "test", className, id.getDisplayName(), fmt(seconds), status(result));
    } else {
      return;
    }
    synchronized (lines) {
      lines.add(line.replace('\n', ' '));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    // jobs/pom.xml names the phase; a test run from an IDE has none.
    String phase = System.getProperty("mhcs.test.phase", "ide");
    Path file = Path.of("target", "test-times", phase + ".tsv");
    try {
      Files.createDirectories(file.getParent());
      synchronized (lines) {
        Files.write(
            file,
            lines,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A dynamic test's class, from its unique id ({@code [class:org.mhcs...]}). */
  private static String classOf(TestIdentifier id) {
    String uid = id.getUniqueId();
    int at = uid.indexOf("[class:");
    return at < 0 ? "?" : uid.substring(at + 7, uid.indexOf(']', at));
  }

  private static String status(TestExecutionResult result) {
    return result.getStatus().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String fmt(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.3f", seconds);
  }
}
