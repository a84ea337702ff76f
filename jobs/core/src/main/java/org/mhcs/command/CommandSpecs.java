package org.mhcs.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A {@link Command}'s declared {@link Option}s as picocli's model: picocli parses the command line
 * against it, checks required options and unknown ones, and prints the help with the command's
 * whole summary and its options in aligned columns. Every command also takes {@code --set
 * key=value} (a setting of conf/mhcs.properties) and {@code -h, --help}.
 */
public final class CommandSpecs {
  /** Columns of help text. */
  public static final int WIDTH = 100;

  static final String SET = "--set";

  private CommandSpecs() {}

  /**
   * The command's picocli command line; a new one each time, since picocli keeps parsed values in
   * its model. Its help shows the positional arguments in the usage line and the summary, not again
   * in a list of their own.
   */
  public static CommandLine commandLine(Command command) {
    return commandLine(command, true);
  }

  /**
   * As {@link #commandLine(Command)}; with {@code requireOptions} false, no option is required, so
   * that a parse finds every unknown option even when a required one is missing (picocli reports
   * the missing option first, though the unknown one is often the same option mistyped).
   */
  public static CommandLine commandLine(Command command, boolean requireOptions) {
    CommandLine line = new CommandLine(spec(command, requireOptions));
    line.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST);
    return line;
  }

  private static CommandSpec spec(Command command, boolean requireOptions) {
    CommandSpec spec =
        CommandSpec.wrapWithoutInspection(command).name(command.name()).interpolateVariables(false);
    String headline = command.headline();
    String rest = Command.unwrapped(command.summary()).substring(headline.length()).strip();
    spec.usageMessage()
        .synopsisHeading("usage: ")
        .descriptionHeading("%n")
        .description(
            rest.isEmpty()
                ? new String[] {text(headline)}
                : new String[] {text(headline), text(rest)})
        .optionListHeading("%noptions:%n")
        .sortOptions(false)
        .sortSynopsis(false)
        .width(WIDTH)
        .longOptionsMaxWidth(30);
    if (!command.positional().isEmpty()) {
      spec.addPositional(
          PositionalParamSpec.builder()
              .index("0..*")
              .arity("0..*")
              .paramLabel(command.positional())
              .hideParamSyntax(true)
              .type(List.class)
              .auxiliaryTypes(String.class)
              .build());
    }
    for (Option o : command.options()) {
      String help =
          o.defaultValue() == null ? o.help() : o.help() + " (default " + o.defaultValue() + ")";
      OptionSpec.Builder option =
          OptionSpec.builder("--" + o.name())
              .required(requireOptions && o.required())
              .description(text(help));
      if (o.isFlag()) {
        option.arity("0").type(boolean.class);
      } else if (o.repeatable()) {
        option.arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel(o.valueName());
      } else {
        option.arity("1").type(String.class).paramLabel(o.valueName());
      }
      spec.addOption(option.build());
    }
    spec.addOption(
        OptionSpec.builder(SET)
            .arity("1")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .paramLabel("KEY=VALUE")
            .description("a setting instead of conf/mhcs.properties' value; repeat for each")
            .build());
    spec.addOption(
        OptionSpec.builder("-h", "--help").usageHelp(true).description("this help").build());
    return spec;
  }

  /** picocli formats help text: a literal % must be doubled. */
  private static String text(String s) {
    return s.replace("%", "%%");
  }

  /**
   * The parsed command line of {@code command} (picocli's {@code parsed}), for its {@link
   * Command#run}.
   */
  public static Arguments arguments(Command command, ParseResult parsed, Environment environment) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, List<String>> repeated = new LinkedHashMap<>();
    for (Option o : command.options()) {
      String key = "--" + o.name();
      if (o.isFlag()) {
        if (parsed.hasMatchedOption(key)) {
          values.put(o.name(), "true");
        }
      } else if (o.repeatable()) {
        List<String> all = parsed.matchedOptionValue(key, List.of());
        repeated.put(o.name(), List.copyOf(all));
        if (!all.isEmpty()) {
          values.put(o.name(), all.get(all.size() - 1));
        }
      } else {
        String value = parsed.matchedOptionValue(key, o.defaultValue());
        if (value != null) {
          values.put(o.name(), value);
        }
        if (parsed.hasMatchedOption(key)) {
          repeated.put(o.name(), List.of(value));
        }
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String setting : parsed.matchedOptionValue(SET, List.<String>of())) {
      int kv = setting.indexOf('=');
      if (kv <= 0) {
        throw new UsageException("--set takes key=value, not '" + setting + "'");
      }
      settings.put(setting.substring(0, kv), setting.substring(kv + 1));
    }
    List<String> positional = new ArrayList<>();
    for (PositionalParamSpec p : parsed.commandSpec().positionalParameters()) {
      List<String> words = p.getValue();
      if (words != null) {
        positional.addAll(words);
      }
    }
    return new Arguments(command.name(), values, repeated, settings, positional, environment);
  }

  /**
   * What picocli found wrong with a command line, said as a project message: what is wrong, with
   * the bad value, the closest known name when one was mistyped, and where the help is.
   */
  public static String problem(ParameterException e, List<String> args) {
    CommandLine where = e.getCommandLine();
    CommandSpec spec = where.getCommandSpec();
    boolean top = spec.parent() == null;
    String help = top ? "./mhcs --help" : "./mhcs " + spec.name() + " --help";
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String given = u.getUnmatched().get(0);
      if (top) {
        return "unknown command '"
            + given
            + "'"
            + Suggestions.didYouMean(given, spec.subcommands().keySet())
            + " ("
            + help
            + " lists the commands)";
      }
      if (given.startsWith("-")) {
        String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
        List<String> names = spec.options().stream().map(OptionSpec::longestName).toList();
        return "unknown option "
            + name
            + " for '"
            + spec.name()
            + "'"
            + Suggestions.didYouMean(name, names)
            + " (see "
            + help
            + ")";
      }
      return "unexpected argument '"
          + given
          + "': ./mhcs "
          + spec.name()
          + (spec.positionalParameters().isEmpty()
              ? " takes options only"
              : " takes " + spec.positionalParameters().get(0).paramLabel())
          + "; see "
          + help;
    }
    if (e instanceof MissingParameterException m) {
      List<String> problems = new ArrayList<>();
      for (ArgSpec a : m.getMissing()) {
        if (a instanceof OptionSpec o) {
          String name = o.longestName();
          boolean given = args.stream().anyMatch(x -> x.equals(name) || x.startsWith(name + "="));
          problems.add(
              given
                  ? name + " needs a value"
                  : "missing "
                      + name
                      + " "
                      + o.paramLabel()
                      + " ("
                      + String.join(" ", o.description()).replace("%%", "%")
                      + ")");
        }
      }
      if (!problems.isEmpty()) {
        return String.join("; ", problems) + "; see " + help;
      }
    }
    return e.getMessage() + "; see " + help;
  }
}
