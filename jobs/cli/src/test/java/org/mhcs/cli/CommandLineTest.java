package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.command.Command;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.Scheduling;

/**
 * ./mhcs's command line on picocli: help, "did you mean", the warehouse a query reads, completion.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
class CommandLineTest {
  /** The column where every command's line starts in ./mhcs --help: 2 + "public-benchmarks" + 2. */
  private static final int DESCRIPTION_COLUMN = 21;

  @Test
  void theOverviewListsEveryCommandWithItsWholeFirstSentenceInOneColumn() {
    Outcome o = CommandLine.run("--help");
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(
        "usage: ./mhcs <command> [options]   (./mhcs <command> --help for each)", lines.get(0));
    assertEquals("commands:", lines.get(2));
    // Each command's entry: its name, then its headline wrapped in the description column.
    for (Command c : Main.COMMANDS) {
      int at =
          lines.indexOf(
              lines.stream()
                  .filter(l -> l.startsWith("  " + c.name() + " "))
                  .findFirst()
                  .orElseThrow());
      StringBuilder text = new StringBuilder(lines.get(at).substring(DESCRIPTION_COLUMN));
      assertEquals(
          String.format("  %-" + (DESCRIPTION_COLUMN - 2) + "s", c.name()),
          lines.get(at).substring(0, DESCRIPTION_COLUMN),
          "aligned: " + lines.get(at));
      for (int i = at + 1; lines.get(i).startsWith(" ".repeat(DESCRIPTION_COLUMN + 2)); i++) {
        text.append(' ').append(lines.get(i).strip());
      }
      assertEquals(c.headline(), text.toString().replace(": //", "://"), c.name());
      assertTrue(c.headline().endsWith("."), "a whole sentence: " + c.headline());
    }
    assertTrue(
        lines.contains(
            "  sql                Query the warehouse; prints CSV (header row) to stdout."),
        o.out());
    int run =
        lines.indexOf(
            "  run                Run ingest → silver → conformed → metrics → benchmark → opportunities"
                + " for one");
    assertEquals("                       period.", lines.get(run + 1), o.out());
    assertEquals(
        "exit codes: 0 ok, 1 failed, 2 usage error, 3 data rejected beyond tolerance, 4 warehouse"
            + " busy with",
        lines.get(lines.size() - 2));
  }

  @Test
  void aCommandsHelpHasItsWholeDescriptionAndItsOptionsInAlignedColumns() {
    Outcome o = CommandLine.run("sql", "--help");
    assertEquals(0, o.code(), o.err());
    assertEquals(
        List.of(
            "usage: ./mhcs sql [-h] --warehouse=DIR [--as-of=WHEN] [--set=KEY=VALUE]... \"SQL\"",
            "",
            "Query the warehouse; prints CSV (header row) to stdout.",
            "Tables are bronze.x, silver.x, gold.x and ops.x; SHOW TABLES IN gold lists them. Queries"
                + " only",
            "(SELECT, WITH, SHOW, DESCRIBE, EXPLAIN): a statement that would write is refused before"
                + " it runs,",
            "and so is one that reads a file by path (csv.`file`). --as-of queries the tables as they"
                + " were",
            "(Delta time travel): copy a benchmark row's input_versions to re-issue it exactly.",
            "",
            "options:",
            "      --warehouse=DIR   warehouse folder",
            "      --as-of=WHEN      query the tables as they were: a timestamp ('2026-11-24"
                + " 03:00:00'), or",
            "                          table@version,... as gold.benchmark.input_versions records"
                + " them",
            "      --set=KEY=VALUE   a setting instead of conf/mhcs.properties' value; repeat for each",
            "  -h, --help            this help"),
        o.out().lines().toList());
    Outcome notebook = CommandLine.run("notebook", "--help");
    assertTrue(
        notebook
            .out()
            .contains("      --rows=N             rows shown per cell at most (default 1000)\n"),
        notebook.out());
  }

  @Test
  void aMistypedCommandOrOptionGetsTheClosestName() {
    Outcome command = CommandLine.run("tabels");
    assertEquals(2, command.code());
    assertEquals(
        "mhcs: unknown command 'tabels'; did you mean tables? (./mhcs --help lists the commands)\n",
        command.err());
    Outcome option = CommandLine.run("tables", "--layr", "gold");
    assertEquals(2, option.code());
    assertEquals(
        "mhcs tables: unknown option --layr for 'tables'; did you mean --layer? (see ./mhcs tables"
            + " --help)\n",
        option.err());
    Outcome attached = CommandLine.run("tables", "--tabel=gold.peer");
    assertEquals(
        "mhcs tables: unknown option --tabel for 'tables'; did you mean --table? (see ./mhcs"
            + " tables --help)\n",
        attached.err());
    Outcome nothingClose = CommandLine.run("frobnicate");
    assertEquals(2, nothingClose.code());
    assertEquals(
        "mhcs: unknown command 'frobnicate' (./mhcs --help lists the commands)\n",
        nothingClose.err());
  }

  @Test
  void theCompletionScriptCompletesEveryCommandAndItsOptions() {
    Outcome o = CommandLine.run("completion");
    assertEquals(0, o.code(), o.err());
    List<String> names = Main.COMMANDS.stream().map(Command::name).toList();
    String script = o.out();
    assertTrue(script.startsWith("#!/usr/bin/env bash\n"), script);
    assertTrue(script.contains("  local commands=\"" + String.join(" ", names) + "\""), script);
    for (Command c : Main.COMMANDS) {
      String start = "function _picocli_mhcs_" + c.name().replace("-", "") + "() {";
      assertTrue(script.contains(start), c.name());
      String function = script.substring(script.indexOf(start));
      function = function.substring(0, function.indexOf("\n}\n"));
      for (org.mhcs.command.Option option : c.options()) {
        assertTrue(
            function.contains("'--" + option.name() + "'"), c.name() + " --" + option.name());
      }
    }
    assertTrue(script.contains("  local flag_opts=\"'-h' '--help'\"\n"), script);
    assertTrue(script.contains("  local arg_opts=\"'--warehouse' '--as-of' '--set'\"\n"), script);
    assertTrue(
        script.contains("complete -F _complete_mhcs -o default mhcs mhcs.sh mhcs.bash"), script);
  }
}
