package org.mhcs.opportunity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.OpportunityRule;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * What each organisation would release by moving to the national median: the gap (never negative:
 * an organisation at or better than the median has zero) times its own volume, in clinical days,
 * then as staff-equivalents (WTE) and as patients. Pure transform over gold rows, so every figure
 * can be re-derived from {@code gold.metric_value} and {@code gold.benchmark}.
 */
public final class OpportunityCalculator {
  public static final String MEDIAN = "median";
  public static final String CLINICAL_DAYS = "clinical_days";
  public static final String WTE = "wte";
  public static final String PATIENTS = "patients";

  private static final String MEAN_F2F_METRIC = "mean_f2f_contact_minutes";
  private static final String DAYS_METRIC = "contacts_per_clinician_day";
  private static final String PATIENTS_METRIC = "contacts_per_patient";

  private final MetricCatalog catalog;
  private final double minutesPerDay;
  private final double clinicalDaysPerWteMonth;
  private final double defaultDaysPerPatient;

  public OpportunityCalculator(MetricCatalog catalog, Settings settings) {
    this.catalog = catalog;
    this.minutesPerDay = settings.get(Settings.CLINICAL_MINUTES_PER_DAY);
    // Periods are months: a WTE gives a twelfth of its annual clinical days in one.
    this.clinicalDaysPerWteMonth = settings.get(Settings.CLINICAL_DAYS_PER_WTE_YEAR) / 12.0;
    this.defaultDaysPerPatient = settings.get(Settings.DEFAULT_DAYS_PER_PATIENT);
  }

  /** One row per organisation × metric with an opportunity rule × unit. */
  public Dataset<Row> perOrganisation(Dataset<Row> metricValues, Dataset<Row> benchmark) {
    Dataset<Row> usable =
        metricValues.where(col(Columns.FLAGS).isNull().and(col(Columns.VALUE).isNotNull()));
    Dataset<Row> targets =
        benchmark.select(
            col(Columns.METRIC_ID),
            col(Columns.PERIOD),
            col(Columns.SERVICE_LINE),
            col(Columns.BREAKDOWN),
            col(Columns.P50).as(Columns.TARGET_VALUE));
    String[] grain = {Columns.METRIC_ID, Columns.PERIOD, Columns.SERVICE_LINE, Columns.BREAKDOWN};
    Dataset<Row> withTarget = usable.join(targets, grain);

    // The service's own mean face-to-face minutes (else the national median): a DNA's lost slot.
    Dataset<Row> slotMinutes =
        usable
            .where(col(Columns.METRIC_ID).equalTo(MEAN_F2F_METRIC))
            .select(
                col(Columns.PERIOD),
                col(Columns.ORG_CODE),
                col(Columns.SERVICE_LINE),
                col(Columns.VALUE).as("org_slot_minutes"));
    Dataset<Row> nationalSlotMinutes =
        targets
            .where(col(Columns.METRIC_ID).equalTo(MEAN_F2F_METRIC))
            .select(
                col(Columns.PERIOD),
                col(Columns.SERVICE_LINE),
                col(Columns.TARGET_VALUE).as("national_slot_minutes"));
    Dataset<Row> daysPerPatient = daysPerPatient(usable);

    Dataset<Row> rows =
        withTarget
            .join(
                slotMinutes,
                new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE},
                "left")
            .join(nationalSlotMinutes, new String[] {Columns.PERIOD, Columns.SERVICE_LINE}, "left")
            .join(daysPerPatient, new String[] {Columns.PERIOD, Columns.SERVICE_LINE}, "left");

