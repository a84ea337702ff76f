package org.mhcs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Compares a whole answer with the expected rows, in order, numbers within a stated tolerance; on a
 * mismatch prints expected and actual side by side (after Spark's QueryTest).
 */
public final class Answers {
  private Answers() {}

  public static void assertRows(
      Dataset<Row> actual, List<List<Object>> expected, double tolerance) {
    List<Row> rows = actual.collectAsList();
    List<String> problems = new ArrayList<>();
    if (rows.size() != expected.size()) {
      problems.add("expected " + expected.size() + " rows, got " + rows.size());
    }
    for (int i = 0; i < Math.min(rows.size(), expected.size()); i++) {
      Row row = rows.get(i);
      List<?> want = expected.get(i);
      if (row.size() != want.size()) {
        problems.add("row " + i + ": expected " + want.size() + " columns, got " + row.size());
        continue;
      }
      for (int c = 0; c < want.size(); c++) {
        if (!same(want.get(c), row.isNullAt(c) ? null : row.get(c), tolerance)) {
          problems.add(
              "row "
                  + i
                  + " column "
                  + actual.columns()[c]
                  + ": expected "
                  + want.get(c)
                  + ", got "
                  + row.get(c));
        }
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder s =
          new StringBuilder(String.join("\n", problems)).append("\n\nexpected | actual\n");
      for (int i = 0; i < Math.max(rows.size(), expected.size()); i++) {
        s.append(i < expected.size() ? expected.get(i) : "-")
            .append(" | ")
            .append(i < rows.size() ? rows.get(i) : "-")
            .append('\n');
      }
      fail(s.toString());
    }
  }

  private static boolean same(Object want, Object got, double tolerance) {
    if (want == null || got == null) {
      return want == got;
    }
    if (want instanceof Number w && got instanceof Number g) {
      return Math.abs(w.doubleValue() - g.doubleValue()) <= tolerance;
    }
    return want.toString().equals(got.toString());
  }
}
