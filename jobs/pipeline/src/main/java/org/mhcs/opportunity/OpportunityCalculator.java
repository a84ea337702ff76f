package org.mhcs.opportunity;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.benchmark.NationalBenchmark;
import org.mhcs.conf.Settings;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.metrics.TargetBasis;
import org.mhcs.spark.Structs;
import org.mhcs.warehouse.Columns;
import org.mhcs.warehouse.ExactSums;

/**
 * What each organisation would release by moving to a target (the national median by default; the
 * better quartile, and for prices the national minimum, alongside): the gap (never negative: an
 * organisation at or better than the target has zero) times its own volume, by the metric's
 * declared rule. Pure transform over gold rows, so every figure can be re-derived from {@code
 * gold.metric_value} and {@code gold.benchmark}.
 */
public final class OpportunityCalculator {
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
    // Clinical-time metrics are monthly: a WTE gives a twelfth of its annual clinical days in one.
    this.clinicalDaysPerWteMonth = settings.get(Settings.CLINICAL_DAYS_PER_WTE_YEAR) / 12.0;
    this.defaultDaysPerPatient = settings.get(Settings.DEFAULT_DAYS_PER_PATIENT);
  }

  /** One row per organisation × metric with an opportunity rule × target basis × unit. */
  public Dataset<Row> perOrganisation(Dataset<Row> metricValues, Dataset<Row> benchmark) {
    Dataset<Row> usable =
        metricValues.where(col(Columns.FLAGS).isNull().and(col(Columns.VALUE).isNotNull()));
    Dataset<Row> national =
        NationalBenchmark.nationalOf(
            benchmark,
            col(Columns.P25),
            col(Columns.P50),
            col(Columns.P75),
            col(Columns.MIN),
            col(Columns.MAX));

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
        national
            .where(col(Columns.METRIC_ID).equalTo(MEAN_F2F_METRIC))
            .select(
                col(Columns.PERIOD),
                col(Columns.SERVICE_LINE),
                col(Columns.P50).as("national_slot_minutes"));

    Dataset<Row> rows =
        usable
            .join(national, NationalBenchmark.DISTRIBUTION)
            .join(
                slotMinutes,
                new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE},
                "left")
            .join(nationalSlotMinutes, new String[] {Columns.PERIOD, Columns.SERVICE_LINE}, "left")
            .join(
                daysPerPatient(usable),
                new String[] {Columns.PERIOD, Columns.SERVICE_LINE},
                "left");

    // Each row's outcomes (basis × unit) as an array chosen by its metric, exploded: one pass over
    // the joined rows. A union of one filtered branch per metric and basis made Spark redo the
    // joins above for every branch (the filter is pushed into each, so no branch reuses another's).
    Column metricId = col(Columns.METRIC_ID);
    Column outcomes = null;
    for (Metric m : catalog.all()) {
      if (!m.opportunity().exists() || m.direction() == Direction.CONTEXT) {
        continue;
      }
      List<Column> released = new ArrayList<>();
      for (TargetBasis basis : bases(m)) {
        released.addAll(released(m, basis));
      }
      Column array = array(released.toArray(Column[]::new));
      outcomes =
          outcomes == null
              ? when(metricId.equalTo(m.id()), array)
              : outcomes.when(metricId.equalTo(m.id()), array);
    }
    if (outcomes == null) {
      throw new IllegalStateException("no metric in the catalogue has an opportunity rule");
    }
    // A metric without a rule has no array; explode drops its rows.
    return Structs.explode(
        rows,
        outcomes,
        List.of(
            Columns.METRIC_ID,
            Columns.PERIOD,
            Columns.ORG_CODE,
            Columns.SERVICE_LINE,
            Columns.BREAKDOWN,
            Columns.TARGET_BASIS,
            Columns.VALUE,
            Columns.TARGET_VALUE,
            Columns.GAP,
            Columns.VOLUME,
            Columns.VOLUME_UNIT,
            Columns.OPPORTUNITY_VALUE,
            Columns.OPPORTUNITY_UNIT));
  }

  /** The median and the better quartile for every metric, and the metric's own default. */
  private static Set<TargetBasis> bases(Metric m) {
    Set<TargetBasis> bases = new LinkedHashSet<>();
    bases.add(m.opportunity().basis());
    bases.add(TargetBasis.MEDIAN);
    bases.add(TargetBasis.UPPER_QUARTILE);
    return bases;
  }

  /** What a row of metric {@code m} releases against {@code basis}, one struct per unit. */
  private List<Column> released(Metric m, TargetBasis basis) {
    boolean higherIsBetter = m.direction() == Direction.HIGHER_IS_BETTER;
    Column t =
        switch (basis) {
          case MEDIAN -> col(Columns.P50);
          case UPPER_QUARTILE -> higherIsBetter ? col(Columns.P75) : col(Columns.P25);
          case NATIONAL_MIN -> higherIsBetter ? col(Columns.MAX) : col(Columns.MIN);
        };
    Column value = col(Columns.VALUE);
    Column g = greatest(higherIsBetter ? t.minus(value) : value.minus(t), lit(0.0));
    Column den = col(Columns.DENOMINATOR);
    Target target = new Target(basis, t, g);
    String contacts = "attended and did-not-attend contacts";
    Column slot = coalesce(col("org_slot_minutes"), col("national_slot_minutes"), lit(0.0));
    return switch (m.opportunity().rule()) {
      case DIRECT_CARE_TIME ->
          clinicalTime(
              target,
              den.divide(minutesPerDay),
              "available clinical days",
              g.divide(m.scale()).multiply(den).divide(minutesPerDay));
      case CONTACT_RATE ->
          clinicalTime(
              target,
              den,
              "available clinical days",
              when(t.gt(0), g.multiply(den).divide(t)).otherwise(lit(0.0)));
      case DNA_RATE ->
          clinicalTime(
              target,
              den,
              contacts,
              g.divide(m.scale()).multiply(den).multiply(slot).divide(minutesPerDay));
      case COST ->
          List.of(
              target.outcome(
                  den, m.denominatorDefinition(), Units.GBP, g.divide(m.scale()).multiply(den)));
      case STAFF_TIME ->
          List.of(
              target.outcome(
                  den,
                  m.denominatorDefinition(),
                  Units.WTE,
                  g.divide(m.scale()).multiply(den).divide(calendarDays(col(Columns.PERIOD)))));
      case NONE -> throw new IllegalStateException(m.id() + " has no opportunity rule");
    };
  }

  /** A target basis with its value and the gap to it, as expressions over a joined row. */
  private record Target(TargetBasis basis, Column value, Column gap) {
    /** One outcome: the release in {@code unit}, out of {@code volume}. */
    Column outcome(Column volume, String volumeUnit, String unit, Column amount) {
      return struct(
          lit(basis.id()).as(Columns.TARGET_BASIS),
          value.as(Columns.TARGET_VALUE),
          gap.as(Columns.GAP),
          volume.as(Columns.VOLUME),
          lit(volumeUnit).as(Columns.VOLUME_UNIT),
          amount.as(Columns.OPPORTUNITY_VALUE),
          lit(unit).as(Columns.OPPORTUNITY_UNIT));
    }
  }

  /** Clinical days released, and the same as staff-equivalents and as patients. */
  private List<Column> clinicalTime(Target target, Column volume, String volumeUnit, Column days) {
    return List.of(
        target.outcome(volume, volumeUnit, Units.CLINICAL_DAYS, days),
        target.outcome(volume, volumeUnit, Units.WTE, days.divide(clinicalDaysPerWteMonth)),
        target.outcome(
            volume,
            volumeUnit,
            Units.PATIENTS,
            days.divide(coalesce(col("days_per_patient"), lit(defaultDaysPerPatient)))));
  }

  /** Calendar days in a month period {@code YYYY-MM}. */
  private static Column calendarDays(Column month) {
    Column first = to_date(concat(month, lit("-01")));
    return datediff(add_months(first, 1), first);
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

  /** National totals per metric × service line × basis × unit, summed from the organisations. */
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

  /**
   * National totals per family × period × unit: each metric against its default target, summed over
   * the metrics that count in their family's total (a metric that restates another's release
   * another way is left out, so nothing is counted twice).
   */
  public Dataset<Row> byFamily(Dataset<Row> perOrganisation) {
    return byFamily(perOrganisation, List.of());
  }

  /**
   * As {@link #byFamily(Dataset)}, totalled per {@code groups} (columns of {@code perOrganisation},
   * such as an organisation's system) before family × period × unit: the same metrics are summed,
   * so a system's total, like the nation's, counts nothing twice.
   */
  public Dataset<Row> byFamily(Dataset<Row> perOrganisation, List<String> groups) {
    List<Row> counted = new ArrayList<>();
    for (Metric m : catalog.all()) {
      if (m.opportunity().inFamilyTotal() && m.direction() != Direction.CONTEXT) {
        counted.add(RowFactory.create(m.id(), m.family(), m.opportunity().basis().id()));
      }
    }
    Dataset<Row> families =
        perOrganisation
            .sparkSession()
            .createDataFrame(
                counted,
                new StructType()
                    .add(Columns.METRIC_ID, DataTypes.StringType)
                    .add(Columns.FAMILY, DataTypes.StringType)
                    .add(Columns.TARGET_BASIS, DataTypes.StringType));
    List<Column> keys = new ArrayList<>();
    for (String group : groups) {
      keys.add(col(group));
    }
    keys.addAll(List.of(col(Columns.FAMILY), col(Columns.PERIOD), col(Columns.OPPORTUNITY_UNIT)));
    return perOrganisation
        .join(families, new String[] {Columns.METRIC_ID, Columns.TARGET_BASIS})
        .groupBy(keys.toArray(Column[]::new))
        .agg(
            concat_ws(",", array_sort(collect_set(Columns.METRIC_ID))).as(Columns.METRICS),
            countDistinct(when(col(Columns.OPPORTUNITY_VALUE).gt(0), col(Columns.ORG_CODE)))
                .as(Columns.N_ORGS),
            ExactSums.sumOf(col(Columns.OPPORTUNITY_VALUE)).as(Columns.TOTAL));
  }
}
