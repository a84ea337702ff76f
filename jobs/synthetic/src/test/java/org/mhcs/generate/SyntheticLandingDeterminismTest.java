package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Same (period, scale, seed, fault rate) → byte-identical files, whatever the threads; faults
 * change only the rows they break; checked inputs.
 */
class SyntheticLandingDeterminismTest {
  private static final YearMonth PERIOD = LandingFixture.PERIOD;
  private static final double SMALL = 0.01;

  @Test
  void sameSeedWritesIdenticalFiles() {
    Path first = LandingFixture.temporaryFolder("mhcs-same-a-");
    Path second = LandingFixture.temporaryFolder("mhcs-same-b-");
    GeneratedLanding a = SyntheticLanding.write(first, PERIOD, SMALL, 7);
    GeneratedLanding b = SyntheticLanding.write(second, PERIOD, SMALL, 7);

    Map<String, String> hashesA = sha256OfEveryFile(first);
    assertEquals(hashesA, sha256OfEveryFile(second));
    assertEquals(a.rowsPerTable(), b.rowsPerTable());
    // One file per table the generator writes at this size: 20 monthly, 3 annual, the
    // organisation reference and the organisations' types.
    assertEquals(LandingFixture.GENERATED.size(), hashesA.size(), hashesA.keySet().toString());
    assertEquals(25, hashesA.size());
  }

  @Test
  void faultsAreTheSameForTheSameSeedAndNoneAtRateZero() {
    Path clean = LandingFixture.temporaryFolder("mhcs-faults-0-");
    Path first = LandingFixture.temporaryFolder("mhcs-faults-a-");
    Path second = LandingFixture.temporaryFolder("mhcs-faults-b-");
    Path plain = LandingFixture.temporaryFolder("mhcs-faults-plain-");
    GeneratedLanding zero = SyntheticLanding.write(clean, PERIOD, SMALL, 7, 0.0);
    SyntheticLanding.write(plain, PERIOD, SMALL, 7);
    GeneratedLanding a = SyntheticLanding.write(first, PERIOD, SMALL, 7, 0.01);
    GeneratedLanding b = SyntheticLanding.write(second, PERIOD, SMALL, 7, 0.01);

    assertEquals(sha256OfEveryFile(plain), sha256OfEveryFile(clean), "rate 0 is a clean run");
    assertEquals(Map.of(), zero.faults());
    assertEquals(sha256OfEveryFile(first), sha256OfEveryFile(second));
    assertEquals(a.faults(), b.faults());
    assertTrue(a.faultCount() > 1000, "faults at 1%: " + a.faultCount());
    // A broken contact's activities are drawn but not written, so the rows that follow it are
    // those of the clean run: the contact files differ in the broken rows only.
    assertEquals(
        zero.rows("csds/CYP201CareContact")
            + a.faults("csds/CYP201CareContact").get("duplicate_key"),
        a.rows("csds/CYP201CareContact"));
  }

  @Test
  void threadCountDoesNotChangeTheFiles() {
    // Small chunks and small part files, so several chunks run at once and files roll over.
    Path oneThread = LandingFixture.temporaryFolder("mhcs-threads-1-");
    Path threeThreads = LandingFixture.temporaryFolder("mhcs-threads-3-");
    SyntheticLanding.write(
        oneThread, PERIOD, SMALL, 7, 0.005, new GenerationSettings(1, 20_000, 15_000));
    GeneratedLanding parallel =
        SyntheticLanding.write(
            threeThreads, PERIOD, SMALL, 7, 0.005, new GenerationSettings(3, 20_000, 15_000));

    assertTrue(
        parallel.filesPerTable().get("csds/CYP201CareContact") > 3,
        "expected several contact part files: " + parallel.filesPerTable());
    assertEquals(sha256OfEveryFile(oneThread), sha256OfEveryFile(threeThreads));
  }

  @Test
  void differentSeedWritesDifferentData() {
    Path first = LandingFixture.temporaryFolder("mhcs-seed-a-");
    Path second = LandingFixture.temporaryFolder("mhcs-seed-b-");
    SyntheticLanding.write(first, PERIOD, SMALL, 7);
    SyntheticLanding.write(second, PERIOD, SMALL, 8);

    Map<String, String> a = sha256OfEveryFile(first);
    Map<String, String> b = sha256OfEveryFile(second);
    assertEquals(a.keySet(), b.keySet());
    for (String file : a.keySet()) {
      assertNotEquals(a.get(file), b.get(file), file + " is the same for seeds 7 and 8");
    }
  }

  @Test
  void rerunReplacesThePeriodInsteadOfAddingToIt() {
    Path landing = LandingFixture.temporaryFolder("mhcs-rerun-");
    // First many small part files, then the default layout: none of the old parts may remain.
    SyntheticLanding.write(landing, PERIOD, SMALL, 7, new GenerationSettings(2, 20_000, 10_000));
    Path unrelated = landing.resolve("csds/CYP201CareContact/2024-05/notes.txt");
    Path unrelatedAnnual = landing.resolve("eric/trust/2024-25/notes.txt");
    write(unrelatedAnnual, "kept");
    write(unrelated, "kept");
    SyntheticLanding.write(landing, PERIOD, SMALL, 7);

    Path fresh = LandingFixture.temporaryFolder("mhcs-rerun-fresh-");
    SyntheticLanding.write(fresh, PERIOD, SMALL, 7);
    Map<String, String> rerun = sha256OfEveryFile(landing);
    rerun.remove("csds/CYP201CareContact/2024-05/notes.txt");
    rerun.remove("eric/trust/2024-25/notes.txt");
    assertEquals(sha256OfEveryFile(fresh), rerun);
    assertTrue(Files.exists(unrelated), "files the generator did not write are left alone");
    assertTrue(Files.exists(unrelatedAnnual), "in annual folders too");
  }

  @Test
  void scaleOutsideItsRangeIsRefusedWithTheValue() {
    Path landing = LandingFixture.temporaryFolder("mhcs-bad-scale-");
    for (double bad : new double[] {0, -1, 20.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> SyntheticLanding.write(landing, PERIOD, bad, 1));
      assertTrue(e.getMessage().contains("scale"), e.getMessage());
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
    assertTrue(isEmpty(landing), "nothing is written for a refused scale");
  }

  @Test
  void faultRateOutsideItsRangeIsRefusedWithTheValue() {
    Path landing = LandingFixture.temporaryFolder("mhcs-bad-rate-");
    for (double bad : new double[] {-0.01, 0.25, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> SyntheticLanding.write(landing, PERIOD, SMALL, 1, bad));
      assertTrue(e.getMessage().contains("fault rate"), e.getMessage());
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
    assertTrue(isEmpty(landing), "nothing is written for a refused fault rate");
  }

  @Test
  void periodWithoutBankHolidaysIsRefused() {
    Path landing = LandingFixture.temporaryFolder("mhcs-bad-period-");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SyntheticLanding.write(landing, YearMonth.of(2031, 1), 0.05, 1));
    assertTrue(e.getMessage().contains("bank_holidays"), e.getMessage());
  }

  /** Every file under {@code root} (relative path → SHA-256), hidden working files included. */
  static Map<String, String> sha256OfEveryFile(Path root) {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(root.relativize(file).toString().replace('\\', '/'), sha256(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmpty(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
