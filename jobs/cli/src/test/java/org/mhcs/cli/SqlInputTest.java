package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mhcs.testing.CommandLine.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;
import org.mhcs.testing.WarehouseCopies;

/**
 * {@code ./mhcs sql} runs queries only: every kind of statement that would write, change a
 * definition or a setting is refused before it runs, and the warehouse is unchanged to the byte;
 * queries, SHOW, DESCRIBE and EXPLAIN still run. {@code --as-of} refuses what is neither a
 * timestamp nor table@version. Works on a copy of the golden community warehouse, in a folder whose
 * name has spaces.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
class SqlInputTest {
  private static Path warehouse;

  @BeforeAll
  static void copyTheGoldenWarehouse() {
    warehouse = WarehouseCopies.copy(GoldenRuns.community().root(), "warehouse with spaces ");
  }

  private static Outcome sql(String statement) {
    return run("sql", "--warehouse", warehouse.toString(), statement);
  }

  private static String refusal(String what) {
    return "mhcs sql: ./mhcs sql runs queries only; this statement is a write, DDL or settings"
        + " statement ("
        + what
        + "). SELECT, WITH, SHOW, DESCRIBE and EXPLAIN run; the warehouse changes only through"
        + " ./mhcs run";
  }

  @Test
  void everyKindOfWriteIsRefusedBeforeItRuns() {
    List<String> before = WarehouseCopies.files(warehouse);
    String benchmark = warehouse.resolve("gold/benchmark").toString();
    Path elsewhere = SharedSpark.newFolder("sql-out-");
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("DROP TABLE gold.benchmark", "DropTable");
    refused.put("DELETE FROM gold.benchmark", "DeleteFromTable");
    refused.put("DELETE FROM delta.`" + benchmark + "` WHERE true", "DeleteFromTable");
    refused.put("UPDATE gold.benchmark SET p50 = 0", "UpdateTable");
    refused.put(
        "MERGE INTO gold.benchmark t USING gold.benchmark s ON false WHEN NOT MATCHED THEN"
            + " INSERT *",
        "MergeIntoTable");
    refused.put(
        "INSERT INTO gold.benchmark SELECT * FROM gold.benchmark", "INSERT (InsertIntoStatement)");
    refused.put(
        "WITH b AS (SELECT * FROM gold.benchmark) INSERT OVERWRITE gold.benchmark SELECT * FROM b",
        "INSERT (InsertIntoStatement)");
    refused.put(
        "INSERT OVERWRITE DIRECTORY '" + elsewhere + "' USING csv SELECT 1",
        "INSERT (InsertIntoDir)");
    refused.put("TRUNCATE TABLE gold.benchmark", "TruncateTable");
    refused.put("CREATE TABLE gold.copy AS SELECT * FROM gold.benchmark", "CreateTableAsSelect");
    refused.put("CREATE TABLE gold.c SHALLOW CLONE gold.benchmark", "CloneTableStatement");
    refused.put("CREATE VIEW gold.v AS SELECT 1 AS one", "CreateView");
    refused.put("ALTER TABLE gold.benchmark ADD COLUMNS (x INT)", "AddColumns");
    refused.put("VACUUM gold.benchmark RETAIN 0 HOURS", "VacuumTableCommand");
    refused.put("OPTIMIZE gold.benchmark", "OptimizeTableCommand");
    refused.put("RESTORE TABLE gold.benchmark TO VERSION AS OF 0", "RestoreTableStatement");
    refused.put("CONVERT TO DELTA parquet.`" + elsewhere + "`", "ConvertToDeltaCommand");
    refused.put(
        "GENERATE symlink_format_manifest FOR TABLE gold.benchmark", "DeltaGenerateCommand");
    refused.put("CACHE TABLE b AS SELECT * FROM gold.benchmark", "CacheTableAsSelect");
    refused.put("ADD JAR /nonexistent/x.jar", "AddJarsCommand");
    refused.put("ANALYZE TABLE gold.benchmark COMPUTE STATISTICS", "AnalyzeTable");
    refused.put("EXPLAIN DELETE FROM gold.benchmark", "DeleteFromTable");
    refused.put("SET spark.sql.shuffle.partitions = 1", "SET key=value");
    refused.put("RESET", "ResetCommand");
    refused.put(
        "SELECT reflect('java.lang.System', 'setProperty', 'a', 'b')", "reflect/java_method");
    for (Map.Entry<String, String> r : refused.entrySet()) {
      Outcome o = sql(r.getKey());
      assertEquals(2, o.code(), r.getKey() + "\n" + o.err());
      assertEquals(refusal(r.getValue()), o.err().lines().findFirst().orElse(""), r.getKey());
    }
    assertEquals(before, WarehouseCopies.files(warehouse));
    assertEquals(List.of(), WarehouseCopies.files(elsewhere));
  }

  @Test
  void queriesShowDescribeAndExplainStillRun() {
    // DNA rates of golden/community (GoldenCommunityRunTest): A01 2/6, A02 0/2, A03 1/4.
    assertEquals(
        "org_code\nA01\nA02\nA03\n",
        answer(
            "SELECT org_code FROM gold.metric_value WHERE metric_id = 'dna_rate_pct'"
                + " ORDER BY org_code"));
    assertEquals(
        "n\n3\n",
        answer(
            "WITH d AS (SELECT * FROM gold.metric_value WHERE metric_id = 'dna_rate_pct')"
                + " SELECT count(*) AS n FROM d"));
    assertEquals(
        "org_code\nA01\n",
        answer(
            "SELECT org_code FROM gold.metric_value WHERE metric_id = 'dna_rate_pct' AND value ="
                + " (SELECT max(value) FROM gold.metric_value WHERE metric_id = 'dna_rate_pct')"));
    assertEquals(
        List.of(
            "benchmark",
            "dim_metric",
            "dim_organisation",
            "dim_period",
            "dim_service_line",
            "metric_basis",
            "metric_trend",
            "metric_value",
            "opportunity",
            "opportunity_family",
            "opportunity_national",
            "org_position",
            "org_system_position",
            "peer",
            "system_benchmark",
            "system_opportunity",
            "system_value"),
        answer("SHOW TABLES IN gold").lines().skip(1).map(l -> l.split(",")[1]).sorted().toList());
    assertEquals(
        "key,value\nspark.sql.session.timeZone,UTC\n", answer("SET spark.sql.session.timeZone"));
    assertEquals(
        "col_name", answer("DESCRIBE gold.peer").lines().findFirst().orElse("").split(",")[0]);
    assertEquals("plan", answer("EXPLAIN SELECT 1").lines().findFirst().orElse(""));
    // One line per commit, newest first: the commit files in the table's _delta_log, counted here
    // (other tests may have run the shared golden warehouse again before it was copied).
    long commits;
    try (var log = java.nio.file.Files.list(warehouse.resolve("gold/benchmark/_delta_log"))) {
      commits = log.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> expected = new java.util.ArrayList<>(List.of("version"));
    for (long v = commits - 1; v >= 0; v--) {
      expected.add(Long.toString(v));
    }
    List<String> history = answer("DESCRIBE HISTORY gold.benchmark").lines().toList();
    assertEquals(expected, history.stream().map(l -> l.split(",")[0]).toList());
  }

  @Test
  void noStatementReadsAFileByPath() throws Exception {
    // A landing-like file whose every line carries a marker; /etc/passwd always holds "root:".
    Path folder = SharedSpark.newFolder("sql-files-");
    Path landingFile = folder.resolve("contacts.csv");
    java.nio.file.Files.writeString(
        landingFile, "OrgID_Provider,LocalPatientId\nB09,SECRET-PATIENT-4711\n");
    Path json = folder.resolve("rows.json");
    java.nio.file.Files.writeString(json, "{\"SECRET-KEY-4711\": \"SECRET-PATIENT-4711\"}\n");
    String benchmark = warehouse.resolve("gold/benchmark").toString();
    // statement -> the path form the refusal names, as written in the statement
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("SELECT * FROM text.`/etc/passwd`", "text.`/etc/passwd`");
    refused.put("SELECT * FROM csv.`" + landingFile + "`", "csv.`" + landingFile + "`");
    refused.put("SELECT * FROM json.`" + json + "`", "json.`" + json + "`");
    refused.put("SELECT * FROM parquet.`" + landingFile + "`", "parquet.`" + landingFile + "`");
    refused.put("SELECT * FROM orc.`" + landingFile + "`", "orc.`" + landingFile + "`");
    refused.put("SELECT * FROM binaryFile.`/etc/passwd`", "binaryFile.`/etc/passwd`");
    refused.put("SELECT count(*) FROM delta.`" + benchmark + "`", "delta.`" + benchmark + "`");
    refused.put(
        "SELECT * FROM delta.`" + benchmark + "` VERSION AS OF 0", "delta.`" + benchmark + "`");
    refused.put(
        "SELECT * FROM table_changes_by_path('" + benchmark + "', 0)", "table_changes_by_path(…)");
    // Hidden inside a CTE, a subquery, a join and an EXPLAIN.
    refused.put(
        "WITH p AS (SELECT * FROM text.`/etc/passwd`) SELECT * FROM p", "text.`/etc/passwd`");
    refused.put(
        "SELECT * FROM gold.peer WHERE EXISTS (SELECT 1 FROM csv.`" + landingFile + "`)",
        "csv.`" + landingFile + "`");
    refused.put("SELECT * FROM gold.peer JOIN text.`/etc/passwd` ON true", "text.`/etc/passwd`");
    refused.put("EXPLAIN SELECT * FROM text.`/etc/passwd`", "text.`/etc/passwd`");
    refused.put("DESCRIBE json.`" + json + "`", "json.`" + json + "`");
    for (Map.Entry<String, String> r : refused.entrySet()) {
      Outcome o = sql(r.getKey());
      assertEquals(2, o.code(), r.getKey() + "\n" + o.out() + o.err());
      assertEquals(
          "mhcs sql: SQL here reads the warehouse's tables by name, never a file by path ("
              + r.getValue()
              + "): query the tables by name, e.g. gold.benchmark (SHOW TABLES IN gold lists"
              + " gold's); a landing file reaches the warehouse only through ./mhcs run",
          o.err().lines().findFirst().orElse(""),
          r.getKey());
      assertEquals("", o.out(), r.getKey());
      for (String content : List.of("root:", "SECRET-PATIENT-4711", "SECRET-KEY-4711")) {
        assertFalse(o.err().contains(content), r.getKey() + " printed " + content);
      }
    }
    // A function no Spark here has, to read files: refused as unknown, and nothing printed.
    Outcome readFiles = sql("SELECT * FROM read_files('" + landingFile + "')");
    assertEquals(2, readFiles.code(), readFiles.err());
    assertFalse((readFiles.out() + readFiles.err()).contains("SECRET-PATIENT-4711"));
    // The warehouse's own tables still answer by name, in this session and as of a version.
    assertEquals(
        "n\n1\n", answer("SELECT count(*) AS n FROM (SELECT 1 FROM gold.benchmark LIMIT 1)"));
    long atVersion0 =
        SharedSpark.session()
            .read()
            .format("delta")
            .option("versionAsOf", 0)
            .load(benchmark)
            .count();
    Outcome asOf =
        run(
            "sql",
            "--warehouse",
            warehouse.toString(),
            "--as-of",
            "gold.benchmark@0",
            "SELECT count(*) AS n FROM gold.benchmark");
    assertEquals("n\n" + atVersion0 + "\n", asOf.out(), asOf.err());
  }

  @Test
  void anAsOfThatIsNeitherATimestampNorAVersionIsRefused() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put(
        "2024-06-01' OR '1'='1",
        "mhcs sql: --as-of '2024-06-01' OR '1'='1' is neither a timestamp (e.g. 2026-11-24"
            + " 03:00:00) nor table@version,... (e.g. gold.metric_value@12)");
    refused.put(
        "gold.benchmark@0; DROP TABLE gold.peer",
        "mhcs sql: --as-of 'gold.benchmark@0; DROP TABLE gold.peer' is not table@version, e.g."
            + " gold.metric_value@12");
    refused.put(
        "gold.benchmark' OR '1'='1@0",
        "mhcs sql: --as-of names gold.benchmark' OR '1'='1, which is not a table of this"
            + " warehouse (./mhcs tables lists them)");
    List<String> before = WarehouseCopies.files(warehouse);
    for (Map.Entry<String, String> r : refused.entrySet()) {
      Outcome o =
          run("sql", "--warehouse", warehouse.toString(), "--as-of", r.getKey(), "SELECT 1");
      assertEquals(1, o.code(), r.getKey() + "\n" + o.err());
      assertEquals(r.getValue(), o.err().lines().findFirst().orElse(""), r.getKey());
    }
    assertEquals(before, WarehouseCopies.files(warehouse));
  }

  private static String answer(String statement) {
    Outcome o = sql(statement);
    assertEquals(0, o.code(), statement + "\n" + o.err());
    return o.out();
  }
}
