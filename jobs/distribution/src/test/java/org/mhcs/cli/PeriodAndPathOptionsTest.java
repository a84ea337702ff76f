package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mhcs.testing.CommandLine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhcs.command.Arguments;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;

/**
 * Every {@code --period} (and {@code --month}) goes through {@link Arguments#period} (or, where a
 * financial year is allowed too, {@link Arguments#runPeriod}): a value of neither form is a usage
 * error (exit 2) naming the option and the forms, and nothing is written. Folders and files are
 * resolved, normalised and checked before anything starts.
 */
class PeriodAndPathOptionsTest {
  private static final List<String> NOT_MONTHS =
      List.of("2024-06' OR '1'='1", "2024-13", "2024-6", "", "../2024-06");

  private static String notAMonth(String option, String value) {
    return "--"
        + option
        + ": period '"
        + value
        + "' is not a month: use YYYY-MM, for example 2024-06";
  }

  /** What commands that also take a financial year (run, report, opportunities, export) say. */
  private static String notAPeriod(String option, String value) {
    return "--"
        + option
        + ": period '"
        + value
        + "' is neither a month (YYYY-MM, for example 2024-06) nor a financial year (YYYY-YY,"
        + " for example 2024-25, to run the annual returns alone)";
  }

  private static final List<String> TAKE_YEARS =
      List.of("run", "report", "opportunities", "export");

  @Test
  void everyCommandRefusesAPeriodThatIsNotAMonthAndWritesNothing() {
    Path root = SharedSpark.newFolder("periods-");
    String empty = SharedSpark.newFolder("empty-warehouse-").toString();
    String landing = GoldenRuns.landing("community").toString();
    Path written = root.resolve("written");
    for (String v : NOT_MONTHS) {
      List<String[]> lines = new ArrayList<>();
      lines.add(new String[] {"demo", "--warehouse", written.toString(), "--period", v});
      lines.add(new String[] {"generate", "--out", written.toString(), "--period", v});
      lines.add(
          new String[] {
            "report", "--warehouse", empty, "--out", written.toString(), "--period", v
          });
      lines.add(new String[] {"opportunities", "--warehouse", empty, "--period", v});
      lines.add(new String[] {"peers", "--warehouse", empty, "--period", v, "A01"});
      lines.add(
          new String[] {
            "export",
            "--warehouse",
            empty,
            "--table",
            "gold.benchmark",
            "--out",
            written.resolve("b.csv").toString(),
            "--period",
            v
          });
      for (String[] line : lines) {
        Outcome o = run(line);
        assertEquals(2, o.code(), String.join(" ", line) + "\n" + o.err());
        String expected =
            TAKE_YEARS.contains(line[0]) ? notAPeriod("period", v) : notAMonth("period", v);
        assertEquals(
            List.of("mhcs " + line[0] + ": " + expected),
            o.err().lines().toList(),
            String.join(" ", line));
      }
      Outcome month = run("service-lines", "--month", v);
      assertEquals(2, month.code());
      assertEquals(
          List.of("mhcs service-lines: " + notAMonth("month", v)), month.err().lines().toList());

      // run lists every problem at once: without MHCS_HASH_KEY in the environment the missing key
      // is listed too, but a wrong command line is still exit 2.
      Outcome ran =
          run("run", "--landing", landing, "--warehouse", written.toString(), "--period", v);
      assertEquals(2, ran.code(), ran.err());
      assertTrue(ran.err().contains(notAPeriod("period", v)), ran.err());
      assertFalse(Files.exists(written), "nothing is written for " + v);
    }
  }

  @Test
  void foldersAreResolvedAndCheckedBeforeAnythingStarts() throws IOException {
    Path root = SharedSpark.newFolder("paths-");
    Path file = Files.writeString(root.resolve("a file"), "not a folder");
    // Relative segments are resolved: the message names the folder that would be used.
    String underAFile = root + "/elsewhere/../a file/warehouse";
    Outcome under = run("generate", "--out", underAFile, "--period", "2024-06");
    assertEquals(2, under.code());
    assertEquals(
        List.of(
            "mhcs generate: --out "
                + file.resolve("warehouse")
                + ": cannot be created, "
                + file
                + " is a file: choose a folder elsewhere"),
        under.err().lines().toList());

    Outcome isFile = run("demo", "--warehouse", file.toString());
    assertEquals(2, isFile.code());
    assertEquals(
        List.of("mhcs demo: --warehouse " + file + " is a file, not a folder"),
        isFile.err().lines().toList());

    Outcome noLanding =
        run(
            "run",
            "--landing",
            root.resolve("no landing").toString(),
            "--warehouse",
            root.resolve("w").toString(),
            "--period",
            "2024-06");
    assertEquals(2, noLanding.code());
    assertTrue(
        noLanding.err().contains("--landing " + root.resolve("no landing") + ": no such folder"),
        noLanding.err());

    Outcome folderAsFile =
        run(
            "export",
            "--warehouse",
            root.toString(),
            "--table",
            "gold.peer",
            "--out",
            root.toString());
    assertEquals(2, folderAsFile.code());
    assertEquals(
        List.of("mhcs export: --out " + root + " is a folder; give a file name"),
        folderAsFile.err().lines().toList());
    assertEquals(List.of(file), Files.list(root).toList(), "the checks leave nothing behind");
  }

  @Test
  void aFolderThatCannotBeWrittenIsRefusedEvenForRoot() {
    // /sys refuses new files even to root, who is not stopped by permission bits: the check
    // creates a file rather than trusting Files.isWritable.
    Path sys = Path.of("/sys");
    boolean writable;
    try {
      Files.delete(Files.createTempFile(sys, "probe", ".tmp"));
      writable = true;
    } catch (IOException e) {
      writable = false;
    }
    assumeTrue(Files.isDirectory(sys) && !writable, "needs Linux's /sys");
    Outcome o = run("generate", "--out", "/sys/mhcs-landing", "--period", "2024-06");
    assertEquals(2, o.code());
    assertEquals(
        List.of(
            "mhcs generate: --out /sys/mhcs-landing: cannot write there (Permission denied):"
                + " choose a writable folder"),
        o.err().lines().toList());
  }

  @Test
  void anExportGoesToAPathWithSpaces() throws IOException {
    Path out = SharedSpark.newFolder("exports ").resolve("peer lists/peers of all.csv");
    Outcome o =
        run(
            "export",
            "--warehouse",
            GoldenRuns.community().root().toString(),
            "--table",
            "gold.peer",
            "--out",
            out.toString());
    assertEquals(0, o.code(), o.err());
    // golden/community: three organisations, each with the other two as peers.
    assertTrue(o.out().startsWith("exported 6 rows of gold.peer to " + out + " "), o.out());
    assertEquals(7, Files.readAllLines(out).size());
  }
}
