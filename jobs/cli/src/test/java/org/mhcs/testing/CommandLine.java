package org.mhcs.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.mhcs.cli.Main;

/** Runs a {@code ./mhcs} command line in this JVM, as the launcher would, capturing its output. */
public final class CommandLine {
  /** Exit code, stdout and stderr of one command line. */
  public record Outcome(int code, String out, String err) {}

  private CommandLine() {}

  public static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
