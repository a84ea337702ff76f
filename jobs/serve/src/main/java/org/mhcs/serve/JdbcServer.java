package org.mhcs.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.metadata.Hive;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.mhcs.schema.Layer;
import org.mhcs.schema.Table;
import org.mhcs.schema.TableCatalog;
import org.mhcs.spark.ReadOnlyGuard;
import org.mhcs.warehouse.Warehouse;

/**
 * A Spark Thrift server (the HiveServer2 protocol BI tools speak) over one warehouse, running in
 * this JVM's Spark session. Each table is a described view (see {@link JdbcViews}); the session
 * needs no Hive metastore of its own, so a pipeline run in another process never contends with the
 * server for one. New data is visible at once (views read the latest Delta snapshot); new tables
 * and columns appear at the next {@link #refresh()}.
 */
public final class JdbcServer implements AutoCloseable {
  /** The Hive JDBC driver class BI tools and tests load. */
  public static final String DRIVER = "org.apache.hive.jdbc.HiveDriver";

  /** Layers a JDBC user sees in full mode and in read-only mode. */
  static final List<Layer> ALL_LAYERS = List.of(Layer.values());

  static final List<Layer> READ_ONLY_LAYERS = List.of(Layer.GOLD, Layer.OPS);

  /**
   * @param host address to bind: loopback unless the user says otherwise
   * @param port port to listen on; 0 picks a free one
   * @param readOnly only gold and ops, and no statement that writes or reads by path
   * @param passwords a password file ({@link PasswordFile}), or null for no authentication
   */
  public record Options(String host, int port, boolean readOnly, Path passwords) {}

  private final Warehouse warehouse;
  private final TableCatalog catalog;
  private final Options options;
  private final HiveThriftServer2 server;
  private final int port;
  private String registered;
  private List<Table> served = List.of();

  private JdbcServer(
      Warehouse warehouse, TableCatalog catalog, Options options, HiveThriftServer2 server) {
    this.warehouse = warehouse;
    this.catalog = catalog;
    this.options = options;
    this.server = server;
    this.port =
        server.getServices().stream()
            .filter(s -> s instanceof ThriftCLIService)
            .map(s -> ((ThriftCLIService) s).getPortNumber())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the JDBC server has no Thrift service"));
  }

