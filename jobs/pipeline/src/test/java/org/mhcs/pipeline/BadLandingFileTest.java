package org.mhcs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.ingest.LandingFileException;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

class BadLandingFileTest {
  @Test
  void aFileMissingARequiredColumnStopsTheRunBeforeAnyTableIsWritten() throws IOException {
    // A copy of golden/community whose ESR staff file lacks Contracted_WTE. esr/staff_in_post is
    // checked after every csds table, so a check-as-you-load run would already have written those.
    Path landing = SharedSpark.newFolder("landing-");
    Path golden = GoldenRuns.landing("community");
    try (Stream<Path> files = Files.walk(golden)) {
      for (Path from : files.filter(Files::isRegularFile).toList()) {
        Path to = landing.resolve(golden.relativize(from).toString());
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
      }
    }
    Path staff = landing.resolve("esr/staff_in_post/2024-06/sip.csv");
    List<String> lines = Files.readAllLines(staff);
    Files.write(
        staff,
        lines.stream()
            .map(
                l ->
                    l.replaceAll(",[^,]*,Cost_Centre", ",Cost_Centre")
                        .replaceAll(",(1\\.0|0\\.5),CC", ",CC"))
            .toList());
    Warehouse warehouse = GoldenRuns.newWarehouse();

    LandingFileException e =
        assertThrows(
            LandingFileException.class,
            () ->
                GoldenRuns.pipeline(warehouse, GoldenRuns.SETTINGS)
                    .execute(new LandingFolder(landing), Period.parse("2024-06")));
    assertTrue(
        e.getMessage().startsWith(staff + ": lacks required column(s) [Contracted_WTE]"),
        e.getMessage());
    // Only the run log, which records the failure, exists.
    assertEquals(
        List.of("ops.run_log"), warehouse.tables().stream().map(Object::toString).toList());
  }
}
