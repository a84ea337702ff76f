package org.mhcs.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mhcs.calendar.Period;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.ops.RunLog;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.testing.Answers;
import org.mhcs.testing.ConfCopies;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.LandingLoads;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * Service lines over two months of golden/community (June 2024, and the same files moved to July)
 * in which trust A01 codes its district nursing team with a local team type, {@code DN1}, that no
 * national mapping covers. Mapping version 1 is the bundled one; version 2 adds A01's own row
 * mapping DN1 to community nursing from July 2024, the way an analyst fixes a trust's local code.
 *
 * <p>Conformed contacts per month (golden/community's comments): A01 has C01–C08 in June, and in
 * July also C17 (dated 1 July, rejected in June), so 8 and 9; A02 has 2; A03 has 5, one of them
 * (C15) on team A03T9 of type 99, which is not a CSDS code. A01's one clinical assignment works in
 * team A01T1 (cost centre CC1), so it has no service line while DN1 is unmapped.
 */
@Order(Scheduling.SLOW_ON_ITS_OWN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceLineChangeTest {
  private static final Period JUNE = Period.parse("2024-06");
  private static final Period JULY = Period.parse("2024-07");
  private static final SchemaCatalog SCHEMAS = SchemaCatalog.bundled();
  private static final CodeLists CODE_LISTS = CodeLists.bundled();

  static Warehouse warehouse;
  static ServiceLines v1;
  static ServiceLines v2;
  static ConformStage.Result juneV1;
  static ConformStage.Result julyV1;
  static List<String> juneV1Rows;

  @BeforeAll
  static void loadTwoMonths() {
    Path landing = landingWithLocalTeamType();
    warehouse = GoldenRuns.newWarehouse();
    LandingLoads.load(warehouse, SCHEMAS, landing, JUNE);
    LandingLoads.load(warehouse, SCHEMAS, landing, JULY);
    v1 = ServiceLines.load(ConfFiles.directory(ConfCopies.copy()), CODE_LISTS);
    Path edited = ConfCopies.copy();
    ConfCopies.replace(edited, "service_line_maps/version.txt", "\n2026.2", "\n2026.3");
    ConfCopies.append(
        edited,
        "service_line_maps/csds_team_type.csv",
        "DN1,A01's local code for district nursing,community_nursing,2024-07,,A01,\n");
    v2 = ServiceLines.load(ConfFiles.directory(edited), CODE_LISTS);
    juneV1 = conform(v1, 100, JUNE);
    julyV1 = conform(v1, 100, JULY);
    juneV1Rows = contacts(JUNE);
  }

  @Test
  @Order(1)
  void unmappedCodesAreCountedExactly() {
    assertEquals(List.of(15L, 9L, 0L), counts(juneV1), "June: 8 DN1 + 1 type 99 unmapped");
    assertEquals(List.of(16L, 10L, 0L), counts(julyV1), "July: 9 DN1 + 1 type 99 unmapped");
    for (String month : List.of("2024-06", "2024-07")) {
      long dn1 = month.equals("2024-06") ? 8 : 9;
      Answers.assertRows(
          unmapped(month),
          List.of(
              List.of("csds", "CSDS.TeamType", "99", 1L, 1L, "A03", v1.version()),
              List.of("csds", "CSDS.TeamType", "DN1", dn1, 1L, "A01", v1.version()),
              List.of("esr", "ESR.Cost_Centre", "CC1", 1L, 1L, "A01", v1.version())),
          0);
    }
  }

  @Test
  @Order(2)
  void aMappingChangeFromALaterMonthChangesOnlyThatMonthsRows() {
    ConformStage.Result julyV2 = conform(v2, 100, JULY);
    assertEquals(List.of(16L, 1L, 0L), counts(julyV2), "only C15 (type 99) is left unmapped");
    // July's A01 contacts now map; nothing else in July changed service line.
    List<String> july = contacts(JULY);
    assertEquals(16, july.size());
    for (String row : july) {
      String expected =
          row.startsWith("C15|")
              ? "C15|null|unmapped|" + v2.version()
              : row.substring(0, row.indexOf('|')) + "|community_nursing|mapped|" + v2.version();
      assertEquals(expected, row);
    }
    Answers.assertRows(
        unmapped("2024-07"),
        List.of(List.of("csds", "CSDS.TeamType", "99", 1L, 1L, "A03", v2.version())),
        0);
    Answers.assertRows(
        warehouse
            .read(Table.CONFORMED_CAPACITY)
            .where("period = '2024-07' AND clinical")
            .selectExpr("org_code", "service_line", "mapped_by")
            .orderBy("org_code"),
        List.of(
            List.of("A01", "community_nursing", "CSDS.TeamType"),
            List.of("A02", "community_nursing", "CSDS.TeamType"),
            List.of("A03", "community_nursing", "CSDS.TeamType")),
        0);
    // June's rows are untouched: same service lines, still version 1.
    assertEquals(juneV1Rows, contacts(JUNE));
    assertTrue(juneV1Rows.stream().allMatch(r -> r.endsWith("|" + v1.version())));

    // Re-conforming June with version 2 gives the same service lines (DN1 maps only from July);
    // the rows now record that version 2 conformed them.
    conform(v2, 100, JUNE);
    List<String> juneV2 = contacts(JUNE);
    assertEquals(
        juneV1Rows.stream().map(r -> r.replace(v1.version(), v2.version())).toList(), juneV2);
  }

  @Test
  @Order(3)
  void aRunFailsAboveTheUnmappedThresholdAfterWritingWhatToFix() {
    // June under version 1: 9 of 15 contacts unmapped = 60% > 50%.
    DataRejectedException e =
        assertThrows(DataRejectedException.class, () -> conform(v1, 50, JUNE));
    assertTrue(e.getMessage().contains("60.00% of 2024-06's contacts (9 of 15)"), e.getMessage());
    assertTrue(e.getMessage().contains("conform.max_unmapped_pct=50"), e.getMessage());
    assertEquals(3, unmapped("2024-06").count(), "the codes to map are written before failing");
  }

  private static ConformStage.Result conform(ServiceLines lines, double maxPct, Period period) {
    RunLog log = new RunLog("test-" + System.nanoTime(), period.toString(), l -> {});
    try {
      return new ConformStage(warehouse, SCHEMAS, CODE_LISTS, lines, maxPct, log, 3)
          .execute(period);
    } finally {
      log.save(warehouse);
      assertTrue(
          log.rows().stream().anyMatch(r -> r.toString().contains(lines.version())),
          "ops.run_log records the mapping version");
    }
  }

  private static List<Long> counts(ConformStage.Result r) {
    return List.of(r.contacts(), r.unmappedContacts(), r.excludedContacts());
  }

  private static org.apache.spark.sql.Dataset<Row> unmapped(String period) {
    return warehouse
        .read(Table.UNMAPPED_CODES)
        .where("period = '" + period + "'")
        .selectExpr(
            "dataset", "code_system", "code", "rows", "n_orgs", "organisations", "mapping_version")
        .orderBy("code_system", "code");
  }

  /** contact|service line|status|version for each of the month's contacts, by contact. */
  private static List<String> contacts(Period period) {
    return warehouse
        .read(Table.CONFORMED_CONTACTS)
        .where("period = '" + period + "'")
        .orderBy("contact_id")
        .collectAsList()
        .stream()
        .map(
            r ->
                r.getAs("contact_id")
                    + "|"
                    + r.getAs("service_line")
                    + "|"
                    + r.getAs("mapping_status")
                    + "|"
                    + r.getAs("mapping_version"))
        .toList();
  }

  /** golden/community for June and, moved a month on, July; A01's team type 12 becomes DN1. */
  private static Path landingWithLocalTeamType() {
    Path golden = GoldenRuns.landing("community");
    Path landing = SharedSpark.newFolder("two-months-");
    try (Stream<Path> files = Files.walk(golden)) {
      List<Path> all = new ArrayList<>(files.filter(Files::isRegularFile).toList());
      for (Path file : all) {
        Path relative = golden.relativize(file);
        String text =
            Files.readString(file, StandardCharsets.UTF_8).replace("A01T1,12,", "A01T1,DN1,");
        write(landing.resolve(relative), text);
        if (relative.toString().contains("2024-06")) {
          write(
              landing.resolve(relative.toString().replace("2024-06", "2024-07")),
              text.replace("2024-06-", "2024-07-"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return landing;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
