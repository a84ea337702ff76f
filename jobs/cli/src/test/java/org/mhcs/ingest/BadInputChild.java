package org.mhcs.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.mhcs.cli.Main;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.SchemaCatalog;

/**
 * What {@link BadInputCorpusTest} runs in a child JVM, where the environment and the heap are the
 * test's to choose: {@code cli OUT (NAME LANDING WAREHOUSE)...} runs {@code ./mhcs run} on each
 * landing as a user would (with {@code MHCS_HASH_KEY} set by the parent) and writes each exit code
 * and stderr to OUT; {@code stream SOURCE TABLE FILE} reads one landing file record by record and
 * prints {@code read=… malformed=… distinct_keys=…}.
 */
final class BadInputChild {
  private BadInputChild() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("cli")) {
      Path out = Path.of(args[1]);
      for (int i = 2; i + 2 < args.length; i += 3) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
            Main.run(
                new String[] {
                  "run", "--landing", args[i + 1], "--warehouse", args[i + 2], "--period", "2024-06"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.writeString(
            out.resolve(args[i] + ".txt"), code + "\n" + err.toString(StandardCharsets.UTF_8));
      }
      System.exit(0);
    }
    LandingTableSpec spec = SchemaCatalog.bundled().table(args[1], args[2]);
    Path file = Path.of(args[3]);
    LandingCsv csv =
        new LandingCsv(
            spec, Pseudonymiser.withKey("bad-input-key-0123"), LocalDate.of(2024, 6, 30));
    LandingFile landed = LandingCsv.open(file, file.getFileName().toString(), spec, "key");
    int malformedAt = spec.columns().size() + 1;
    Set<String> keys = new HashSet<>();
    long read = 0;
    long malformed = 0;
    for (Iterator<Row> rows = csv.rows(landed); rows.hasNext(); ) {
      Row row = rows.next();
      read++;
      malformed += row.isNullAt(malformedAt) ? 0 : 1;
      StringBuilder key = new StringBuilder();
      for (String k : spec.key()) {
        key.append(row.getString(spec.columnNames().indexOf(k))).append('|');
      }
      keys.add(key.toString());
    }
    System.out.println(
        "read=" + read + " malformed=" + malformed + " distinct_keys=" + keys.size());
  }
}
