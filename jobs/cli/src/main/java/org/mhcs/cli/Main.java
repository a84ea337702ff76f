package org.mhcs.cli;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.mhcs.command.Command;
import org.mhcs.command.CommandSpecs;
import org.mhcs.command.Environment;
import org.mhcs.command.ExitCode;
import org.mhcs.command.UsageException;
import org.mhcs.conf.ConfigException;
import org.mhcs.ingest.LandingFileException;
import org.mhcs.pipeline.WarehouseBusyException;
import org.mhcs.silver.DataRejectedException;
import org.mhcs.warehouse.SchemaChangeException;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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
    return run(args, out, err, Environment.current());
  }

  /** {@link #run(String[], PrintStream, PrintStream)} in a given environment and directory. */
  public static int run(String[] args, PrintStream out, PrintStream err, Environment environment) {
    if (args.length == 0 || args[0].equals("help")) {
      out.print(overview());
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    ParseResult parsed;
    try {
      parsed = commandLine(ROOT, true).parseArgs(args);
    } catch (MissingParameterException e) {
      // A missing required option is often a mistyped one: name the unknown option first.
      try {
        commandLine(ROOT, false).parseArgs(args);
      } catch (UnmatchedArgumentException unknown) {
        return usageError(unknown, args, err);
      } catch (ParameterException other) {
        // Reported below as the missing option.
      }
      return usageError(e, args, err);
    } catch (ParameterException e) {
      return usageError(e, args, err);
    }
    ParseResult chosen = parsed.subcommand();
    if (chosen == null) {
      out.print(overview());
      return parsed.isUsageHelpRequested() ? ExitCode.OK : ExitCode.USAGE;
    }
    Command command = (Command) chosen.commandSpec().userObject();
    if (chosen.isUsageHelpRequested()) {
      out.print(chosen.commandSpec().commandLine().getUsageMessage(Help.Ansi.OFF));
      return ExitCode.OK;
    }
    boolean debug = "1".equals(System.getenv("MHCS_DEBUG"));
    try {
      return command.run(CommandSpecs.arguments(command, chosen, environment), out, err);
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

  private static int usageError(ParameterException e, String[] args, PrintStream err) {
    CommandSpec where = e.getCommandLine().getCommandSpec();
    err.println(
        (where.parent() == null ? "mhcs" : "mhcs " + where.name())
            + ": "
            + CommandSpecs.problem(e, List.of(args)));
    return ExitCode.USAGE;
  }

  /** The name the overview and each command's help show. */
  static final String ROOT = "./mhcs";

  /**
   * Every command as picocli's model, under a root named {@code root} ({@code ./mhcs} for help,
   * {@code mhcs} for shell completion). A new one each call: picocli keeps parsed values in it.
   */
  static CommandLine commandLine(String root) {
    return commandLine(root, true);
  }

  /** As {@link #commandLine(String)}; {@code requireOptions} as {@link CommandSpecs} says. */
  private static CommandLine commandLine(String root, boolean requireOptions) {
    CommandSpec spec = CommandSpec.create().name(root).interpolateVariables(false);
    spec.usageMessage()
        .synopsisHeading("")
        .customSynopsis("usage: ./mhcs <command> [options]   (./mhcs <command> --help for each)")
        .commandListHeading("%ncommands:%n")
        .footerHeading("%n")
        .footer(
            "exit codes: 0 ok, 1 failed, 2 usage error, 3 data rejected beyond tolerance,"
                + " 4 warehouse busy with another run (nothing changed; retry)")
        .width(CommandSpecs.WIDTH);
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).hidden(true).build());
    CommandLine line = new CommandLine(spec);
    for (Command c : COMMANDS) {
      line.addSubcommand(c.name(), CommandSpecs.commandLine(c, requireOptions));
    }
    // Set after the subcommands are added, so that they apply to them too.
    line.setExpandAtFiles(false); // an argument starting with @ is SQL or a value, not a file list
    line.setOverwrittenOptionsAllowed(true); // an option given twice keeps its last value
    return line;
  }

  /** {@code ./mhcs --help}: every command with its headline, in aligned columns. */
  static String overview() {
    return commandLine(ROOT).getUsageMessage(Help.Ansi.OFF);
  }
}
