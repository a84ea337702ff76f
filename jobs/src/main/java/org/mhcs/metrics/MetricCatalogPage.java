package org.mhcs.metrics;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metrics catalogue for analysts, rendered from the declarations in {@link MetricCatalog} and
 * never written by hand: {@code ./mhcs metrics} prints it, {@code ./mhcs metrics --markdown} writes
 * the page kept in {@code docs/metrics.md} (a test keeps the two equal).
 */
public final class MetricCatalogPage {
  private MetricCatalogPage() {}

  /** The page as markdown: one section per family, one table row per metric, then definitions. */
  public static String markdown(MetricCatalog catalog) {
    StringBuilder b = new StringBuilder();
    b.append("# Metrics catalogue\n\n")
        .append("Generated from `jobs/src/main/java/org/mhcs/metrics/MetricCatalog.java` by")
        .append(" `./mhcs metrics --markdown > docs/metrics.md`; do not edit by hand. Thresholds")
        .append(" are the defaults in `conf/`. Every value in `gold.metric_value` keeps its")
        .append(" numerator and denominator; value = scale × numerator ÷ denominator.\n");
    for (String family : families(catalog)) {
      b.append("\n## ").append(family).append("\n\n");
      b.append("| id | name | unit | better | grain | minimum denominator | opportunity |\n");
      b.append("|---|---|---|---|---|---|---|\n");
      for (Metric m : catalog.family(family)) {
        b.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %s | %s | %s | %s | %s | %s |%n",
                m.id(),
                m.name(),
                m.unit(),
                m.direction().label(),
                m.grain(),
                number(m.minDenominator()),
                m.opportunity().clinicalDays()));
      }
      b.append('\n');
      for (Metric m : catalog.family(family)) {
        b.append(
            String.format(
                Locale.ROOT,
                "- `%s` = %s × **%s** ÷ **%s**%n",
                m.id(),
                number(m.scale()),
                m.numeratorDefinition(),
                m.denominatorDefinition()));
      }
    }
    return b.toString();
  }

  /** The catalogue as plain text for a terminal: one line per metric. */
  public static String text(MetricCatalog catalog) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "%-28s %-10s %-8s %-26s %s%n", "id", "family", "better", "unit", "name"));
    for (Metric m : catalog.all()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-28s %-10s %-8s %-26s %s%n",
              m.id(),
              m.family(),
              m.direction().label(),
              m.unit(),
              m.name()));
    }
    b.append("\nDefinitions: ./mhcs metrics --markdown (the page kept in docs/metrics.md)\n");
    return b.toString();
  }

  private static Set<String> families(MetricCatalog catalog) {
    Set<String> families = new LinkedHashSet<>();
    catalog.all().forEach(m -> families.add(m.family()));
    return families;
  }

  /** 20 not 20.0; 0.5 stays 0.5. */
  static String number(double x) {
    return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.valueOf(x);
  }
}
