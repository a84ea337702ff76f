package org.mhcs.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a reload of one month rewrote, read from the Delta logs themselves: for every commit made
 * after {@link #before}, the files it added and removed, and which periods the removed files held
 * (from their partition values, else from the period column's min and max in the file statistics
 * Delta recorded when the file was added). A reload is contained when no removed file held another
 * month; the month's own financial year counts as its own, since annual rows are recomputed with
 * every month of the year.
 */
final class ReloadCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PERIOD_COLUMNS = List.of("_period", "period");

  /** Per table, the files a reload added and removed, and other periods among the removed. */
  record TableRewrite(
      String table,
      int commits,
      long filesAdded,
      long filesRemoved,
      long filesRemovedOutside,
      Set<String> outsidePeriods) {}

  private ReloadCheck() {}

  /** Each table's latest commit version now (-1 for none), keyed by its folder. */
  static Map<String, Long> before(Path warehouse) {
    Map<String, Long> versions = new TreeMap<>();
    for (Path log : deltaLogs(warehouse)) {
      versions.put(
          warehouse.relativize(log.getParent()).toString(),
          commits(log).stream().mapToLong(ReloadCheck::version).max().orElse(-1));
    }
    return versions;
  }

  /** The rewrites since {@code before}, for tables that changed. */
  static List<TableRewrite> since(
      Path warehouse, Map<String, Long> before, String period, String financialYear) {
    Set<String> own = Set.of(period, financialYear);
    List<TableRewrite> rewrites = new ArrayList<>();
    for (Path log : deltaLogs(warehouse)) {
      String table = warehouse.relativize(log.getParent()).toString();
      long from = before.getOrDefault(table, -1L);
      Map<String, Set<String>> periodsOfFile = new HashMap<>();
      int commits = 0;
      long added = 0;
      long removed = 0;
      long outside = 0;
      Set<String> others = new TreeSet<>();
      for (Path commit : commits(log)) {
        boolean counted = version(commit) > from;
        commits += counted ? 1 : 0;
        for (JsonNode action : actions(commit)) {
          if (action.has("add")) {
            JsonNode add = action.get("add");
            periodsOfFile.put(add.get("path").asText(), periods(add));
            added += counted ? 1 : 0;
          } else if (action.has("remove") && counted) {
            removed++;
            Set<String> held =
                periodsOfFile.getOrDefault(action.get("remove").get("path").asText(), Set.of());
            Set<String> notOwn = new TreeSet<>(held);
            notOwn.removeAll(own);
            if (!notOwn.isEmpty()) {
              outside++;
              others.addAll(notOwn);
            }
          }
        }
      }
      if (commits > 0) {
        rewrites.add(new TableRewrite(table, commits, added, removed, outside, others));
      }
    }
    return rewrites;
  }

  /**
   * The periods a file holds: its partition's, else the min and max of its period column (a range
   * of months shows as its two ends, enough to see it is not one month's), else unknown ("?").
   */
  private static Set<String> periods(JsonNode add) {
    Set<String> held = new TreeSet<>();
    JsonNode partition = add.path("partitionValues");
    for (String column : PERIOD_COLUMNS) {
      if (partition.hasNonNull(column)) {
        held.add(partition.get(column).asText());
        return held;
      }
    }
    if (add.hasNonNull("stats")) {
      try {
        JsonNode stats = JSON.readTree(add.get("stats").asText());
        for (String column : PERIOD_COLUMNS) {
          if (stats.path("minValues").hasNonNull(column)) {
            held.add(stats.get("minValues").get(column).asText());
            held.add(stats.get("maxValues").get(column).asText());
            return held;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable file statistics in a Delta log", e);
      }
    }
    // Tables with no period column (the run log's own run ids, say) are not a month's.
    held.add("?");
    return held;
  }

  private static List<Path> deltaLogs(Path warehouse) {
    try (Stream<Path> walk = Files.walk(warehouse, 3)) {
      return walk.filter(p -> p.getFileName().toString().equals("_delta_log")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the warehouse " + warehouse, e);
    }
  }

  private static List<Path> commits(Path log) {
    try (Stream<Path> files = Files.list(log)) {
      return files
          .filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + log, e);
    }
  }

  private static long version(Path commit) {
    return Long.parseLong(commit.getFileName().toString().substring(0, 20));
  }

  private static List<JsonNode> actions(Path commit) {
    try (Stream<String> lines = Files.lines(commit)) {
      List<JsonNode> actions = new ArrayList<>();
      for (String line : (Iterable<String>) lines::iterator) {
        if (!line.isBlank()) {
          actions.add(JSON.readTree(line));
        }
      }
      return actions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta commit " + commit, e);
    }
  }
}
