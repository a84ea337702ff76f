package org.mhcs.conf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The pipeline's options: every one declared here once, read from {@code conf/mhcs.properties},
 * overridable on the command line ({@code --set key=value}), and all checked at start-up so that
 * every problem is reported at once.
 */
public final class Settings {
  public static final Setting<String> SPARK_MASTER =
      Setting.text(
          "spark.master", "local[2]", "Spark master for local runs (ignored under spark-submit)");
  public static final Setting<Integer> SHUFFLE_PARTITIONS =
      Setting.integer(
          "spark.shuffle_partitions",
          "4",
          1,
          10000,
          "Shuffle partitions; small for one machine, raise on a cluster");
  public static final Setting<Integer> TABLES_SIDE_BY_SIDE =
      Setting.integer(
          "spark.tables_side_by_side",
          "3",
          1,
          64,
          "Landing tables loaded, validated and written at once (each a fair-scheduler pool of"
              + " the one Spark session), so small tables use the cores a large one leaves idle;"
              + " 1 works one table at a time");
  public static final Setting<Double> GENERATED_CODE_FROM_MIB =
      Setting.number(
          "spark.generated_code_from_mib",
          "256",
          0,
          1e9,
          "Spark compiles its queries to Java code only when the month's landing files total at"
              + " least this many MiB; below that, compiling costs more time than it saves"
              + " (docs/performance.md). 0: always");
  public static final Setting<Double> MAX_REJECT_PCT =
      Setting.number(
          "ingest.max_reject_pct",
          "5",
          0,
          100,
          "A run fails (exit 3) when any file's quarantined share of rows exceeds this percent");
  public static final Setting<Double> MAX_UNMAPPED_PCT =
      Setting.number(
          "conform.max_unmapped_pct",
          "100",
          0,
          100,
          "A run fails (exit 3) after conforming when more than this percent of the month's"
              + " contacts have a team type no service line maps (100: never; see"
              + " ops.unmapped_codes)");
  public static final Setting<Double> CLINICAL_MINUTES_PER_DAY =
      Setting.number(
          "metrics.clinical_minutes_per_day",
          "450",
          60,
          1440,
          "Available clinical minutes in one working day (7.5 hours), the direct care time base");
  public static final Setting<Double> MIN_AVAILABLE_DAYS =
      Setting.number(
          "benchmark.min_available_days",
          "20",
          0,
          1e9,
          "Organisations with fewer available clinical days in a service line are reported but"
              + " left out of the national distribution");
  public static final Setting<Double> MIN_CONTACTS =
      Setting.number(
          "benchmark.min_contacts",
          "30",
          0,
          1e9,
          "Organisations with fewer contacts (or patients) behind a rate are reported but left out"
              + " of the national distribution");
  public static final Setting<Double> MIN_PATIENT_DAYS =
      Setting.number(
          "benchmark.min_patient_days",
          "100",
          0,
          1e9,
          "Organisations with fewer patient days in a service line's wards are reported but left"
              + " out of the care-hours (CHPPD) distributions");
  public static final Setting<Double> MIN_CARE_HOURS =
      Setting.number(
          "benchmark.min_care_hours",
          "1000",
          0,
          1e9,
          "Organisations with fewer care hours in a service line's wards are reported but left out"
              + " of the bank-and-agency and cost-per-hour distributions");
  public static final Setting<Double> MIN_FTE_DAYS_AVAILABLE =
      Setting.number(
          "benchmark.min_fte_days_available",
          "300",
          0,
          1e9,
          "Organisations with fewer FTE days available in the month (about 10 staff) are reported"
              + " but left out of the sickness distribution");
  public static final Setting<Double> MIN_WTE =
      Setting.number(
          "benchmark.min_wte",
          "10",
          0,
          1e9,
          "Organisations with fewer contracted WTE are reported but left out of workforce-share"
              + " distributions");
  public static final Setting<Double> MIN_ENDED_STAYS =
      Setting.number(
          "benchmark.min_ended_stays",
          "5",
          0,
          1e9,
          "Organisations with fewer ward stays ending in the month are reported but left out of the"
              + " length-of-stay distribution");
  public static final Setting<Double> MIN_REFERRALS =
      Setting.number(
          "benchmark.min_referrals",
          "20",
          0,
          1e9,
          "Services with fewer referrals in a discharge metric's denominator (closed, or open at"
              + " the start of the month) are reported but left out of its distribution");
  public static final Setting<Double> MIN_SERVICE_WTE =
      Setting.number(
          "benchmark.min_service_wte",
          "1",
          0,
          1e9,
          "Services with fewer WTE are reported but left out of caseload and skill-mix"
              + " distributions");
  public static final Setting<Integer> PEERS =
      Setting.integer(
          "benchmark.peers",
          "5",
          1,
          100,
          "Nearest organisations in each organisation's peer group (by service-line mix, size and"
              + " workforce mix)");
  public static final Setting<Integer> RUN_LOCK_WAIT_SECONDS =
      Setting.integer(
          "run.lock_wait_seconds",
          "0",
          0,
          86_400,
          "How long a run waits for another run on the same warehouse to finish before giving up"
              + " (exit code 4); 0 gives up at once");
  public static final Setting<Double> CLINICAL_DAYS_PER_WTE_YEAR =
      Setting.number(
          "opportunity.clinical_days_per_wte_year",
          "187.5",
          1,
          366,
          "Clinical days one WTE gives in a year; the review's figures imply 187.5"
              + " (300,000 days = 1,600 staff)");
  public static final Setting<Double> DEFAULT_DAYS_PER_PATIENT =
      Setting.number(
          "opportunity.default_days_per_patient",
          "3.3",
          0.01,
          1000,
          "Clinical days per patient when a service has no patients of its own to measure it"
              + " (the review's community nursing figures imply 3.3)");

