package org.mhcs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mhcs.command.ExitCode;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.schema.TableCatalog;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.Warehouse;

/**
 * Small-number suppression across the exported gold tables of golden/community, whose three tiny
 * organisations have counts of 1 to 7 almost everywhere. Masking a count is not enough if a figure
 * computed from it is published: five attacks an analyst could make with two or more exported
 * tables are run against
 *
 * <ul>
 *   <li>the tables with only their counts suppressed (what was published before derived figures
 *       were masked): each attack that applies gives back the hidden figure exactly, which shows
 *       the attacks are real, and
 *   <li>the files {@code ./mhcs export} writes: no attack gives back any hidden figure.
 * </ul>
 *
 * A hidden figure is the value of a {@code gold.metric_value} row whose numerator or denominator is
 * masked (with its rounded denominator it pins the count: 3 contacts over 15 days is 0.2 a day, and
 * 0.2 × 13..17 days only fits 3), and the opportunity computed from such a row.
 */
class DifferencingTest {
  private static final List<Table> TABLES =
      List.of(
          Table.METRIC_VALUE,
          Table.ORG_POSITION,
          Table.BENCHMARK,
          Table.OPPORTUNITY,
          Table.OPPORTUNITY_NATIONAL);

  /** Within this of the true figure counts as given back (exports write 10 decimals). */
  private static final double TOLERANCE = 1e-6;

  private static Map<Table, List<Map<String, String>>> countsOnly;
  private static Map<Table, List<Map<String, String>>> exported;
  private static Map<String, Double> hiddenValues;
  private static Map<String, Double> hiddenOpportunities;

  @BeforeAll
  static void exportTheGoldTables() {
    Warehouse warehouse = GoldenRuns.community();
    TableCatalog catalog = TableCatalog.bundled(SchemaCatalog.bundled());
    Path folder = SharedSpark.newFolder("differencing-");
    countsOnly = new LinkedHashMap<>();
    exported = new LinkedHashMap<>();
    for (Table table : TABLES) {
      countsOnly.put(
          table,
          rows(
              Suppression.apply(
                      warehouse.read(table), catalog.suppressedColumns(table.qualifiedName()))
                  .collectAsList()));
      Path file = folder.resolve(table.qualifiedName() + ".csv");
      CommandLine.Outcome outcome =
          CommandLine.run(
              "export",
              "--warehouse",
              warehouse.root().toString(),
              "--table",
              table.qualifiedName(),
              "--out",
              file.toString());
      assertEquals(ExitCode.OK, outcome.code(), outcome.err());
      exported.put(table, csv(file));
    }
    hiddenValues = new HashMap<>();
    for (Row r : warehouse.read(Table.METRIC_VALUE).collectAsList()) {
      Map<String, String> row = row(r);
      if (row.get(Columns.VALUE) != null
          && (small(row.get(Columns.NUMERATOR)) || small(row.get(Columns.DENOMINATOR)))) {
        hiddenValues.put(orgKey(row), Double.parseDouble(row.get(Columns.VALUE)));
      }
    }
    hiddenOpportunities = new HashMap<>();
    for (Row r : warehouse.read(Table.OPPORTUNITY).collectAsList()) {
      Map<String, String> row = row(r);
      if (hiddenValues.containsKey(orgKey(row))) {
        hiddenOpportunities.put(
            opportunityKey(row) + "|" + row.get(Columns.ORG_CODE),
            Double.parseDouble(row.get(Columns.OPPORTUNITY_VALUE)));
      }
    }
  }

  @Test
  void thereAreHiddenFiguresToProtect() {
    // golden/community: A01's DNA rate is 2 DNAs of 6 booked contacts, both masked counts.
    assertTrue(hiddenValues.containsKey("dna_rate_pct|2024-06|A01|community_nursing|ALL"));
    assertEquals(
        100.0 * 2 / 6, hiddenValues.get("dna_rate_pct|2024-06|A01|community_nursing|ALL"), 1e-9);
    assertFalse(hiddenOpportunities.isEmpty(), "an opportunity computed from a masked count");
  }

  @Test
  void withOnlyCountsSuppressedTheHiddenValuesArePrintedAsTheyAre() {
    Map<String, Map<String, Double>> found = attacks(countsOnly);
    assertEquals(hiddenValues, found.get("published value"));
    assertEquals(hiddenValues, found.get("position value"));
    assertExact(found);
  }

  @Test
  void withTheValuesMaskedButNotTheTotalsTheTotalsGiveThemBack() {
    // The exported value tables, but the national tables with only their counts suppressed.
    Map<Table, List<Map<String, String>>> view = new LinkedHashMap<>(exported);
    view.put(Table.BENCHMARK, countsOnly.get(Table.BENCHMARK));
    view.put(Table.OPPORTUNITY_NATIONAL, countsOnly.get(Table.OPPORTUNITY_NATIONAL));
    Map<String, Map<String, Double>> found = attacks(view);
    assertEquals(Map.of(), found.get("published value"));
    assertEquals(Map.of(), found.get("position value"));
    assertExact(found);
    int byTotals =
        found.get("mean times organisations").size()
            + found.get("smallest value").size()
            + found.get("largest value").size()
            + found.get("national opportunity less the others").size();
    System.out.println("DifferencingTest: hidden figures given back by national figures: " + found);
    assertTrue(byTotals > 0, "some slice has exactly one hidden organisation");
  }

