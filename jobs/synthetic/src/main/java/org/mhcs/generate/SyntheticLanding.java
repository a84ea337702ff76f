package org.mhcs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a synthetic month of landing data, every table {@code schemas/landing/} declares (CSDS,
 * MHSDS, ESR, staffing, ERIC, PPIB, finance and the organisation reference), in the layout and file
 * formats of {@code shared/design/sources.md}, calibrated so that the metrics of {@code
 * shared/design/metrics.md} land in the ranges the 2018 review reports and vary between trusts for
 * real (a trust that is efficient in one service tends to be in others).
 *
 * <p>The recipe: plan the register of trusts (types, sizes) → share the national contact volumes
 * out by size → plan each trust's services, teams, levels and wards → write each trust's month
 * (referrals, contacts and activities patient by patient, ward stays bed by bed, the patient index,
 * its ESR workforce sized to its direct-care minutes and wards, rosters, purchase orders) → write
 * the register's annual returns (ERIC, finance) and reference → give the files their final names.
 * Every source names the same trusts by the same codes, and mental health trusts' wards by the same
 * ward codes.
 *
 * <p>With a fault rate, that share of rows is written broken, each failing exactly one of the
 * pipeline's rules, and rows that would point at a broken row are left out, so each broken row is
 * one quarantined row; {@link GeneratedLanding#faults()} says which.
 *
 * <p>Deterministic: the same (period, scale, seed, fault rate) gives byte-identical files whatever
 * the number of threads, because each trust draws from its own seeded streams and part files are
 * numbered by chunk of trusts, not by finishing order. Rows are streamed to disk; nothing holds a
 * table in memory. Rerunning replaces the period's {@code part-NNNNN.csv} files of these tables
 * (the financial year's for annual tables, {@code ref/organisations/etr-YYYY-MM.csv} for the month,
 * and {@code ref/organisation_types/organisation_types.csv}); other files are left alone. Not safe
 * to run twice at once on the same landing folder and period.
 */
public final class SyntheticLanding {
  /** National care contacts a month at scale 1.0. */
  static final long CSDS_CONTACTS_PER_MONTH = 8_000_000;

  static final long MHSDS_CONTACTS_PER_MONTH = 2_500_000;

  static final double MAX_SCALE = 20;

  /** The largest share of rows the generator breaks on purpose: beyond it, faults are the data. */
  public static final double MAX_FAULT_RATE = 0.2;

  /** Fault streams of the monthly tables' chunks and of the annual and reference tables. */
  private static final long MONTHLY_FAULTS = 0;

  private static final long ANNUAL_FAULTS = 1;

  private SyntheticLanding() {}

  /**
   * Writes clean landing files for {@code period} under {@code landingDir}.
   *
   * @param scale 1.0 writes national volumes (140 providers, about 8 million CSDS and 2.5 million
   *     MHSDS contacts; well under a minute on two cores); 0.05 is a few seconds' demo (25
   *     providers, the minimum, with a twentieth of the contacts)
   * @param seed any number; the same seed gives the same files
   * @throws IllegalArgumentException if {@code scale} is not in (0, 20], or the period is outside
   *     the years {@code conf/bank_holidays.csv} covers
   * @throws UncheckedIOException if a file cannot be written
   */
  public static GeneratedLanding write(Path landingDir, YearMonth period, double scale, long seed) {
    return write(landingDir, period, scale, seed, 0);
  }

  /**
   * As {@link #write(Path, YearMonth, double, long)}, with about {@code faultRate} of the rows of
   * every table written broken in a realistic way, each failing exactly one rule.
   *
   * @param faultRate the share of rows to break, from 0 (none) to 0.2; e.g. 0.002
   * @throws IllegalArgumentException also if {@code faultRate} is outside [0, 0.2]
   */
  public static GeneratedLanding write(
      Path landingDir, YearMonth period, double scale, long seed, double faultRate) {
    return write(landingDir, period, scale, seed, faultRate, GenerationSettings.defaults());
  }

  /** As {@link #write(Path, YearMonth, double, long)}, with the work split as {@code settings}. */
  static GeneratedLanding write(
      Path landingDir, YearMonth period, double scale, long seed, GenerationSettings settings) {
    return write(landingDir, period, scale, seed, 0, settings);
  }

  /** As {@link #write(Path, YearMonth, double, long, double)}, split as {@code settings}. */
  static GeneratedLanding write(
      Path landingDir,
      YearMonth period,
      double scale,
      long seed,
      double faultRate,
      GenerationSettings settings) {
    if (landingDir == null || period == null) {
      throw new IllegalArgumentException("landingDir and period are required");
    }
    if (!(scale > 0 && scale <= MAX_SCALE)) {
      throw new IllegalArgumentException(
          "scale must be greater than 0 and at most "
              + MAX_SCALE
              + " (1.0 = national volumes: 140 providers, about 8 million CSDS and 2.5 million"
              + " MHSDS contacts a month; 0.05 for a quick demo), but was: "
              + scale);
    }
    if (!(faultRate >= 0 && faultRate <= MAX_FAULT_RATE)) {
      throw new IllegalArgumentException(
          "fault rate must be a share of rows from 0 (no faults) to "
              + MAX_FAULT_RATE
              + ", e.g. 0.002 for two broken rows in a thousand, but was: "
              + faultRate);
    }
    ReportingMonth month = new ReportingMonth(period);
    List<Organisation> register = OrganisationRegister.plan(scale, seed);
    List<OrganisationPlan> plans = planTrusts(register, month, scale, seed);
    List<List<OrganisationPlan>> chunks = chunks(plans, settings.contactsPerChunk());

    // Before touching the landing folder, so a missing schema leaves last run's files in place.
    LandingTable.requireSchemas();
    prepareFolders(landingDir, period);
    Tally tally = new Tally();
    tally.add(writeRegister(register, landingDir, month, seed, faultRate, settings));
    for (ChunkOutput chunk : writeChunks(chunks, landingDir, month, seed, faultRate, settings)) {
      tally.add(chunk);
    }
    Map<String, Integer> filesPerTable = new TreeMap<>();
    for (LandingTable table : LandingTable.values()) {
      filesPerTable.put(
          table.key(), PartFiles.publish(table, table.folder(landingDir, period), period));
    }
    return new GeneratedLanding(
        landingDir, period, register.size(), tally.rows, filesPerTable, faultRate, tally.faults);
  }

  /** Rows and broken rows per table, summed over the chunks. */
  private static final class Tally {
    final Map<String, Long> rows = new TreeMap<>();
    final Map<String, Map<String, Long>> faults = new TreeMap<>();

    Tally() {
      for (LandingTable table : LandingTable.values()) {
        rows.put(table.key(), 0L);
      }
    }

    void add(ChunkOutput chunk) {
      chunk.rows().forEach((table, n) -> rows.merge(table.key(), n, Long::sum));
      chunk
          .faults()
          .forEach(
              (table, rules) ->
                  rules.forEach(
                      (rule, n) ->
                          faults
                              .computeIfAbsent(table.key(), k -> new TreeMap<>())
                              .merge(rule.id(), n, Long::sum)));
    }
  }

  /**
   * The organisation reference and the annual returns (ERIC, finance), one organisation after
   * another: small tables, each one file.
   */
  private static ChunkOutput writeRegister(
      List<Organisation> register,
      Path landingDir,
      ReportingMonth month,
      long seed,
      double faultRate,
      GenerationSettings settings) {
    FaultInjector faults = new FaultInjector(faultRate, seed, month.period(), ANNUAL_FAULTS);
    try (ChunkOutput out =
        new ChunkOutput(landingDir, month, 0, settings.maxRowsPerFile(), faults)) {
      for (Organisation org : register) {
        out.beginOrganisation(org);
        OrganisationRegister.write(org, out);
        new AnnualReturns(org, month, out, seed).write();
        OrganisationRegister.writeType(org, out);
      }
      return out;
    }
  }

  /** Shares each data set's national contacts among the trusts that submit it, by size. */
  private static List<OrganisationPlan> planTrusts(
      List<Organisation> register, ReportingMonth month, double scale, long seed) {
    Map<PatientDataSet, Double> totalWeight = new EnumMap<>(PatientDataSet.class);
    for (PatientDataSet dataset : PatientDataSet.values()) {
      double total = 0;
      for (Organisation org : register) {
        total += org.size() * org.type().volumeFactor(dataset);
      }
      totalWeight.put(dataset, total);
    }
    List<OrganisationPlan> plans = new ArrayList<>(register.size());
    for (Organisation org : register) {
      Map<PatientDataSet, Long> base = new EnumMap<>(PatientDataSet.class);
      for (PatientDataSet dataset : PatientDataSet.values()) {
        double national =
            scale
                * (dataset == PatientDataSet.CSDS
                    ? CSDS_CONTACTS_PER_MONTH
                    : MHSDS_CONTACTS_PER_MONTH);
        double weight = org.size() * org.type().volumeFactor(dataset);
        if (weight > 0) {
          base.put(dataset, Math.round(national * weight / totalWeight.get(dataset)));
        }
      }
      plans.add(OrganisationPlan.plan(org, base, month, seed));
    }
    return plans;
  }

  /** Consecutive trusts grouped until a chunk has about {@code contactsPerChunk} contacts. */
  private static List<List<OrganisationPlan>> chunks(
      List<OrganisationPlan> plans, long contactsPerChunk) {
    List<List<OrganisationPlan>> chunks = new ArrayList<>();
    List<OrganisationPlan> current = new ArrayList<>();
    long contacts = 0;
    for (OrganisationPlan plan : plans) {
      if (!current.isEmpty() && contacts + plan.plannedContacts() > contactsPerChunk) {
        chunks.add(current);
        current = new ArrayList<>();
        contacts = 0;
      }
      current.add(plan);
      contacts += plan.plannedContacts();
    }
    chunks.add(current);
    return chunks;
  }

  private static void prepareFolders(Path landingDir, YearMonth period) {
    for (LandingTable table : LandingTable.values()) {
      Path folder = table.folder(landingDir, period);
      PartFiles.clear(folder);
      table.removeUndatedReference(folder);
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + folder, e);
      }
    }
  }

  /** Each chunk of trusts on a thread of its own; returns the chunks' outputs, in chunk order. */
  private static List<ChunkOutput> writeChunks(
      List<List<OrganisationPlan>> chunks,
      Path landingDir,
      ReportingMonth month,
      long seed,
      double faultRate,
      GenerationSettings settings) {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(settings.threads(), chunks.size()),
            task -> {
              Thread thread =
                  new Thread(task, "synthetic-landing-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<ChunkOutput>> futures = new ArrayList<>();
      for (int c = 0; c < chunks.size(); c++) {
        int chunk = c;
        futures.add(
            pool.submit(
                () ->
                    writeChunk(
                        chunk, chunks.get(chunk), landingDir, month, seed, faultRate, settings)));
      }
      List<ChunkOutput> outputs = new ArrayList<>();
      for (Future<ChunkOutput> future : futures) {
        outputs.add(future.get());
      }
      return outputs;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("generating synthetic landing data failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating synthetic landing data", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One chunk of trusts, one trust's month after another; the output is closed on return. */
  private static ChunkOutput writeChunk(
      int chunk,
      List<OrganisationPlan> plans,
      Path landingDir,
      ReportingMonth month,
      long seed,
      double faultRate,
      GenerationSettings settings) {
    FaultInjector faults = new FaultInjector(faultRate, seed, month.period(), MONTHLY_FAULTS);
    try (ChunkOutput out =
        new ChunkOutput(landingDir, month, chunk, settings.maxRowsPerFile(), faults)) {
      for (OrganisationPlan plan : plans) {
        OrganisationMonth.write(plan, month, out, seed);
      }
      return out;
    }
  }
}
