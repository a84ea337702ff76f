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
 * Writes a synthetic month of landing data (CSDS, MHSDS, ESR and the organisation reference) in the
 * layout of {@code shared/design/sources.md}, calibrated so that the community-services metrics of
 * {@code shared/design/metrics.md} land in the ranges the 2018 review reports and vary between
 * trusts for real (a trust that is efficient in one service tends to be in others).
 *
 * <p>The recipe: plan the register of trusts (types, sizes) → share the national contact volumes
 * out by size → plan each trust's services, teams and levels → write each trust's referrals,
 * contacts and activities patient by patient → size its ESR workforce to its direct-care minutes at
 * its planned direct care level → give the part files their final names.
 *
 * <p>Deterministic: the same (period, scale, seed) gives byte-identical files whatever the number
 * of threads, because each trust draws from its own seeded streams and part files are numbered by
 * chunk of trusts, not by finishing order. Rows are streamed to disk; nothing holds a table in
 * memory. Rerunning replaces the period's {@code part-NNNNN.csv} files of these tables (and {@code
 * ref/organisations/organisations.csv}); other files are left alone. Not safe to run twice at once
 * on the same landing folder and period.
 */
public final class SyntheticLanding {
  /** National care contacts a month at scale 1.0. */
  static final long CSDS_CONTACTS_PER_MONTH = 8_000_000;

  static final long MHSDS_CONTACTS_PER_MONTH = 2_500_000;

  static final double MAX_SCALE = 20;

  private SyntheticLanding() {}

  /**
   * Writes the landing files for {@code period} under {@code landingDir}.
   *
   * @param scale 1.0 writes national volumes (140 providers, about 8 million CSDS and 2.5 million
   *     MHSDS contacts; under two minutes on two cores); 0.05 is a few seconds' demo (25 providers,
   *     the minimum, with a twentieth of the contacts)
   * @param seed any number; the same seed gives the same files
   * @throws IllegalArgumentException if {@code scale} is not in (0, 20], or the period is outside
   *     the years {@code conf/bank_holidays.csv} covers
   * @throws UncheckedIOException if a file cannot be written
   */
  public static GeneratedLanding write(Path landingDir, YearMonth period, double scale, long seed) {
    return write(landingDir, period, scale, seed, GenerationSettings.defaults());
  }

  /** As {@link #write(Path, YearMonth, double, long)}, with the work split as {@code settings}. */
  static GeneratedLanding write(
      Path landingDir, YearMonth period, double scale, long seed, GenerationSettings settings) {
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
    ReportingMonth month = new ReportingMonth(period);
    List<Organisation> register = OrganisationRegister.plan(scale, seed);
    List<OrganisationPlan> plans = planTrusts(register, month, scale, seed);
    List<List<OrganisationPlan>> chunks = chunks(plans, settings.contactsPerChunk());

    // Before touching the landing folder, so a missing schema leaves last run's files in place.
    LandingTable.requireSchemas();
    prepareFolders(landingDir, period);
    OrganisationRegister.write(register, landingDir);
    Map<LandingTable, Long> rows = writeChunks(chunks, landingDir, month, seed, settings);

    Map<String, Long> rowsPerTable = new TreeMap<>();
    Map<String, Integer> filesPerTable = new TreeMap<>();
    for (LandingTable table : LandingTable.values()) {
      if (table.periodic()) {
        filesPerTable.put(table.key(), PartFiles.publish(table, table.folder(landingDir, period)));
        rowsPerTable.put(table.key(), rows.getOrDefault(table, 0L));
      } else {
        filesPerTable.put(table.key(), 1);
        rowsPerTable.put(table.key(), (long) register.size());
      }
    }
    return new GeneratedLanding(landingDir, period, register.size(), rowsPerTable, filesPerTable);
  }

  /** Shares each data set's national contacts among the trusts that submit it, by size. */
  private static List<OrganisationPlan> planTrusts(
      List<Organisation> register, ReportingMonth month, double scale, long seed) {
    Map<Dataset, Double> totalWeight = new EnumMap<>(Dataset.class);
    for (Dataset dataset : Dataset.values()) {
      double total = 0;
      for (Organisation org : register) {
        total += org.size() * org.type().volumeFactor(dataset);
      }
      totalWeight.put(dataset, total);
    }
    List<OrganisationPlan> plans = new ArrayList<>(register.size());
    for (Organisation org : register) {
      Map<Dataset, Long> base = new EnumMap<>(Dataset.class);
      for (Dataset dataset : Dataset.values()) {
        double national =
            scale * (dataset == Dataset.CSDS ? CSDS_CONTACTS_PER_MONTH : MHSDS_CONTACTS_PER_MONTH);
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
      if (table.periodic()) {
        Path folder = table.folder(landingDir, period);
        PartFiles.clear(folder);
        try {
          Files.createDirectories(folder);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create " + folder, e);
        }
      }
    }
  }

  private static Map<LandingTable, Long> writeChunks(
      List<List<OrganisationPlan>> chunks,
      Path landingDir,
      ReportingMonth month,
      long seed,
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
      List<Future<Map<LandingTable, Long>>> futures = new ArrayList<>();
      for (int c = 0; c < chunks.size(); c++) {
        int chunk = c;
        futures.add(
            pool.submit(
                () ->
                    writeChunk(
                        chunk,
                        chunks.get(chunk),
                        landingDir,
                        month,
                        seed,
                        settings.maxRowsPerFile())));
      }
      Map<LandingTable, Long> rows = new EnumMap<>(LandingTable.class);
      for (Future<Map<LandingTable, Long>> future : futures) {
        future.get().forEach((table, n) -> rows.merge(table, n, Long::sum));
      }
      return rows;
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

  /** One chunk of trusts, in order: each trust's CSDS, then MHSDS, then its ESR workforce. */
  private static Map<LandingTable, Long> writeChunk(
      int chunk,
      List<OrganisationPlan> plans,
      Path landingDir,
      ReportingMonth month,
      long seed,
      long maxRowsPerFile) {
    try (ChunkOutput out = new ChunkOutput(landingDir, month.period(), chunk, maxRowsPerFile)) {
      for (OrganisationPlan plan : plans) {
        List<TeamWorkload> workloads = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
          if (plan.submits(dataset)) {
            workloads.addAll(new CareContactSimulation(plan, dataset, month, out, seed).run());
          }
        }
        new WorkforceSimulation(plan, month, out, seed).run(workloads);
      }
      return out.rows();
    }
  }
}