  /** Every figure an attack gives back is the hidden figure itself. */
  private static void assertExact(Map<String, Map<String, Double>> found) {
    for (var attack : found.entrySet()) {
      Map<String, Double> truth =
          attack.getKey().startsWith("national opportunity") ? hiddenOpportunities : hiddenValues;
      attack
          .getValue()
          .forEach(
              (key, value) ->
                  assertEquals(truth.get(key), value, TOLERANCE, attack.getKey() + " " + key));
    }
  }

  @Test
  void fromTheExportedFilesNoAttackGivesAnyHiddenFigureBack() {
    Map<String, Map<String, Double>> found = attacks(exported);
    found.forEach((attack, recovered) -> assertEquals(Map.of(), recovered, attack));
  }

  @Test
  void figuresFromUnmaskedCountsAreExportedExactly() {
    Map<String, String> published = new HashMap<>();
    exported.get(Table.METRIC_VALUE).forEach(r -> published.put(orgKey(r), r.get(Columns.VALUE)));
    int compared = 0;
    for (Map<String, String> row : countsOnly.get(Table.METRIC_VALUE)) {
      String key = orgKey(row);
      if (row.get(Columns.VALUE) != null && !hiddenValues.containsKey(key)) {
        assertEquals(
            Double.parseDouble(row.get(Columns.VALUE)),
            Double.parseDouble(published.get(key)),
            1e-9,
            key);
        compared++;
      }
    }
    assertTrue(compared > 0, "golden/community has rows whose counts are all 0 or above 7");
  }

  /** Each attack's recovered figures by the key of the row they belong to. */
  private static Map<String, Map<String, Double>> attacks(
      Map<Table, List<Map<String, String>>> view) {
    Map<String, Map<String, Double>> found = new LinkedHashMap<>();
    found.put("published value", direct(view.get(Table.METRIC_VALUE)));
    found.put("position value", direct(view.get(Table.ORG_POSITION)));
    found.put("mean times organisations", byDifference(view, Columns.MEAN));
    found.put("smallest value", byExtreme(view, Columns.MIN));
    found.put("largest value", byExtreme(view, Columns.MAX));
    found.put("national opportunity less the others", opportunityByDifference(view));
    return found;
  }

  /** A hidden row's value printed as a number. */
  private static Map<String, Double> direct(List<Map<String, String>> rows) {
    Map<String, Double> found = new HashMap<>();
    for (Map<String, String> row : rows) {
      Double value = number(row.get(Columns.VALUE));
      if (hiddenValues.containsKey(orgKey(row)) && value != null) {
        found.put(orgKey(row), value);
      }
    }
    return found;
  }

  /**
   * The national distribution's members are the organisations with a position (no flags); with the
   * mean and every member's value but one, mean × n_orgs less the others is the one left.
   */
  private static Map<String, Double> byDifference(
      Map<Table, List<Map<String, String>>> view, String statistic) {
    Map<String, Double> found = new HashMap<>();
    Map<String, List<Map<String, String>>> members = members(view);
    for (Map<String, String> slice : national(view)) {
      Double mean = number(slice.get(statistic));
      List<Map<String, String>> in = members.getOrDefault(sliceKey(slice), List.of());
      long n = Long.parseLong(slice.get(Columns.N_ORGS));
      List<Map<String, String>> unknown = unpublished(in);
      if (mean == null || in.size() != n || unknown.size() != 1) {
        continue;
      }
      double others =
          in.stream()
              .map(r -> number(r.get(Columns.VALUE)))
              .filter(Objects::nonNull)
              .mapToDouble(Double::doubleValue)
              .sum();
      put(found, orgKey(unknown.get(0)), mean * n - others);
    }
    return found;
  }

  /** With one member unpublished, a smallest or largest value no other member has is its. */
  private static Map<String, Double> byExtreme(
      Map<Table, List<Map<String, String>>> view, String statistic) {
    Map<String, Double> found = new HashMap<>();
    Map<String, List<Map<String, String>>> members = members(view);
    for (Map<String, String> slice : national(view)) {
      Double extreme = number(slice.get(statistic));
      List<Map<String, String>> in = members.getOrDefault(sliceKey(slice), List.of());
      List<Map<String, String>> unknown = unpublished(in);
      if (extreme == null || unknown.size() != 1) {
        continue;
      }
      boolean someoneElse =
          in.stream()
              .map(r -> number(r.get(Columns.VALUE)))
              .anyMatch(v -> v != null && Math.abs(v - extreme) < 1e-12);
      if (!someoneElse) {
        put(found, orgKey(unknown.get(0)), extreme);
      }
    }
    return found;
  }

