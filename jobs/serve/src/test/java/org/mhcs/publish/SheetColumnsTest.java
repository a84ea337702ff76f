package org.mhcs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** An exported sheet read back: autofilter over the header and rows, widths, header frozen. */
class SheetColumnsTest {
  @Test
  void theSheetHasAnAutofilterSizedColumnsAndAFrozenHeader() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // A window of 1 row, so all but the last row are flushed before the layout is applied.
    try (SXSSFWorkbook book = new SXSSFWorkbook(1)) {
      SXSSFSheet sheet = book.createSheet("t");
      String[] header = {"org_code", "org_name", "value"};
      SheetColumns columns = new SheetColumns(header);
      var head = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        head.createCell(i).setCellValue(header[i]);
      }
      Object[][] rows = {
        {"A01", "Northern Care Alliance NHS Foundation Trust", 2.5},
        {"A02", "X".repeat(100), 1234567.0},
        {"A03", "Small", 0.123456789012345}
      };
      for (int r = 0; r < rows.length; r++) {
        var line = sheet.createRow(r + 1);
        for (int i = 0; i < header.length; i++) {
          if (rows[r][i] instanceof Double d) {
            line.createCell(i).setCellValue(d);
            columns.measure(i, d);
          } else {
            line.createCell(i).setCellValue((String) rows[r][i]);
            columns.measure(i, (String) rows[r][i]);
          }
        }
      }
      columns.apply(sheet, rows.length);
      book.write(bytes);
      book.dispose();
    }
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
      XSSFSheet sheet = book.getSheet("t");
      assertEquals("A1:C4", sheet.getCTWorksheet().getAutoFilter().getRef());
      // Widths in 1/256 characters: the longest text plus 3 for the filter button, at most 60.
      // org_code: "org_code" 8 → 11; org_name: 100 X → capped 60; value: 0.12345678901… shows 12
      // characters → 15.
      assertEquals(11 * 256, sheet.getColumnWidth(0));
      assertEquals(60 * 256, sheet.getColumnWidth(1));
      assertEquals(15 * 256, sheet.getColumnWidth(2));
      int defaultWidth = sheet.getDefaultColumnWidth() * 256;
      for (int i = 0; i < 3; i++) {
        assertTrue(sheet.getColumnWidth(i) > defaultWidth, "column " + i + " at default width");
      }
      assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
      assertTrue(sheet.getPaneInformation().isFreezePane());
    }
  }
}
