package org.mhcs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.mhcs.schema.Layer;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.Table;
import org.mhcs.schema.TableCatalog;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Warehouse;

/**
 * The JDBC server over the golden/community warehouse, queried through the real Hive JDBC driver
 * (hive-jdbc 2.3.9, as BI tools use it). Values are the hand-worked ones of GoldenCommunityRunTest.
 */
// Serving read-only guards every other session of the JVM (ReadOnlyGuard), and the notebooks
// of other classes run in such sessions.
@Isolated
class JdbcServerTest {
  private static final TableCatalog CATALOG = TableCatalog.bundled(SchemaCatalog.bundled());

  /**
   * {@code ./mhcs serve} starts in a JVM of its own, with an empty catalog; here other classes' sql
   * and notebook commands have named their warehouses' tables in the one session. Dropping a
   * database drops names only: every table is external, its data stays.
   */
  @BeforeEach
  void emptyCatalogAsAServerStartsWith() {
    for (Layer layer : Layer.values()) {
      SharedSpark.session().sql("DROP DATABASE IF EXISTS " + layer.database() + " CASCADE");
    }
  }

  @Test
  void biToolsSeeEveryLayerWithDescribedColumnsAndTheHandWorkedValues() throws Exception {
    Warehouse warehouse = GoldenRuns.community();
    try (JdbcServer server =
            JdbcServer.start(
                warehouse, CATALOG, new JdbcServer.Options("127.0.0.1", 0, false, null));
        Connection c = DriverManager.getConnection(server.url(), "analyst", "");
        Statement s = c.createStatement()) {
      assertEquals("Hive JDBC", c.getMetaData().getDriverName());

      // A01's DNA rate: 2 DNAs of 6 booked contacts = 33.333%.
      ResultSet dna =
          s.executeQuery(
              "SELECT numerator, denominator, value FROM gold.metric_value WHERE metric_id ="
                  + " 'dna_rate_pct' AND org_code = 'A01' AND service_line = 'community_nursing'");
      assertTrue(dna.next());
      assertEquals(2.0, dna.getDouble(1));
      assertEquals(6.0, dna.getDouble(2));
      assertEquals(100.0 * 2 / 6, dna.getDouble(3), 1e-9);
      // Sickness across A01..A03 = 0, 0, 11.667%: p75 at position 1.5 = 5.833.
      ResultSet p75 =
          s.executeQuery(
              "SELECT p75 FROM gold.benchmark WHERE metric_id = 'sickness_rate_pct' AND"
                  + " peer_group = 'national'");
      assertTrue(p75.next());
      assertEquals(100.0 * 7 / 60 / 2, p75.getDouble(1), 1e-9);

      DatabaseMetaData md = c.getMetaData();
      assertEquals(
          List.of("bronze", "gold", "ops", "silver"),
          column(md.getSchemas(), "TABLE_SCHEM").stream()
              .filter(n -> !n.equals("default") && !n.equals("global_temp"))
              .sorted()
              .toList());
      // Every gold table the warehouse holds, each described as schemas/ declares it.
      Map<String, String> goldTables = new TreeMap<>();
      try (ResultSet r = md.getTables(null, "gold", "%", null)) {
        while (r.next()) {
          goldTables.put(r.getString("TABLE_NAME"), r.getString("REMARKS"));
        }
      }
      Map<String, String> declared = new TreeMap<>();
      for (Table t : warehouse.tables()) {
        if (t.layer() == Layer.GOLD) {
          declared.put(t.name(), CATALOG.table(t.qualifiedName()).orElseThrow().description());
        }
      }
      assertEquals(declared, goldTables);
      assertTrue(goldTables.containsKey("benchmark"), goldTables.keySet().toString());
      // gold.benchmark's columns in order, each with its declared description as REMARKS.
      List<String> columns = new ArrayList<>();
      try (ResultSet r = md.getColumns(null, "gold", "benchmark", "%")) {
        while (r.next()) {
          columns.add(r.getString("COLUMN_NAME") + ": " + r.getString("REMARKS"));
        }
      }
      List<String> expected =
          CATALOG.table("gold.benchmark").orElseThrow().columns().stream()
              .map(d -> d.name() + ": " + d.description())
              .toList();
      assertEquals(expected, columns);

      factsJoinEachDimensionByName(s);
      everyServedTableListsItsDeclaredColumns(md, warehouse);
      assertListensOnLoopbackOnly(server.port());
    }
  }

