package org.mhcs.conf;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The code lists in {@code conf/code_lists/<name>.csv} (first column {@code code}), and the
 * attributes they carry, such as a contact outcome or whether a mechanism is direct care.
 */
public final class CodeLists {
  private final Map<String, List<Map<String, String>>> lists;

  private CodeLists(Map<String, List<Map<String, String>>> lists) {
    this.lists = lists;
  }

  public static CodeLists bundled() {
    Map<String, List<Map<String, String>>> lists = new TreeMap<>();
    for (String file : BundledResources.list("conf/code_lists")) {
      if (file.endsWith(".csv")) {
        String name = file.substring(file.lastIndexOf('/') + 1, file.length() - ".csv".length());
        lists.put(name, ConfTable.read("code_lists/" + name + ".csv", "code").rows());
      }
    }
    return new CodeLists(lists);
  }

  public boolean has(String name) {
    return lists.containsKey(name);
  }

  /** The codes in list {@code name}. */
  public Set<String> codes(String name) {
    return rows(name).stream().map(r -> r.get("code")).collect(Collectors.toSet());
  }

  /**
   * The codes of list {@code name} valid at some time from {@code first} to {@code last}: a list
   * may bound a code's validity by {@code first_month} and {@code last_month} (YYYY-MM, blank = no
   * bound), as NHS data sets retire and add codes between versions.
   */
  public Set<String> codesValidIn(String name, LocalDate first, LocalDate last) {
    YearMonth from = YearMonth.from(first);
    YearMonth to = YearMonth.from(last);
    return rows(name).stream()
        .filter(r -> bound(r.get("first_month")).map(m -> !m.isAfter(to)).orElse(true))
        .filter(r -> bound(r.get("last_month")).map(m -> !m.isBefore(from)).orElse(true))
        .map(r -> r.get("code"))
        .collect(Collectors.toSet());
  }

  private static Optional<YearMonth> bound(String month) {
    return month == null || month.isEmpty()
        ? Optional.empty()
        : Optional.of(YearMonth.parse(month));
  }

  /** The codes of list {@code name} whose {@code attribute} column equals {@code value}. */
  public List<String> codesWhere(String name, String attribute, String value) {
    return rows(name).stream()
        .filter(r -> value.equals(r.get(attribute)))
        .map(r -> r.get("code"))
        .sorted()
        .toList();
  }

  /** The rows of list {@code name}, each keyed by its header. */
  public List<Map<String, String>> rows(String name) {
    List<Map<String, String>> rows = lists.get(name);
    if (rows == null) {
      throw new ConfigException(
          List.of("no code list conf/code_lists/" + name + ".csv; known: " + lists.keySet()));
    }
    return rows;
  }

  /** Every list's name and size, for logs. */
  public Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    lists.forEach((k, v) -> sizes.put(k, v.size()));
    return sizes;
  }
}
