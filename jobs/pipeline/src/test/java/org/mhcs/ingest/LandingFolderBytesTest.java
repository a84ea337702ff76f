package org.mhcs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhcs.calendar.Period;
import org.mhcs.schema.SchemaCatalog;

/** A run's work is measured by the bytes of the CSV files it would load for its period. */
class LandingFolderBytesTest {
  @Test
  void countsEveryTablesCsvFilesOfThePeriodAndNothingElse(@TempDir Path root) throws IOException {
    write(root, "esr/leavers/2024-06/a.csv", 100);
    write(root, "esr/leavers/2024-06/b.csv", 20);
    write(root, "esr/leavers/2024-06/notes.txt", 1000); // not a CSV file: never read
    write(root, "esr/leavers/2024-06/.hidden.csv", 1000); // hidden: never read
    write(root, "esr/leavers/2024-05/c.csv", 1000); // another month
    write(root, "ref/organisations/etr-2024-06.csv", 3); // a reference: no period folder
    write(root, "eric/trust/2024-25/trust.csv", 4000); // annual: the financial year of 2024-06
    write(root, "eric/trust/2023-24/trust.csv", 1000); // the year before
    // 100 + 20 + 3 + 4000, by hand.
    assertEquals(
        4123,
        new LandingFolder(root).bytes(SchemaCatalog.bundled().tables(), Period.parse("2024-06")));
  }

  private static void write(Path root, String file, int bytes) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.write(path, new byte[bytes]);
  }
}
