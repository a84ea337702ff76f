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