  @Test
  void readOnlyWithPasswordsServesGoldAndOpsAndRefusesEverythingElse() throws Exception {
    Warehouse warehouse = GoldenRuns.community();
    Path passwords = SharedSpark.newFolder("serve-").resolve("users");
    long benchmarkVersion = warehouse.version(Table.BENCHMARK);
    Files.writeString(
        passwords, "# BI users\n" + PasswordFile.line("bi", "correct horse battery") + "\n");
    try (JdbcServer server =
        JdbcServer.start(
            warehouse, CATALOG, new JdbcServer.Options("127.0.0.1", 0, true, passwords))) {
      SQLException refused =
          assertThrows(
              SQLException.class, () -> DriverManager.getConnection(server.url(), "bi", "wrong"));
      assertTrue(refused.getMessage().contains("Error validating the login"), refused.getMessage());
      assertThrows(
          SQLException.class,
          () -> DriverManager.getConnection(server.url(), "nobody", "correct horse battery"));

      try (Connection c = DriverManager.getConnection(server.url(), "bi", "correct horse battery");
          Statement s = c.createStatement()) {
        DatabaseMetaData md = c.getMetaData();
        assertEquals(
            List.of("gold", "ops"),
            column(md.getSchemas(), "TABLE_SCHEM").stream()
                .filter(n -> !n.equals("default") && !n.equals("global_temp"))
                .sorted()
                .toList());
        assertEquals(List.of(), column(md.getTables(null, "silver", "%", null), "TABLE_NAME"));
        // Reading through the served views works: three organisations have a sickness value.
        ResultSet n =
            s.executeQuery(
                "SELECT n_orgs FROM gold.benchmark WHERE metric_id = 'sickness_rate_pct'"
                    + " AND peer_group = 'national'");
        assertTrue(n.next());
        assertEquals(3, n.getLong(1));
        assertTrue(
            column(s.executeQuery("SHOW TABLES IN gold"), "tableName").contains("benchmark"));

        Table silver =
            warehouse.tables().stream()
                .filter(t -> t.layer() == Layer.SILVER)
                .findFirst()
                .orElseThrow();
        String silverPath = warehouse.path(silver).toString();
        for (String forbidden :
            List.of(
                "SELECT * FROM delta.`" + silverPath + "`",
                "SELECT count(*) FROM gold.benchmark WHERE EXISTS (SELECT 1 FROM delta.`"
                    + silverPath
                    + "`)",
                "CREATE VIEW gold.mine AS SELECT 1",
                "DROP VIEW gold.benchmark",
                "INSERT INTO delta.`"
                    + warehouse.path(Table.BENCHMARK)
                    + "` SELECT * FROM gold.benchmark",
                "SELECT reflect('java.lang.System', 'getProperty', 'user.home')")) {
          SQLException e =
              assertThrows(SQLException.class, () -> s.executeQuery(forbidden), forbidden);
          assertTrue(
              e.getMessage().contains("read-only") || e.getMessage().contains("not allowed"),
              forbidden + " -> " + e.getMessage());
        }
        // Nothing was written: the benchmark table is still at its version.
        assertEquals(benchmarkVersion, warehouse.version(Table.BENCHMARK));
      }
    }
    // The guard is off once the read-only server stops: the session itself reads by path again.
    assertEquals(
        warehouse.read(Table.BENCHMARK).count(),
        warehouse
            .spark()
            .sql("SELECT count(*) FROM " + warehouse.deltaSource(Table.BENCHMARK))
            .first()
            .getLong(0));
  }