  /** Registers the warehouse's tables and starts serving; returns once the port accepts. */
  public static JdbcServer start(Warehouse warehouse, TableCatalog catalog, Options options) {
    int port = options.port() == 0 ? freePort(options.host()) : requireFree(options);
    Path serveDir = warehouse.root().resolve("_serve");
    try {
      // Hive lists the scratch folder when a session closes, and logs an error if it is absent.
      Files.createDirectories(serveDir.resolve("scratch"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + serveDir + ": " + e.getMessage(), e);
    }
    List<Table> tables =
        JdbcViews.register(warehouse, catalog, options.readOnly() ? READ_ONLY_LAYERS : ALL_LAYERS);
    configure(warehouse.spark().sparkContext().hadoopConfiguration(), options, port, serveDir);
    ReadOnlyGuard.set(
        options.readOnly() ? warehouse.spark() : null,
        READ_ONLY_LAYERS.stream().map(l -> warehouse.root().resolve(l.database())).toList());
    HiveThriftServer2 server = startOnFreshThread(warehouse, serveDir);
    waitUntilListening(options.host(), port);
    JdbcServer running = new JdbcServer(warehouse, catalog, options, server);
    if (running.port != port) {
      running.close();
      throw new IllegalStateException(
          "the JDBC server bound port " + running.port + ", not " + port + " as asked");
    }
    running.registered = fingerprint(warehouse);
    running.served = tables;
    return running;
  }

  public int port() {
    return port;
  }

  /** What a BI tool puts in its connection dialog. */
  public String url() {
    return "jdbc:hive2://" + options.host() + ":" + port + "/default";
  }

  /**
   * Registers tables created since the last registration (and columns added to any), when the
   * warehouse has changed; returns whether it did. Cheap when nothing changed: one listing.
   */
  public synchronized boolean refresh() {
    String now = fingerprint(warehouse);
    if (now.equals(registered)) {
      return false;
    }
    served =
        JdbcViews.register(warehouse, catalog, options.readOnly() ? READ_ONLY_LAYERS : ALL_LAYERS);
    registered = now;
    return true;
  }

  /** The tables clients see now. */
  public synchronized List<Table> served() {
    return served;
  }

  /**
   * Stops serving. The views stay in the session's catalog (they are only names): at JVM exit Spark
   * may already be stopping, and dropping them then would fail.
   */
  @Override
  public synchronized void close() {
    server.stop();
    ReadOnlyGuard.set(null, List.of());
  }

  /** The served tables and the run log's version: a run changes it, nothing else does. */
  private static String fingerprint(Warehouse warehouse) {
    List<Table> tables = warehouse.tables();
    String runs =
        warehouse.exists(Table.RUN_LOG) ? String.valueOf(warehouse.version(Table.RUN_LOG)) : "-";
    return tables + "@" + runs;
  }

  private static void configure(Configuration conf, Options options, int port, Path serveDir) {
    // The server reads its settings from the SparkContext's Hadoop configuration.
    conf.set("hive.server2.thrift.bind.host", options.host());
    conf.set("hive.server2.thrift.port", String.valueOf(port));
    conf.set("hive.server2.transport.mode", "binary");
    // Hive's per-session scratch space under the warehouse, not the working directory or /tmp.
    conf.set("hive.exec.local.scratchdir", serveDir.resolve("scratch").toString());
    conf.set("hive.downloaded.resources.dir", serveDir.resolve("resources").toString());
    conf.set("hive.server2.logging.operation.log.location", serveDir.resolve("logs").toString());
    if (options.passwords() == null) {
      conf.set("hive.server2.authentication", "NONE");
      System.clearProperty(PasswordFileAuthenticator.FILE_PROPERTY);
    } else {
      PasswordFile.read(options.passwords()); // fails now, naming the line, if it is malformed
      conf.set("hive.server2.authentication", "CUSTOM");
      // Hive instantiates the provider per login from a new HiveConf, which reads system
      // properties, not the server's configuration.
      System.setProperty(
          "hive.server2.custom.authentication.class", PasswordFileAuthenticator.class.getName());
      System.setProperty(
          PasswordFileAuthenticator.FILE_PROPERTY, options.passwords().toAbsolutePath().toString());
    }
  }

  /**
   * Starts the server on a thread of its own (a thread that has used the catalog may carry a Hive
   * session state whose older settings the server would take), under a locale Derby accepts: the
   * execution metastore behind every JDBC session is an in-memory Derby, which refuses {@code
   * Locale.ROOT} ("Supplied locale description '' is invalid").
   */
  private static HiveThriftServer2 startOnFreshThread(Warehouse warehouse, Path serveDir) {
    System.setProperty("derby.stream.error.file", serveDir.resolve("derby.log").toString());
    AtomicReference<HiveThriftServer2> started = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.UK);
    try {
      Thread starter =
          new Thread(
              () -> {
                try {
                  HiveThriftServer2 server =
                      HiveThriftServer2.startWithContext(warehouse.spark().sqlContext());
                  Hive.get(server.getHiveConf()).getMSC(); // creates the Derby metastore now
                  started.set(server);
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "mhcs-jdbc-start");
      starter.start();
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the JDBC server", e);
    } finally {
      Locale.setDefault(saved);
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "the JDBC server did not start: " + failure.get(), failure.get());
    }
    return started.get();
  }

  /** The Thrift service binds on a thread of its own after start returns: wait for it. */
  private static void waitUntilListening(String host, int port) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try (Socket probe = new Socket(host, port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the JDBC server did not listen on "
                  + host
                  + ":"
                  + port
                  + " within 60 s"
                  + " (is the port in use? try --port)");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting the JDBC server");
        }
      }
    }
  }

  private static int requireFree(Options options) {
    try (ServerSocket s =
        new ServerSocket(options.port(), 1, InetAddress.getByName(options.host()))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + " ("
              + e.getMessage()
              + "): is another server running there? Give --port");
    }
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host + ": " + e.getMessage(), e);
    }
  }
}
