package org.mhcs.command;

import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./mhcs} subcommand. Its options are declared here once; picocli parses them and prints
 * the help ({@link CommandSpecs}).
 */
public interface Command {
  String name();

  /**
   * What the command does, for its help; may be wrapped with newlines, which help unwraps. Its
   * first sentence is the command's line in {@code ./mhcs --help} ({@link #headline}).
   */
  String summary();

  /** Positional arguments in help, e.g. {@code "QUERY"}; empty when there are none. */
  default String positional() {
    return "";
  }

  List<Option> options();

  /** Runs with parsed arguments; results to {@code out}, progress to {@code err}. */
  int run(Arguments args, PrintStream out, PrintStream err);

  /** The first sentence of the unwrapped {@link #summary}: the command's line in the list. */
  default String headline() {
    String text = unwrapped(summary());
    Matcher end = SENTENCE_END.matcher(text);
    return end.find() ? text.substring(0, end.start() + 1) : text;
  }

  /** A sentence ends with a full stop followed by a space and a capital (not "e.g. x"). */
  Pattern SENTENCE_END = Pattern.compile("\\.(?= [A-Z])");

  /** Text hard-wrapped in source as one paragraph: one line, for help to wrap to its width. */
  static String unwrapped(String text) {
    return text.replace("\r", "").replaceAll("\\s*\n\\s*", " ").strip();
  }
}