    List<Dataset<Row>> parts = new ArrayList<>();
    for (Metric m : catalog.all()) {
      if (m.opportunity() == OpportunityRule.NONE || m.direction() == Direction.CONTEXT) {
        continue;
      }
      Column value = col(Columns.VALUE);
      Column target = col(Columns.TARGET_VALUE);
      Column gap =
          greatest(
              m.direction() == Direction.HIGHER_IS_BETTER
                  ? target.minus(value)
                  : value.minus(target),
              lit(0.0));
      Column den = col(Columns.DENOMINATOR);
      Column volume;
      String volumeUnit;
      Column days;
      switch (m.opportunity()) {
        case DIRECT_CARE_TIME -> {
          volume = den.divide(minutesPerDay);
          volumeUnit = "available clinical days";
          days = gap.divide(m.scale()).multiply(volume);
        }
        case CONTACT_RATE -> {
          volume = den;
          volumeUnit = "available clinical days";
          days = when(target.gt(0), gap.multiply(den).divide(target)).otherwise(lit(0.0));
        }
        case DNA_RATE -> {
          volume = den;
          volumeUnit = "attended and did-not-attend contacts";
          Column slot = coalesce(col("org_slot_minutes"), col("national_slot_minutes"), lit(0.0));
          days = gap.divide(m.scale()).multiply(den).multiply(slot).divide(minutesPerDay);
        }
        default -> throw new IllegalStateException("no rule for " + m.opportunity());
      }
      Dataset<Row> metricRows =
          rows.where(col(Columns.METRIC_ID).equalTo(m.id()))
              .withColumn(Columns.GAP, gap)
              .withColumn(Columns.VOLUME, volume)
              .withColumn(Columns.VOLUME_UNIT, lit(volumeUnit))
              .withColumn("days", days);
      parts.add(inUnit(metricRows, CLINICAL_DAYS, col("days")));
      parts.add(inUnit(metricRows, WTE, col("days").divide(clinicalDaysPerWteMonth)));
      parts.add(
          inUnit(
              metricRows,
              PATIENTS,
              col("days").divide(coalesce(col("days_per_patient"), lit(defaultDaysPerPatient)))));
    }
    return parts.stream().reduce(Dataset::unionByName).orElseThrow();
  }

  /**
   * Each service line's clinical days per patient seen: Σ available days ÷ Σ patients over the
   * organisations that report both (the review's community nursing figures imply about 3.3).
   */
  private static Dataset<Row> daysPerPatient(Dataset<Row> usable) {
    Dataset<Row> days =
        usable
            .where(col(Columns.METRIC_ID).equalTo(DAYS_METRIC))
            .select(Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE, Columns.DENOMINATOR)
            .withColumnRenamed(Columns.DENOMINATOR, "days");
    Dataset<Row> patients =
        usable
            .where(col(Columns.METRIC_ID).equalTo(PATIENTS_METRIC))
            .select(Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE, Columns.DENOMINATOR)
            .withColumnRenamed(Columns.DENOMINATOR, "patients");
    return days.join(
            patients, new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE})
        .groupBy(Columns.PERIOD, Columns.SERVICE_LINE)
        .agg(
            ExactSums.sumOf(col("days"))
                .divide(ExactSums.sumOf(col("patients")))
                .as("days_per_patient"));
  }

  private static Dataset<Row> inUnit(Dataset<Row> rows, String unit, Column amount) {
    return rows.select(
        col(Columns.METRIC_ID),
        col(Columns.PERIOD),
        col(Columns.ORG_CODE),
        col(Columns.SERVICE_LINE),
        col(Columns.BREAKDOWN),
        lit(MEDIAN).as(Columns.TARGET_BASIS),
        col(Columns.VALUE),
        col(Columns.TARGET_VALUE),
        col(Columns.GAP),
        col(Columns.VOLUME),
        col(Columns.VOLUME_UNIT),
        amount.as(Columns.OPPORTUNITY_VALUE),
        lit(unit).as(Columns.OPPORTUNITY_UNIT));
  }

  /** National totals per metric × service line × unit, summed from the per-organisation rows. */
  public static Dataset<Row> national(Dataset<Row> perOrganisation) {
    return perOrganisation
        .groupBy(
            Columns.METRIC_ID,
            Columns.PERIOD,
            Columns.SERVICE_LINE,
            Columns.BREAKDOWN,
            Columns.TARGET_BASIS,
            Columns.OPPORTUNITY_UNIT)
        .agg(
            count(when(col(Columns.OPPORTUNITY_VALUE).gt(0), lit(1))).as(Columns.N_ORGS),
            ExactSums.sumOf(col(Columns.OPPORTUNITY_VALUE)).as(Columns.TOTAL));
  }
}
