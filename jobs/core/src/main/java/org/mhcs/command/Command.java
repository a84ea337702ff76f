package org.mhcs.command;

import java.io.PrintStream;
import java.util.List;

/** One {@code ./mhcs} subcommand. */
public interface Command {
  String name();

  /** One line for the command list. */
  String summary();

  /** Positional arguments in help, e.g. {@code "QUERY"}; empty when there are none. */
  default String positional() {
    return "";
  }

  List<Option> options();

  /** Runs with parsed arguments; results to {@code out}, progress to {@code err}. */
  int run(Arguments args, PrintStream out, PrintStream err);

  /** The command's help, generated from its declared options. */
  default String help() {
    StringBuilder help = new StringBuilder();
    help.append("usage: ./mhcs ").append(name());
    for (Option o : options()) {
      String shown = "--" + o.name() + (o.isFlag() ? "" : " " + o.valueName());
      help.append(' ').append(o.required() ? shown : "[" + shown + "]");
    }
    if (!positional().isEmpty()) {
      help.append(' ').append(positional());
    }
    help.append("\n\n").append(summary()).append("\n\noptions:\n");
    for (Option o : options()) {
      String shown = "--" + o.name() + (o.isFlag() ? "" : " " + o.valueName());
      help.append(String.format("  %-24s %s", shown, o.help()));
      if (o.defaultValue() != null) {
        help.append(" (default ").append(o.defaultValue()).append(")");
      }
      help.append('\n');
    }
    help.append(String.format("  %-24s %s%n", "--help", "this help"));
    return help.toString();
  }
}
