package org.mhcs.generate;

import java.util.Map;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.pipeline.MonthlyRun;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.warehouse.Period;
import org.mhcs.warehouse.Warehouse;

/**
 * The whole pipeline over the shared demo landing ({@link LandingFixture}: scale 0.05, every
 * source, default thresholds), run once for the test classes that read its tables.
 */
public final class GeneratedMonthRun {
  private static Warehouse warehouse;
  private static MonthlyRun.Result result;

  private GeneratedMonthRun() {}

  public static synchronized Warehouse warehouse() {
    if (warehouse == null) {
      Warehouse w = GoldenRuns.newWarehouse();
      result =
          GoldenRuns.pipeline(w, Map.of())
              .execute(
                  new LandingFolder(LandingFixture.demo().landingDir()),
                  Period.of(LandingFixture.PERIOD));
      warehouse = w;
    }
    return warehouse;
  }

  public static synchronized MonthlyRun.Result result() {
    warehouse();
    return result;
  }
}
