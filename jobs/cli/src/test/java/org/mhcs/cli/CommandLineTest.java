package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.command.Command;
import org.mhcs.command.Environment;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.CommandLine.Outcome;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;

/**
 * ./mhcs's command line on picocli: help, "did you mean", the warehouse a query reads, completion.
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
class CommandLineTest {
  /** The column where every command's line starts in ./mhcs --help: 2 + "public-benchmarks" + 2. */
  private static final int DESCRIPTION_COLUMN = 21;

  @Test
  void theOverviewListsEveryCommandWithItsWholeFirstSentenceOnOneLineInOneColumn() {
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
      assertTrue(
          !lines.get(at + 1).startsWith(" ".repeat(DESCRIPTION_COLUMN)),
          "one line, not wrapped: " + lines.get(at) + "\n" + lines.get(at + 1));
    }
    assertTrue(
        lines.contains(
            "  sql                Query the warehouse; prints CSV (header row) to stdout."),
        o.out());
    assertTrue(
        lines.contains(
            "  run                Run the whole pipeline for one period from a landing folder."),
        o.out());
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
            "usage: ./mhcs sql [-h] [--warehouse=DIR] [--as-of=WHEN] [--set=KEY=VALUE]... \"SQL\"",
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
            "      --warehouse=DIR   warehouse folder (default: $MHCS_WAREHOUSE, else ./warehouse)",
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
    Outcome warehouse = CommandLine.run("sql", "--warehous", "w", "SELECT 1");
    assertEquals(2, warehouse.code());
    assertEquals(
        "mhcs sql: unknown option --warehous for 'sql'; did you mean --warehouse? (see ./mhcs sql"
            + " --help)\n",
        warehouse.err());
    // A required option mistyped is reported as mistyped, not as missing.
    Outcome required =
        CommandLine.run("run", "--landng", "l", "--warehouse", "w", "--period", "2024-06");
    assertEquals(2, required.code());
    assertEquals(
        "mhcs run: unknown option --landng for 'run'; did you mean --landing? (see ./mhcs run"
            + " --help)\n",
        required.err());
    Outcome nothingClose = CommandLine.run("frobnicate");
    assertEquals(2, nothingClose.code());
    assertEquals(
        "mhcs: unknown command 'frobnicate' (./mhcs --help lists the commands)\n",
        nothingClose.err());
  }

  @Test
  void aQueryReadsTheWarehouseGivenThenMhcsWarehouseThenDotWarehouse(@TempDir Path dir)
      throws IOException {
    Path golden = GoldenRuns.community().root();
    Path here = Files.createDirectories(dir.resolve("here"));
    Path absent = dir.resolve("absent");
    String query = "SELECT COUNT(*) AS n FROM gold.peer";

    // --warehouse first, whatever the variable says.
    Outcome given =
        run(
            Map.of("MHCS_WAREHOUSE", absent.toString()),
            here,
            "sql",
            "--warehouse",
            golden.toString(),
            query);
    assertEquals("n\n6\n", given.out(), given.err());
    // Then the variable, relative to the working directory like a path on the command line.
    Files.createSymbolicLink(here.resolve("golden"), golden);
    Outcome variable = run(Map.of("MHCS_WAREHOUSE", "golden"), here, "sql", query);
    assertEquals("n\n6\n", variable.out(), variable.err());
    // Then ./warehouse, where ./mhcs demo writes.
    Outcome missing = run(Map.of(), here, "sql", query);
    assertEquals(2, missing.code());
    assertEquals(
        "mhcs sql: no warehouse at "
            + here.resolve("warehouse")
            + " (the default; neither --warehouse nor $MHCS_WAREHOUSE is given): ./mhcs sql reads a"
            + " warehouse that ./mhcs demo or ./mhcs run has built; run ./mhcs demo, or pass"
            + " --warehouse DIR (or set MHCS_WAREHOUSE)\n",
        missing.err());
    Files.createSymbolicLink(here.resolve("warehouse"), golden);
    Outcome byDefault = run(Map.of(), here, "sql", query);
    assertEquals("n\n6\n", byDefault.out(), byDefault.err());
    // A variable naming no folder is reported as the variable's, not replaced by the default.
    Outcome badVariable = run(Map.of("MHCS_WAREHOUSE", absent.toString()), here, "peers", "A01");
    assertEquals(2, badVariable.code());
    assertEquals(
        "mhcs peers: no warehouse at "
            + absent
            + " (from $MHCS_WAREHOUSE): ./mhcs peers reads a warehouse that ./mhcs demo or ./mhcs"
            + " run has built; run ./mhcs demo, or pass --warehouse DIR (or set MHCS_WAREHOUSE)\n",
        badVariable.err());
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

  private static Outcome run(Map<String, String> variables, Path directory, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new Environment(variables, directory));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
