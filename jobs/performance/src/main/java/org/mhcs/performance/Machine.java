package org.mhcs.performance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a benchmark ran on, as {@code docs/performance.md} records it. */
public record Machine(
    String cpu, int cores, long memoryBytes, long maxHeapBytes, String javaVersion) {
  public static Machine current() {
    return new Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        totalMemory(),
        Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  private static String cpuModel() {
    return procLine(Path.of("/proc/cpuinfo"), "model name")
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElse(System.getProperty("os.arch"));
  }

  private static long totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private static Optional<String> procLine(Path file, String prefix) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