  /** A national opportunity total less every other organisation's published opportunity. */
  private static Map<String, Double> opportunityByDifference(
      Map<Table, List<Map<String, String>>> view) {
    Map<String, List<Map<String, String>>> byTotal =
        view.get(Table.OPPORTUNITY).stream()
            .collect(Collectors.groupingBy(DifferencingTest::opportunityKey));
    Map<String, Double> found = new HashMap<>();
    for (Map<String, String> total : view.get(Table.OPPORTUNITY_NATIONAL)) {
      Double sum = number(total.get(Columns.TOTAL));
      List<Map<String, String>> rows = byTotal.getOrDefault(opportunityKey(total), List.of());
      List<Map<String, String>> unknown =
          rows.stream().filter(r -> number(r.get(Columns.OPPORTUNITY_VALUE)) == null).toList();
      if (sum == null || unknown.size() != 1) {
        continue;
      }
      double others =
          rows.stream()
              .map(r -> number(r.get(Columns.OPPORTUNITY_VALUE)))
              .filter(Objects::nonNull)
              .mapToDouble(Double::doubleValue)
              .sum();
      put(found, opportunityKey(total) + "|" + unknown.get(0).get(Columns.ORG_CODE), sum - others);
    }
    // Only the totals' differences that land on a hidden opportunity are a disclosure.
    found.keySet().retainAll(hiddenOpportunities.keySet());
    return found;
  }

  /** Organisations in each national distribution: positioned rows, by slice. */
  private static Map<String, List<Map<String, String>>> members(
      Map<Table, List<Map<String, String>>> view) {
    return view.get(Table.ORG_POSITION).stream()
        .filter(r -> r.get(Columns.FLAGS) == null || r.get(Columns.FLAGS).isEmpty())
        .collect(Collectors.groupingBy(DifferencingTest::sliceKey));
  }

  private static List<Map<String, String>> national(Map<Table, List<Map<String, String>>> view) {
    return view.get(Table.BENCHMARK).stream()
        .filter(r -> r.get(Columns.PEER_GROUP).equals("national"))
        .toList();
  }

  private static List<Map<String, String>> unpublished(List<Map<String, String>> members) {
    return members.stream().filter(r -> number(r.get(Columns.VALUE)) == null).toList();
  }

  private static void put(Map<String, Double> found, String key, double value) {
    if (hiddenValues.containsKey(key) || hiddenOpportunities.containsKey(key)) {
      found.put(key, value);
    }
  }

  private static String orgKey(Map<String, String> row) {
    return String.join(
        "|",
        row.get(Columns.METRIC_ID),
        row.get(Columns.PERIOD),
        row.get(Columns.ORG_CODE),
        row.get(Columns.SERVICE_LINE),
        row.get(Columns.BREAKDOWN));
  }

  private static String sliceKey(Map<String, String> row) {
    return String.join(
        "|",
        row.get(Columns.METRIC_ID),
        row.get(Columns.PERIOD),
        row.get(Columns.SERVICE_LINE),
        row.get(Columns.BREAKDOWN));
  }

  private static String opportunityKey(Map<String, String> row) {
    return String.join(
        "|", sliceKey(row), row.get(Columns.TARGET_BASIS), row.get(Columns.OPPORTUNITY_UNIT));
  }

  /** A published cell as a number, or null when it is masked or empty. */
  private static Double number(String cell) {
    return cell == null || cell.isEmpty() || cell.equals(Suppression.MASK)
        ? null
        : Double.parseDouble(cell);
  }

  private static boolean small(String count) {
    return count != null && Suppression.MASK.equals(Suppression.cell(Double.parseDouble(count)));
  }

  private static List<Map<String, String>> rows(List<Row> rows) {
    return rows.stream().map(DifferencingTest::row).toList();
  }

  private static Map<String, String> row(Row r) {
    Map<String, String> row = new HashMap<>();
    for (String c : r.schema().fieldNames()) {
      Object v = r.getAs(c);
      row.put(c, v == null ? null : String.valueOf(v));
    }
    return row;
  }

  /** An exported CSV file as rows by heading (empty cells as null, as Spark wrote them). */
  private static List<Map<String, String>> csv(Path file) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    CsvParser parser = new CsvParser(settings);
    List<Map<String, String>> rows = new ArrayList<>();
    parser.beginParsing(file.toFile(), StandardCharsets.UTF_8);
    String[] headers = null;
    for (String[] cells = parser.parseNext(); cells != null; cells = parser.parseNext()) {
      headers = headers == null ? parser.getContext().headers() : headers;
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < headers.length; i++) {
        row.put(headers[i], i < cells.length ? cells[i] : null);
      }
      rows.add(row);
    }
    return rows;
  }
}