  @Test
  void addUserWritesAHashThatOnlyTheRightPasswordMatches() throws Exception {
    Path users = SharedSpark.newFolder("serve-").resolve("users");
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              "correct horse battery\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(
          org.mhcs.command.ExitCode.OK,
          org.mhcs.cli.Main.run(
              new String[] {"serve", "--passwords", users.toString(), "--add-user", "alice"},
              System.out,
              System.err));
    } finally {
      System.setIn(stdin);
    }
    String line = Files.readString(users);
    assertTrue(line.startsWith("alice:pbkdf2-sha256:210000:"), line);
    assertTrue(!line.contains("correct horse battery"), "no password in the file");
    PasswordFile file = PasswordFile.read(users);
    assertTrue(file.accepts("alice", "correct horse battery"));
    assertTrue(!file.accepts("alice", "correct horse batter"));
    assertTrue(!file.accepts("bob", "correct horse battery"));

    Files.writeString(users, "\nbob:plain:secret\n", java.nio.file.StandardOpenOption.APPEND);
    IllegalArgumentException malformed =
        assertThrows(IllegalArgumentException.class, () -> PasswordFile.read(users));
    assertTrue(malformed.getMessage().contains(users + " line 3"), malformed.getMessage());
  }

  /**
   * What a BI tool does with the dimensions: a fact joined to each of the four by its codes, the
   * organisation by the row in force on the period's first day. Expected names worked from the
   * golden inputs: golden/community/ref/organisations/etr-2024-06.csv line 1 (A01, Golden Community
   * NHS Trust, region Y56) and line 3 (A03, Golden Acute NHS Trust); Y56 = London in
   * conf/code_lists/nhs_region.csv; A01's contacts are community nursing (conf/service_lines.csv
   * line 2); dna_rate_pct is declared "Did not attend rate %" (metrics.MetricCatalog); the run is
   * of June 2024.
   */
  private static void factsJoinEachDimensionByName(Statement s) throws SQLException {
    ResultSet r =
        s.executeQuery(
            "SELECT o.org_name, o.region_name, m.name, l.name, p.label, f.value"
                + " FROM gold.metric_value f"
                + " JOIN gold.dim_period p ON p.period = f.period"
                + " JOIN gold.dim_organisation o ON o.org_code = f.org_code"
                + "   AND o.valid_from <= p.month_start"
                + "   AND (o.valid_to IS NULL OR p.month_start < o.valid_to)"
                + " JOIN gold.dim_metric m ON m.metric_id = f.metric_id"
                + " JOIN gold.dim_service_line l ON l.service_line = f.service_line"
                + " WHERE f.metric_id = 'dna_rate_pct' AND f.org_code = 'A01'");
    assertTrue(r.next(), "A01's DNA rate joined to no dimension row");
    assertEquals("Golden Community NHS Trust", r.getString(1));
    assertEquals("London", r.getString(2));
    assertEquals("Did not attend rate %", r.getString(3));
    assertEquals("Community nursing", r.getString(4));
    assertEquals("June 2024", r.getString(5));
    // 2 DNAs of 6 booked, as above: the join neither drops nor repeats the fact.
    assertEquals(100.0 * 2 / 6, r.getDouble(6), 1e-9);
    assertTrue(!r.next(), "one fact, one row: each dimension has one row in force");
    // A01's nearest peer is A03 (MainTest works the distances by hand).
    ResultSet peer =
        s.executeQuery(
            "SELECT o.org_name FROM gold.peer p JOIN gold.dim_organisation o"
                + " ON o.org_code = p.peer_org_code WHERE p.org_code = 'A01' AND p.peer_rank = 1");
    assertTrue(peer.next());
    assertEquals("Golden Acute NHS Trust", peer.getString(1));
  }

  /**
   * Every served table and view of gold and ops lists, through {@code getColumns}, exactly the
   * columns schemas/warehouse declares for it, in order: a Delta table registered as such returns
   * none over Thrift, which leaves a BI tool with an empty field list.
   */
  private static void everyServedTableListsItsDeclaredColumns(
      DatabaseMetaData md, Warehouse warehouse) throws SQLException {
    List<String> problems = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (String schema : List.of("gold", "ops")) {
      for (String table : column(md.getTables(null, schema, "%", null), "TABLE_NAME")) {
        List<String> declared =
            CATALOG.table(schema + "." + table).orElseThrow().columns().stream()
                .map(TableCatalog.ColumnDoc::name)
                .toList();
        List<String> listed = column(md.getColumns(null, schema, table, "%"), "COLUMN_NAME");
        if (!listed.equals(declared)) {
          problems.add(schema + "." + table + ": declared " + declared + ", listed " + listed);
        }
        checked.add(schema + "." + table);
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
    // Every gold and ops table of the warehouse was listed, the four dimensions among them.
    assertEquals(
        warehouse.tables().stream()
            .filter(t -> t.layer() == Layer.GOLD || t.layer() == Layer.OPS)
            .map(Table::qualifiedName)
            .sorted()
            .toList(),
        checked.stream().sorted().toList());
    assertTrue(checked.containsAll(Table.DIMENSIONS.stream().map(Table::qualifiedName).toList()));
    // The systems stage's tables (issue 24) among them.
    assertTrue(
        checked.containsAll(
            java.util.stream.Stream.of(
                    Table.METRIC_BASIS,
                    Table.SYSTEM_VALUE,
                    Table.SYSTEM_BENCHMARK,
                    Table.ORG_SYSTEM_POSITION,
                    Table.SYSTEM_OPPORTUNITY,
                    Table.METRIC_TREND)
                .map(Table::qualifiedName)
                .toList()),
        checked.toString());
  }

  private static void assertListensOnLoopbackOnly(int port) throws IOException {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          others.add(a);
        }
      }
    }
    for (InetAddress a : others) {
      try (Socket probe = new Socket()) {
        assertThrows(
            IOException.class,
            () -> probe.connect(new InetSocketAddress(a, port), 2000),
            "the server must not accept connections on " + a);
      }
    }
  }

  private static List<String> column(ResultSet r, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    while (r.next()) {
      values.add(r.getString(name));
    }
    r.close();
    return values;
  }
}
