package org.mhcs.metrics;

import java.util.Locale;
import org.mhcs.systems.ChangeTests;
import org.mhcs.systems.SystemMembership;

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
        .append(
            "Generated from `jobs/pipeline/src/main/java/org/mhcs/metrics/MetricCatalog.java` by")
        .append(" `./mhcs metrics --markdown > docs/metrics.md`; do not edit by hand. Thresholds")
        .append(" are the defaults in `conf/`. Every value in `gold.metric_value` keeps its")
        .append(" numerator and denominator; value = scale × numerator ÷ denominator.\n");
    for (String family : catalog.families()) {
      b.append("\n## ").append(family).append("\n\n");
      b.append(
          "| id | name | unit | better | grain | minimum denominator | opportunity | funnel |\n");
      b.append("|---|---|---|---|---|---|---|---|\n");
      for (Metric m : catalog.family(family)) {
        b.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %s | %s | %s | %s | %s | %s | %s |%n",
                m.id(),
                m.name(),
                m.unit(),
                m.direction().label(),
                m.grain(),
                number(m.minDenominator()),
                m.opportunity().describe(),
                m.funnel().description()));
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
    b.append(method(catalog));
    b.append(systems(catalog));
    b.append(NAMES);
    return b.toString();
  }

  /** The gold dimensions that name the codes above, for BI tools (dimensions.DimensionStage). */
  private static final String NAMES =
      """

      ## Names for the codes: the gold dimensions

      Gold's facts carry codes; four small tables name them, rewritten whole by every run (only \
      when their rows change) and served with the facts by `./mhcs serve`. Join on the code:

      - `gold.dim_organisation` (`org_code`): name, type, NHS England region and integrated care \
      board, code and name, one row per validity period of `silver.org_hierarchy` (join a period \
      to the row in force on its first day: `valid_from <= month_start AND (valid_to IS NULL OR \
      month_start < valid_to)`). An organisation of the facts that the hierarchy lacks falls back \
      to its latest ODS extract row (undated), or to its code alone; `name_source` says which. \
      Region names come from `conf/code_lists/nhs_region.csv`, ICB names from \
      `conf/code_lists/icb.csv` (NHS England's 2025/26 list of the 42 ICBs; null for codes it \
      lacks).
      - `gold.dim_metric` (`metric_id`): name, family, unit, direction and definition, generated \
      from the declarations this page is generated from.
      - `gold.dim_service_line` (`service_line`): name, sector, setting and description from \
      `conf/service_lines.csv`, and `ALL` (all service lines) for organisation-level metrics.
      - `gold.dim_period` (`period`): first day (`month_start`; 1 April for a financial year), \
      financial year, whether the period is a whole financial year, and a label (`June 2024`, \
      `Financial year 2024-25`), for every period of `gold.metric_value`.
      """;

  /** How values become benchmarks, positions and opportunities, from the same declarations. */
  private static String method(MetricCatalog catalog) {
    StringBuilder b = new StringBuilder();
    b.append("\n## Benchmarks, positions, peers and opportunities\n\n")
        .append(
            "- **Distributions** (`gold.benchmark`): one value per organisation, flagged values")
        .append(" left out; p10, p25, median, p75, p90 by linear interpolation between order")
        .append(" statistics (exact), mean, min, max; nationally and within each organisation's")
        .append(" peer group.\n")
        .append("- **Position** (`gold.org_position`): percentile rank = percent of the other")
        .append(" organisations with a lower value; quartile 1 = best given the direction (for")
        .append(" context metrics, 1 = lowest).\n")
        .append(
            "- **Funnel limits** at 95% and 99.8%, at each organisation's own denominator, with")
        .append(" Spiegelhalter's overdispersion adjustment as FunnelPlotR computes it (used when")
        .append(" φ > 1; otherwise the unadjusted limits):\n");
    for (FunnelType f : FunnelType.values()) {
      if (f != FunnelType.NONE) {
        b.append("  - ").append(f.description()).append(": ");
        b.append(ids(catalog, m -> m.funnel() == f)).append('\n');
      }
    }
    b.append("- **Peers** (`gold.peer`): the k nearest organisations (`benchmark.peers`) by")
        .append(" d(a, b) = √(Σ over service-line mix, size and workforce mix of the mean over the")
        .append(" aspect's features of (z_a − z_b)²), features standardised across organisations:")
        .append(
            " each service line's share of clinical WTE; ln WTE and ln income (a missing income")
        .append(" counts as the mean); each staff group's share of WTE.\n")
        .append("- **Targets**: ");
    for (TargetBasis t : TargetBasis.values()) {
      b.append('`').append(t.id()).append("` ").append(t.description()).append("; ");
    }
    b.append("every metric with a rule has the median and the better quartile; its default is in")
        .append(" the table above.\n")
        .append("- **Family totals** (`gold.opportunity_family`), each metric against its default")
        .append(" target:\n");
    for (String family : catalog.families()) {
      String counted =
          ids(catalog, m -> m.family().equals(family) && m.opportunity().inFamilyTotal());
      String restated =
          ids(
              catalog,
              m ->
                  m.family().equals(family)
                      && m.opportunity().exists()
                      && m.opportunity().overlaps() != null);
      b.append("  - ").append(family).append(": ").append(counted);
      if (!restated.equals("none")) {
        b.append(" (not added: ").append(restated).append(")");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * How systems (ICBs, regions, England) and trends are computed ({@code systems.SystemStage}), the
   * tests named as {@link ChangeTests} names them and their metrics from the funnel declarations.
   */
  private static String systems(MetricCatalog catalog) {
    StringBuilder b = new StringBuilder();
    b.append("\n## Systems and trends\n\n")
        .append("- **Membership**: an organisation's figures of a period count in the integrated")
        .append(" care board (ICB) and NHS England region of its `silver.org_hierarchy` row in")
        .append(" force on the period's first day (1 April for a financial year), so a trust that")
        .append(" moved counts in its old ICB before the first ODS extract that shows the move and")
        .append(" in its new one from then; without a row in force, in `")
        .append(SystemMembership.UNKNOWN)
        .append("` (counted, not dropped). England is `")
        .append(SystemMembership.ENGLAND)
        .append("`.\n")
        .append("- **System values** (`gold.system_value`): value = scale × Σ numerators ÷ Σ")
        .append(" denominators over the member organisations that have a value (rows flagged")
        .append(" `not_returned` or `no_denominator` have none; members below the minimum")
        .append(" denominator are summed, their counts being real), never a mean of the members'")
        .append(" values; a system is flagged, as an organisation is, on its summed denominator.")
        .append(" Distributions across ICBs and across regions (`gold.system_benchmark`) use the")
        .append(" percentiles above and leave out flagged systems and `")
        .append(SystemMembership.UNKNOWN)
        .append("`; percentile rank and quartile as for organisations.\n")
        .append("- **Within region and ICB** (`gold.org_system_position`): each benchmarked")
        .append(" organisation's rank, 1 = best given the direction (context metrics: 1 = lowest),")
        .append(" ties sharing the better rank, and the median of the organisations there.\n")
        .append("- **System opportunities** (`gold.system_opportunity`): the family totals above,")
        .append(" summed over each system's members, so a metric that restates another is not")
        .append(" added there either.\n")
        .append("- **Trends** (`gold.metric_trend`, every period in the warehouse, for")
        .append(" organisations and systems): the previous period is the month before (for a")
        .append(" financial year, the year before), the year-earlier period twelve months before")
        .append(" (the year before); change = value − the earlier value. Whether a change is")
        .append(" beyond chance is tested from the counts, n1 of d1 in the earlier period and n2")
        .append(" of d2 now; two-sided p = erfc(|z| ÷ √2); significant when p < ")
        .append(number(ChangeTests.SIGNIFICANCE))
        .append(":\n")
        .append("  - `")
        .append(ChangeTests.TWO_PROPORTION_Z)
        .append("`, for the metrics with a proportion funnel (")
        .append(ids(catalog, m -> m.funnel() == FunnelType.PROPORTION))
        .append("): pooled p = (n1 + n2) ÷ (d1 + d2), z = (n2/d2 − n1/d1) ÷ √(p (1 − p) (1/d1 +")
        .append(" 1/d2)); z² is Pearson's chi-squared of the 2 × 2 table without continuity")
        .append(" correction.\n")
        .append("  - `")
        .append(ChangeTests.POISSON_RATE_Z)
        .append("`, for the metrics with a rate funnel (")
        .append(ids(catalog, m -> m.funnel() == FunnelType.RATE))
        .append("): pooled rate r = (n1 + n2) ÷ (d1 + d2), z = (n2/d2 − n1/d1) ÷ √(r (1/d1 +")
        .append(" 1/d2)), the normal approximation of the binomial test of n2 among n1 + n2 at")
        .append(" d2 ÷ (d1 + d2).\n")
        .append("  - Other metrics (durations, costs, shares of WTE) are not counts of events over")
        .append(" a base: no test, p-values null. So are p-values where the counts hold no")
        .append(" variance (a pooled proportion of 0 or 1, a pooled rate of 0).\n")
        .append("  - Caveats: both tests take events as independent (sick days of one person, or")
        .append(" contacts of one clinician, are not), and neither widens for the overdispersion")
        .append(" the funnel limits allow for, so with large denominators a small change can be")
        .append(" significant; one in twenty unchanged slices is flagged by chance; a system whose")
        .append(" members changed is compared with its earlier members.\n")
        .append("  - National band: p25, median and p75 of the organisations' national")
        .append(" distribution of the period (`gold.benchmark`).\n")
        .append("  - `basis_changed`: the metric's definition (as in this catalogue) or the")
        .append(" service-line mapping version recorded for the period in `gold.metric_basis`")
        .append(" differs from the previous period's; null when that period has no record.\n");
    return b.toString();
  }

  private static String ids(MetricCatalog catalog, java.util.function.Predicate<Metric> which) {
    String ids =
        catalog.all().stream()
            .filter(which)
            .map(m -> "`" + m.id() + "`")
            .collect(java.util.stream.Collectors.joining(", "));
    return ids.isEmpty() ? "none" : ids;
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

  /** 20 not 20.0; 0.5 stays 0.5. */
  static String number(double x) {
    return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.valueOf(x);
  }
}
