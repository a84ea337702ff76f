package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;

/** What ./mhcs sql prints: RFC 4180 CSV, and one line for a table the warehouse lacks. */
@ResourceLock(Scheduling.SESSION_CATALOG)
class SqlOutputTest {
  private static Outcome sql(String statement) {
    return CommandLine.run(
        "sql", "--warehouse", GoldenRuns.community().root().toString(), statement);
  }

  @Test
  void aValueWithACommaAQuoteOrALineBreakIsQuotedAndNothingElseIs() {
    Outcome o =
        sql(
            "SELECT 'a,b' AS comma, 'say \"hi\"' AS quote, 'line 1\\nline 2' AS newline,"
                + " ' padded ' AS spaces, CAST(NULL AS STRING) AS nothing, '' AS empty, 2.5 AS n,"
                + " 'cr\\rhere' AS cr");
    assertEquals(0, o.code(), o.err());
    assertEquals(
        "comma,quote,newline,spaces,nothing,empty,n,cr\n"
            + "\"a,b\",\"say \"\"hi\"\"\",\"line 1\nline 2\", padded ,,,2.5,\"cr\rhere\"\n",
        o.out());
  }

  @Test
  void aTableTheWarehouseLacksIsNamedInOneLineWithTheClosestTable() {
    Outcome typo = sql("SELECT * FROM gold.benchmrk");
    assertEquals(2, typo.code());
    assertEquals(
        "mhcs sql: no table gold.benchmrk; did you mean gold.benchmark? (./mhcs tables lists"
            + " every table; names are layer.table, e.g. gold.benchmark)\n",
        typo.err());
    Outcome withoutLayer = sql("SELECT * FROM benchmark");
    assertEquals(
        "mhcs sql: no table benchmark; did you mean gold.benchmark? (./mhcs tables lists every"
            + " table; names are layer.table, e.g. gold.benchmark)\n",
        withoutLayer.err());
    Outcome nothingClose = sql("SELECT * FROM gold.zzz_nothing_like_it");
    assertEquals(
        "mhcs sql: no table gold.zzz_nothing_like_it (./mhcs tables lists every table; names are"
            + " layer.table, e.g. gold.benchmark)\n",
        nothingClose.err());
    // Declared in schemas/, but the golden community run landed no ERIC returns.
    Outcome notYet = sql("SELECT * FROM bronze.eric_trust");
    assertEquals(2, notYet.code());
    assertEquals(
        "mhcs sql: table bronze.eric_trust is not in this warehouse yet: a run writes it (./mhcs"
            + " run, or ./mhcs demo); ./mhcs tables lists every table\n",
        notYet.err());
  }
}
