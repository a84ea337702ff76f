package org.mhcs.conf;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration option, declared once with its key, default, parser, check and help text.
 *
 * @param rule what {@code valid} accepts, in words, for error messages
 */
public record Setting<T>(
    String key,
    String defaultValue,
    Function<String, T> parser,
    Predicate<T> valid,
    String rule,
    String help) {

  static Setting<Double> number(
      String key, String defaultValue, double min, double max, String help) {
    return new Setting<>(
        key,
        defaultValue,
        Double::valueOf,
        v -> v >= min && v <= max,
        "a number from " + min + " to " + max,
        help);
  }

  static Setting<Integer> integer(String key, String defaultValue, int min, int max, String help) {
    return new Setting<>(
        key,
        defaultValue,
        Integer::valueOf,
        v -> v >= min && v <= max,
        "a whole number from " + min + " to " + max,
        help);
  }

  static Setting<String> text(String key, String defaultValue, String help) {
    return new Setting<>(key, defaultValue, s -> s, s -> !s.isBlank(), "not empty", help);
  }
}
