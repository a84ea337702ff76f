package org.mhcs.command;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean": the known names close to one that was mistyped, for an unknown command, option or
 * table. Close means a few edits away (Levenshtein distance at most a third of the name, and at
 * least 2), or one name the start of the other ({@code benchmark} for {@code bench}).
 */
public final class Suggestions {
  private Suggestions() {}

  /** Known names close to {@code given}, closest first; empty when none is. */
  public static List<String> closest(String given, Collection<String> known) {
    String g = given.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, g.length() / 3);
    return known.stream()
        .filter(k -> !k.equalsIgnoreCase(given))
        .filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) <= allowed || prefixes(g, k))
        .sorted(
            Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()))
        .limit(3)
        .toList();
  }

  /** "; did you mean x?" or "; did you mean x or y?"; "" when nothing is close. */
  public static String didYouMean(String given, Collection<String> known) {
    List<String> close = closest(given, known);
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
  }

  private static boolean prefixes(String given, String known) {
    String k = known.toLowerCase(Locale.ROOT);
    return Math.min(given.length(), k.length()) >= 3
        && (given.startsWith(k) || k.startsWith(given));
  }

  /** Edits (insert, delete, replace) from a to b. */
  static int distance(String a, String b) {
    return LevenshteinDistance.getDefaultInstance().apply(a, b);
  }
}
