package org.mhcs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhcs.conf.ConfigException;

/** Files without a header row: columns bound by position, dated by the file's name. */
class HeaderlessLayoutTest {
  private static final String HEAD = "source: s\ntable: t\nperiod: none\n";

  @Test
  void theBundledOdsExtractIsBoundByPositionAndDatedByItsName() {
    LandingTableSpec etr = SchemaCatalog.bundled().table("ref", "organisations");
    assertEquals(true, etr.format().headerless());
    assertEquals(
        List.of(1, 2, 3, 4, 11, 12, 0), etr.columns().stream().map(ColumnSpec::position).toList());
    assertEquals("etr-YYYY-MM", etr.column("Snapshot_Date").orElseThrow().fromFileName());
    assertEquals(List.of("Org_Code", "Snapshot_Date"), etr.key());
  }

  @Test
  void basicDatesBecomeIsoAndOtherTextIsLeftForSilverToRefuse() {
    assertEquals("2024-11-01", Normalisation.BASIC_DATE.apply(" 20241101 "));
    assertEquals("2024-11", Normalisation.BASIC_DATE.apply("2024-11"));
    assertEquals(null, Normalisation.BASIC_DATE.apply(null));
  }

  @Test
  void everyLayoutMistakeIsReportedWithItsFile(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("t.yaml"),
        HEAD
            + "format: {header_row: 0}\n"
            + "columns:\n"
            + "  - {name: a, position: 1}\n"
            + "  - {name: d, from_file_name: \"etr-YYYY\", type: date}\n" // no YYYY-MM
            + "  - {name: e, from_file_name: \"x-YYYY-MM\"}\n" // not a date
            + "  - {name: f, position: 0}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> SchemaCatalog.load(dir));
    String file = dir.resolve("t.yaml").toString();
    assertEquals(
        List.of(
            file
                + ": column d: from_file_name 'etr-YYYY' must hold YYYY-MM once, where the"
                + " file's name carries its month (e.g. etr-YYYY-MM)",
            file + ": column e: from_file_name gives the first day of a month, so the type is date",
            file + ": column f: position counts fields from 1, not '0'"),
        e.problems());
  }

  @Test
  void positionsAreCheckedAgainstTheHeaderRow(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("t.yaml"),
        HEAD
            + "format: {header_row: 0}\n"
            + "columns:\n"
            + "  - {name: a, position: 1}\n"
            + "  - {name: b}\n"
            + "  - {name: c, position: 1}\n");
    Files.writeString(
        dir.resolve("u.yaml"),
        "source: s\ntable: u\nperiod: none\ncolumns:\n  - {name: a, position: 2}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> SchemaCatalog.load(dir));
    assertEquals(
        List.of(
            dir.resolve("t.yaml")
                + ": column b: the file has no header row (header_row: 0), so the column needs"
                + " position",
            dir.resolve("t.yaml") + ": column c: position 1 is already a",
            dir.resolve("u.yaml")
                + ": column a: position binds a field only in a file without a header row;"
                + " declare format: {header_row: 0} or remove position"),
        e.problems());
  }
}
