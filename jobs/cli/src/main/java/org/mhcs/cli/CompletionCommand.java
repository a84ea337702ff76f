package org.mhcs.cli;

import java.io.PrintStream;
import java.util.List;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import picocli.AutoComplete;

/** {@code ./mhcs completion}: a bash (and zsh) completion script for every command and option. */
public final class CompletionCommand implements Command {
  @Override
  public String name() {
    return "completion";
  }

  @Override
  public String summary() {
    return "Print a bash completion script for ./mhcs's commands and their options."
        + "\nLoad it in this shell with: source <(./mhcs completion); or save it once with:"
        + "\n./mhcs completion > ~/.local/share/bash-completion/completions/mhcs. zsh loads it too"
        + "\nafter autoload -U +X bashcompinit && bashcompinit.";
  }

  @Override
  public List<Option> options() {
    return List.of();
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    // Named mhcs: bash looks up ./mhcs's completion by the name after the last slash.
    out.print(AutoComplete.bash("mhcs", Main.commandLine("mhcs")));
    return ExitCode.OK;
  }
}
