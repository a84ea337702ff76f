package org.mhcs.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.TableCatalog;
import org.mhcs.serve.JdbcServer;
import org.mhcs.serve.PasswordFile;
import org.mhcs.warehouse.Warehouse;

/** {@code ./mhcs serve}: the warehouse over JDBC (HiveServer2 protocol) for BI tools. */
public final class ServeCommand implements Command {
  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "Serve the warehouse to BI tools over JDBC/ODBC, as a Spark Thrift server."
        + "\nIt speaks the HiveServer2 protocol: driver org.apache.hive.jdbc.HiveDriver, URL"
        + "\njdbc:hive2://HOST:PORT/default."
        + "\nDatabases bronze, silver, gold, ops (only gold and ops with --read-only), with the"
        + "\ndescriptions of schemas/ as table and column remarks. Runs until stopped (Ctrl-C,"
        + "\nSIGTERM). New data is visible at once; new tables and columns after the next refresh."
        + "\n--add-user NAME --passwords FILE adds a user (password read from the terminal or"
        + "\nstdin) and exits.";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.optional("host", "ADDRESS", "127.0.0.1", "address to listen on"),
        Option.optional("port", "N", "10000", "port to listen on (0: any free port)"),
        Option.flag("read-only", "serve only gold and ops, and refuse writes and reads by path"),
        Option.optional(
            "passwords", "FILE", null, "require a user and password from this file to connect"),
        Option.optional("add-user", "NAME", null, "add NAME to --passwords FILE and exit"),
        Option.optional(
            "refresh-seconds", "N", "30", "how often to look for new tables and columns"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    Path passwords = args.get("passwords") == null ? null : Path.of(args.get("passwords"));
    if (args.get("add-user") != null) {
      if (passwords == null) {
        throw new UsageException("--add-user needs --passwords FILE (created if absent)");
      }
      addUser(passwords, args.get("add-user"));
      out.println("added " + args.get("add-user") + " to " + passwords);
      return ExitCode.OK;
    }
    String host = args.get("host");
    if (!loopback(host) && passwords == null) {
      throw new UsageException(
          "listening on "
              + host
              + " exposes the warehouse beyond this machine: give --passwords FILE too");
    }
    long refreshSeconds = args.whole("refresh-seconds");
    if (refreshSeconds < 1) {
      throw new UsageException("--refresh-seconds must be at least 1");
    }
    Warehouse warehouse =
        Pipelines.warehouse(args.queryWarehouse(), Settings.load(args.settings()));
    TableCatalog catalog = TableCatalog.bundled(SchemaCatalog.bundled());
    JdbcServer server =
        JdbcServer.start(
            warehouse,
            catalog,
            new JdbcServer.Options(
                host, (int) args.whole("port"), args.flag("read-only"), passwords));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  err.println("mhcs serve: stopping");
                  server.close();
                  stopped.countDown();
                }));
    out.printf(
        "serving %s%n  JDBC URL  %s%n  driver    %s (hive-jdbc 2.3.x)%n  mode      %s%n"
            + "  login     %s%n",
        warehouse.root(),
        server.url(),
        JdbcServer.DRIVER,
        args.flag("read-only") ? "read-only: gold and ops" : "full: bronze, silver, gold, ops",
        passwords == null ? "any user name, no password" : "users of " + passwords);
    out.flush();
    // Look for new tables now and then; the views already see new data in existing ones.
    while (true) {
      try {
        if (stopped.await(refreshSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
          return ExitCode.OK;
        }
        if (server.refresh()) {
          err.println("mhcs serve: the warehouse changed; tables re-registered");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCode.OK;
      } catch (RuntimeException e) {
        // A run may be mid-commit; the next look will see it whole.
        err.println("mhcs serve: refresh skipped: " + e.getMessage());
      }
    }
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new UsageException("--host: unknown address " + host);
    }
  }

  private static void addUser(Path file, String user) {
    String password = readPassword(user);
    if (password.length() < 12) {
      throw new UsageException("the password must have at least 12 characters");
    }
    try {
      if (Files.exists(file)) {
        PasswordFile.read(file); // refuse to append to a malformed file
      }
      Files.writeString(
          file,
          PasswordFile.line(user, password) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** From the terminal without echo, else the first line of stdin (for scripts). */
  private static String readPassword(String user) {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("password for %s: ", user);
      return typed == null ? "" : new String(typed);
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
