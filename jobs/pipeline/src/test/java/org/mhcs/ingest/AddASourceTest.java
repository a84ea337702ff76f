package org.mhcs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mhcs.calendar.Period;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.silver.FileCounts;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Hmac;
import org.mhcs.testing.LandingLoads;
import org.mhcs.warehouse.Warehouse;

/**
 * The README's "add a source" guide, proven: a table declared only in a schema folder of this test
 * (resources/add-a-source/schemas: ';'-delimited, a NULL token, an inline code list) is ingested,
 * typed, pseudonymised and validated with no code written for it.
 */
class AddASourceTest {
  @Test
  void aTableDeclaredOnlyInASchemaFileIsIngestedWithoutCodeChanges() {
    Warehouse warehouse = GoldenRuns.newWarehouse();
    SchemaCatalog schemas = SchemaCatalog.load(GoldenRuns.resource("/add-a-source/schemas"));
    List<FileCounts> files =
        LandingLoads.load(
                warehouse,
                schemas,
                GoldenRuns.resource("/add-a-source/landing"),
                Period.parse("2024-06"))
            .files();

    // Three rows: R1 and R2 are valid, R3's source of referral Z9 is not in the inline list.
    FileCounts f = files.get(0);
    assertEquals(
        List.of("talking_therapies/IDS101Referral/2024-06/referrals.csv", 3L, 2L, 1L),
        List.of(f.file(), f.read(), f.accepted(), f.quarantined()));
    List<Row> silver =
        warehouse
            .read(Table.silver("talking_therapies_ids101referral"))
            .orderBy("ServiceRequestId")
            .collectAsList();
    assertEquals(2, silver.size());
    Row r1 = silver.get(0);
    assertEquals("R1", r1.getAs("ServiceRequestId"));
    assertEquals(Hmac.hex(GoldenRuns.KEY, "P1"), r1.getAs("LocalPatientId"));
    assertEquals(Date.valueOf("2024-05-20"), r1.getAs("ReferralRequestReceivedDate"));
    assertTrue(r1.isNullAt(r1.fieldIndex("ServDischDate"))); // "NULL" is the file's null token
    assertEquals(Integer.valueOf(3), r1.getAs("Sessions"));
    Row rejected =
        warehouse
            .read(Table.QUARANTINE)
            .where("source_table = 'talking_therapies/IDS101Referral'")
            .first();
    assertEquals(
        List.of("T01", 4L, "SourceOfReferralIAPT", "code_list", "Z9"),
        List.of(
            rejected.getAs("submitter"),
            rejected.getAs("line"),
            rejected.getAs("field"),
            rejected.getAs("rule"),
            rejected.getAs("value")));
  }
}
