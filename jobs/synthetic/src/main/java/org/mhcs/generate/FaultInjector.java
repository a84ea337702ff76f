package org.mhcs.generate;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mhcs.schema.Rule;

/**
 * Decides which rows of one chunk of organisations are written broken, and counts what it broke.
 *
 * <p>Each row is broken with probability {@code rate}, drawing from a stream seeded by (seed,
 * organisation, period, {@code stream}) alone, so the same run breaks the same rows whatever the
 * threads; with rate 0 nothing is drawn at all and the files are exactly those of a clean run. A
 * broken row fails one rule, picked evenly among those its table can fail; a row that other rows
 * point at (a referral with contacts) can only be duplicated, so its first copy stays valid for
 * them. Not thread-safe: one per chunk.
 */
final class FaultInjector {
  private final double rate;
  private final long seed;
  private final YearMonth month;
  private final long stream;
  private final Map<LandingTable, Map<Rule, Long>> injected = new EnumMap<>(LandingTable.class);
  private RandomDraws random;

  /**
   * @param rate the share of rows to break, in [0, 1)
   * @param stream tells apart injectors that see the same organisations (per-month and annual)
   */
  FaultInjector(double rate, long seed, YearMonth month, long stream) {
    this.rate = rate;
    this.seed = seed;
    this.month = month;
    this.stream = stream;
  }

  /** The rows that follow are {@code organisation}'s. */
  void beginOrganisation(Organisation organisation) {
    if (rate > 0) {
      random =
          RandomDraws.forStream(
              seed,
              RandomDraws.FAULTS,
              organisation.index(),
              month.getYear() * 12L + month.getMonthValue(),
              stream);
    }
  }

  /**
   * The rule the next row of {@code table} is to fail, or null for a valid row.
   *
   * @param breakable false for a row other rows will point at: it can only be duplicated
   */
  Rule draw(LandingTable table, boolean breakable) {
    if (rate == 0) {
      return null;
    }
    if (random == null) {
      throw new IllegalStateException("rows written before any organisation began");
    }
    if (!random.chance(rate)) {
      return null;
    }
    TableFaults faults = table.faults();
    List<Rule> possible = new ArrayList<>();
    for (Rule rule : Rule.values()) {
      if (faults.canBreak(rule) && (breakable || rule == Rule.DUPLICATE_KEY)) {
        possible.add(rule);
      }
    }
    return possible.isEmpty() ? null : possible.get(random.below(possible.size()));
  }

  /** Breaks {@code row} of {@code table} so that it fails {@code rule}, and counts it. */
  void breakRow(LandingTable table, Rule rule, LandingRow row) {
    if (rule != Rule.DUPLICATE_KEY) {
      table.faults().breakRow(rule, row, random, table.window(month));
    }
    injected.computeIfAbsent(table, t -> new EnumMap<>(Rule.class)).merge(rule, 1L, Long::sum);
  }

  /** Rows broken so far, per table and rule. */
  Map<LandingTable, Map<Rule, Long>> injected() {
    return injected;
  }
}
