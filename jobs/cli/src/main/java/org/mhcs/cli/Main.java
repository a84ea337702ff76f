package org.mhcs.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.UsageException;
import org.mhcs.conf.ConfigException;
import org.mhcs.ingest.LandingFileException;
import org.mhcs.pipeline.WarehouseBusyException;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.warehouse.SchemaChangeException;

/**
 * {@code ./mhcs <subcommand>}: dispatches to a subcommand and turns failures into an exit code and
 * a message that says what is wrong and what to do. A stack trace is shown only for unexpected
 * errors, or for any error with {@code MHCS_DEBUG=1}.
 */
public final class Main {
  /**
   * Every command on the classpath, by name. Each module declares its own in {@code
   * META-INF/services/org.mhcs.command.Command}, so a jar built without a module (the cluster jar
   * has no generator or benchmark harness) simply has none of its commands.
   */
  static final List<Command> COMMANDS =
      ServiceLoader.load(Command.class).stream()
          .map(ServiceLoader.Provider::get)
          .sorted(Comparator.comparing(Command::name))
          .toList();

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs a command line; returns the exit code instead of exiting (tests call this). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(overview());
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    Command command =
        COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
    if (command == null) {
      err.println("mhcs: unknown command '" + args[0] + "'\n");
      err.print(overview());
      return ExitCode.USAGE;
    }
    boolean debug = "1".equals(System.getenv("MHCS_DEBUG"));
    try {
      Arguments parsed =
          Arguments.parse(
              command.name(), command.options(), Arrays.copyOfRange(args, 1, args.length));
      if (parsed.help()) {
        out.print(command.help());
        return ExitCode.OK;
      }
      return command.run(parsed, out, err);
    } catch (UsageException e) {
      err.println("mhcs " + command.name() + ": " + e.getMessage());
      return ExitCode.USAGE;
    } catch (WarehouseBusyException e) {
      err.println("mhcs " + command.name() + ": " + e.getMessage());
      return ExitCode.BUSY;
    } catch (DataRejectedException e) {
      err.println("mhcs " + command.name() + ": " + e.getMessage());
      return ExitCode.DATA_REJECTED;
    } catch (ConfigException
        | LandingFileException
        | SchemaChangeException
        | IllegalArgumentException
        | IllegalStateException e) {
      // Problems with the input, configuration or environment that the message explains.
      err.println("mhcs " + command.name() + ": " + e.getMessage());
      if (debug) {
        e.printStackTrace(err);
      } else {
        err.println("(MHCS_DEBUG=1 shows the stack trace)");
      }
      return ExitCode.FAILED;
    } catch (Exception | Error e) {
      // Exception, not only RuntimeException: Spark and Delta throw checked exceptions (e.g.
      // AnalysisException, SparkException) that Java does not see declared.
      err.println("mhcs " + command.name() + ": unexpected error: " + e);
      e.printStackTrace(err);
      return ExitCode.FAILED;
    }
  }

  static String overview() {
    StringBuilder s =
        new StringBuilder(
            "usage: ./mhcs <command> [options]   (./mhcs <command> --help for each)\n\ncommands:\n");
    for (Command c : COMMANDS) {
      s.append(String.format("  %-10s %s%n", c.name(), c.summary().lines().findFirst().orElse("")));
    }
    s.append(
        "\nexit codes: 0 ok, 1 failed, 2 usage error, 3 data rejected beyond tolerance,"
            + " 4 warehouse busy with another run (nothing changed; retry)\n");
    return s.toString();
  }
}