  /** Every declared option, in the order help lists them. */
  public static final List<Setting<?>> ALL =
      List.of(
          SPARK_MASTER,
          SHUFFLE_PARTITIONS,
          TABLES_SIDE_BY_SIDE,
          GENERATED_CODE_FROM_MIB,
          MAX_REJECT_PCT,
          MAX_UNMAPPED_PCT,
          CLINICAL_MINUTES_PER_DAY,
          MIN_AVAILABLE_DAYS,
          MIN_CONTACTS,
          MIN_PATIENT_DAYS,
          MIN_CARE_HOURS,
          MIN_FTE_DAYS_AVAILABLE,
          MIN_WTE,
          MIN_ENDED_STAYS,
          MIN_REFERRALS,
          MIN_SERVICE_WTE,
          PEERS,
          RUN_LOCK_WAIT_SECONDS,
          CLINICAL_DAYS_PER_WTE_YEAR,
          DEFAULT_DAYS_PER_PATIENT);

  /**
   * Keys passed to Hadoop's file systems as given ({@code fs.s3a.endpoint}, {@code
   * fs.s3a.access.key}, {@code fs.azure.account.key.ACCOUNT.dfs.core.windows.net}, ...) rather than
   * declared here: Hadoop declares and checks them. Their values may be secrets, so they are kept
   * apart from {@link #asMap} and never logged or written (docs/object-storage.md).
   */
  public static final String STORAGE_PREFIX = "fs.";

  private final Map<String, Object> values;
  private final Map<String, String> storageOptions;

  private Settings(Map<String, Object> values, Map<String, String> storageOptions) {
    this.values = values;
    this.storageOptions = storageOptions;
  }

  /** Defaults, then {@code conf/mhcs.properties}, then {@code overrides}; all checked. */
  public static Settings load(Map<String, String> overrides) {
    Map<String, String> raw = new LinkedHashMap<>();
    ALL.forEach(s -> raw.put(s.key(), s.defaultValue()));
    List<String> problems = new ArrayList<>();
    Properties file = new Properties();
    try (InputStream in = BundledResources.open("conf/mhcs.properties")) {
      file.load(in);
    } catch (IOException e) {
      problems.add("conf/mhcs.properties: cannot be read: " + e.getMessage());
    }
    Map<String, String> storage = new LinkedHashMap<>();
    file.stringPropertyNames().stream()
        .sorted()
        .forEach(k -> put(raw, storage, k, file.getProperty(k), "conf/mhcs.properties", problems));
    overrides.forEach((k, v) -> put(raw, storage, k, v, "--set", problems));
    Map<String, Object> values = new LinkedHashMap<>();
    for (Setting<?> s : ALL) {
      parse(s, raw.get(s.key()), values, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Settings(values, Map.copyOf(storage));
  }

  private static void put(
      Map<String, String> raw,
      Map<String, String> storage,
      String key,
      String value,
      String where,
      List<String> problems) {
    if (key.startsWith(STORAGE_PREFIX)) {
      storage.put(key, value.trim());
    } else if (!raw.containsKey(key)) {
      problems.add(where + ": unknown option '" + key + "'; known options: " + raw.keySet());
    } else {
      raw.put(key, value.trim());
    }
  }

  private static <T> void parse(
      Setting<T> s, String text, Map<String, Object> values, List<String> problems) {
    try {
      T value = s.parser().apply(text);
      if (!s.valid().test(value)) {
        problems.add(s.key() + " = '" + text + "': must be " + s.rule());
      }
      values.put(s.key(), value);
    } catch (RuntimeException e) {
      problems.add(s.key() + " = '" + text + "': must be " + s.rule());
    }
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting.key());
  }

  /**
   * The Hadoop file system options given ({@link #STORAGE_PREFIX}): for Hadoop only, never for a
   * log, a table or a message, since they may hold credentials.
   */
  public Map<String, String> storageOptions() {
    return storageOptions;
  }

  /** Every option with its value, for the run log (never the {@link #storageOptions}). */
  public Map<String, Object> asMap() {
    return Map.copyOf(values);
  }
}
