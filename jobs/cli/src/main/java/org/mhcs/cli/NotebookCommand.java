package org.mhcs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mhcs.command.Arguments;
import org.mhcs.command.Command;
import org.mhcs.command.ExitCode;
import org.mhcs.command.Option;
import org.mhcs.command.UsageException;
import org.mhcs.conf.Settings;
import org.mhcs.notebook.Notebook;
import org.mhcs.notebook.NotebookException;
import org.mhcs.notebook.NotebookHtml;
import org.mhcs.notebook.NotebookRun;
import org.mhcs.notebook.NotebookRun.CellResult;
import org.mhcs.notebook.NotebookRunner;
import org.mhcs.pipeline.Pipelines;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.schema.TableCatalog;
import org.mhcs.storage.Location;
import org.mhcs.warehouse.Warehouse;

/**
 * {@code ./mhcs notebook run}: runs analyst notebooks (Databricks SQL source, {@code notebooks/})
 * against a warehouse and writes each as an HTML page. Every notebook is checked before Spark
 * starts; each runs in a session of its own, so several in one call cost one Spark start.
 */
public final class NotebookCommand implements Command {
  @Override
  public String name() {
    return "notebook";
  }

  @Override
  public String summary() {
    return "Run analyst notebooks against the warehouse and write each as an HTML page."
        + "\nNotebooks are Databricks SQL source files (notebooks/*.sql); a page shows every"
        + "\ncell's result table and chart, or its error."
        + "\nA failing cell stops its notebook (the page still shows it) and the exit code is 1."
        + "\n--param overrides a widget's default; several notebooks need --out DIR.";
  }

  @Override
  public String positional() {
    return "run NOTEBOOK.sql [NOTEBOOK.sql ...]";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.queryWarehouse(),
        Option.required(
            "out",
            "FILE|DIR",
            "HTML file to write; a folder (one NAME.html per notebook) when it exists, ends with"
                + " /, or several notebooks are given"),
        Option.repeatable(
            "param",
            "NAME=VALUE",
            "a widget's value instead of its default; repeat for each parameter"),
        Option.optional("rows", "N", "1000", "rows shown per cell at most"));
  }

  @Override
  public int run(Arguments args, PrintStream out, PrintStream err) {
    List<String> words = args.positional();
    if (words.isEmpty() || !words.get(0).equals("run") || words.size() < 2) {
      throw new UsageException(
          "usage: ./mhcs notebook run NOTEBOOK.sql [NOTEBOOK.sql ...] [--warehouse DIR] --out FILE|DIR"
              + " (see ./mhcs notebook --help)");
    }
    long rows = args.whole("rows");
    if (rows < 1 || rows > 100_000) {
      throw new UsageException("--rows must be from 1 to 100000, not " + rows);
    }
    Map<String, String> given = parameters(args.all("param"));

    // Everything that can be checked without Spark first: files, format, parameters, outputs.
    List<Notebook> notebooks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String file : words.subList(1, words.size())) {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new UsageException("no notebook file " + file);
      }
      try {
        notebooks.add(Notebook.read(path, file));
      } catch (NotebookException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      err.println("mhcs notebook: cannot run; fix the notebook and run again:");
      problems.forEach(p -> err.println("  " + p));
      return ExitCode.FAILED;
    }
    Set<String> declared = new HashSet<>();
    notebooks.forEach(n -> declared.addAll(n.widgets().keySet()));
    for (String name : given.keySet()) {
      if (!declared.contains(name)) {
        throw new UsageException(
            "--param "
                + name
                + ": no notebook given declares it (they declare "
                + (declared.isEmpty()
                    ? "none"
                    : String.join(", ", declared.stream().sorted().toList()))
                + ")");
      }
    }
    List<Path> pages = pages(args, notebooks);

    Settings settings = Settings.load(args.settings());
    Location warehouseDir = args.queryWarehouse();
    Warehouse warehouse = Pipelines.warehouse(warehouseDir, settings);
    warehouse.registerTables();
    Set<String> suppressed = new HashSet<>();
    TableCatalog catalog = TableCatalog.bundled(SchemaCatalog.bundled());
    catalog
        .tables()
        .forEach(t -> suppressed.addAll(catalog.suppressedColumns(t.table().qualifiedName())));
    NotebookRunner runner =
        new NotebookRunner(warehouse.spark(), (int) rows, suppressed, err::println);
    boolean debug = "1".equals(System.getenv("MHCS_DEBUG"));

    int failed = 0;
    for (int i = 0; i < notebooks.size(); i++) {
      Notebook notebook = notebooks.get(i);
      Map<String, String> own = new LinkedHashMap<>(given);
      own.keySet().retainAll(notebook.widgets().keySet());
      NotebookRun run = runner.run(notebook, own);
      write(pages.get(i), NotebookHtml.render(run, warehouseDir.toString()));
      if (run.failure().isPresent()) {
        failed++;
        CellResult f = run.failure().get();
        err.printf(
            "mhcs notebook: %s cell %d (line %d) failed at line %d: %s%n",
            notebook.name(), f.cell().number(), f.cell().line(), f.errorLine(), f.error());
        if (debug) {
          f.cause().printStackTrace(err);
        } else {
          err.println("(MHCS_DEBUG=1 shows the stack trace)");
        }
      }
      out.printf(
          Locale.ROOT,
          "%s: %s in %.1f s -> %s%n",
          notebook.name(),
          run.failure().isPresent() ? "FAILED" : "ok, " + run.cells().size() + " cells",
          run.seconds(),
          pages.get(i));
    }
    return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  /** {@code name=value} pairs; a name given twice is a mistake worth saying. */
  static Map<String, String> parameters(List<String> pairs) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--param takes NAME=VALUE, e.g. --param org_code=RX4, not '" + pair + "'");
      }
      String name = pair.substring(0, eq).strip();
      if (given.put(name, pair.substring(eq + 1)) != null) {
        throw new UsageException("--param " + name + " is given twice");
      }
    }
    return given;
  }

  /** Where each notebook's page goes: the file, or NAME.html in the folder. */
  private static List<Path> pages(Arguments args, List<Notebook> notebooks) {
    String out = args.get("out");
    Path given = Path.of(out).toAbsolutePath().normalize();
    boolean folder = notebooks.size() > 1 || out.endsWith("/") || Files.isDirectory(given);
    if (!folder) {
      return List.of(args.writableFile("out"));
    }
    if (Files.exists(given) && !Files.isDirectory(given)) {
      throw new UsageException("--out " + out + " is a file; several notebooks need a folder");
    }
    Path target = args.writableFolder("out");
    List<Path> pages = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Notebook n : notebooks) {
      String base = Path.of(n.name()).getFileName().toString().replaceFirst("\\.sql$", "");
      if (!names.add(base)) {
        throw new UsageException("two notebooks are named " + base + "; run them separately");
      }
      pages.add(target.resolve(base + ".html"));
    }
    return pages;
  }

  private static void write(Path page, String html) {
    try {
      if (page.getParent() != null) {
        Files.createDirectories(page.getParent());
      }
      Files.writeString(page, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + page + ": " + e.getMessage(), e);
    }
  }
}
