package org.mhcs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;
import org.mhcs.testing.Repository;

/** The analysts' metrics page is generated from the declarations, and kept in the repository. */
class MetricCatalogPageTest {
  private static final MetricCatalog CATALOG = MetricCatalog.from(Settings.load(Map.of()));

  @Test
  void theCommittedPageIsTheGeneratedOne() throws Exception {
    // Tests run in jobs/; the page lives at the repository root.
    Path page = Repository.ROOT.resolve("docs/metrics.md");
    String committed = Files.readString(page, StandardCharsets.UTF_8);
    assertEquals(
        MetricCatalogPage.markdown(CATALOG),
        committed,
        "docs/metrics.md is out of date: run ./mhcs metrics --markdown > docs/metrics.md");
  }

  @Test
  void eachMetricIsOneRowWithItsDeclaredThresholdAndRule() {
    String page = MetricCatalogPage.markdown(CATALOG);
    // Defaults: 20 available days × 450 minutes = 9000 minutes for direct care time; 30 contacts
    // for DNA (conf: benchmark.min_available_days, metrics.clinical_minutes_per_day,
    // benchmark.min_contacts).
    assertTrue(
        page.contains(
            "| `direct_care_pct` | Direct care time % | percent | higher |"
                + " organisation × service line × month | 9000 |"
                + " (target − value) percentage points × available clinical days; target national"
                + " median |"),
        page);
    assertTrue(
        page.contains(
            "| `dna_rate_pct` | Did not attend rate % | percent | lower |"
                + " organisation × service line × month | 30 |"),
        page);
    for (Metric m : CATALOG.all()) {
      assertEquals(1, page.split("\\| `" + m.id() + "` \\|", -1).length - 1, m.id());
    }
  }
}
