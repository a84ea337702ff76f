package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.Lineage;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.ColumnType;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.warehouse.Period;

/**
 * The checks a table's schema declares, read as data: required fields, types, code lists, ranges,
 * the event date inside the period, and duplicate keys.
 */
public final class RowChecks {
  private RowChecks() {}

  /** The typed value of a text column, as silver stores it (null when it does not parse). */
  public static Column typed(ColumnSpec column) {
    Column text = trim(col(quoted(column.name())));
    return switch (column.type()) {
      case STRING -> text;
      case DATE -> to_date(text, "yyyy-MM-dd");
      case INTEGER, DECIMAL -> text.cast(column.type().sparkType());
    };
  }

  /** Every check {@code spec} declares, in {@link Rule} order within each column. */
  public static List<Check> of(LandingTableSpec spec, Period period, CodeLists codeLists) {
    List<Check> checks = new ArrayList<>();
    for (ColumnSpec column : spec.columns()) {
      Column text = col(quoted(column.name()));
      Column present = text.isNotNull().and(trim(text).notEqual(""));
      if (column.required()) {
        checks.add(new Check(column.name(), Rule.REQUIRED, present.unary_$bang(), text));
      }
      if (column.type() != ColumnType.STRING) {
        checks.add(new Check(column.name(), Rule.TYPE, present.and(typed(column).isNull()), text));
      }
      if (column.coded()) {
        Object[] codes =
            (column.codeList() != null ? codeLists.codes(column.codeList()) : column.allowedCodes())
                .toArray();
        checks.add(
            new Check(
                column.name(),
                Rule.CODE_LIST,
                present.and(trim(text).isin(codes).unary_$bang()),
                text));
      }
      if (column.min() != null) {
        checks.add(new Check(column.name(), Rule.RANGE, typed(column).lt(lit(column.min())), text));
      }
      if (column.max() != null) {
        checks.add(new Check(column.name(), Rule.RANGE, typed(column).gt(lit(column.max())), text));
      }
    }
    if (spec.eventDate() != null) {
      ColumnSpec date = spec.column(spec.eventDate()).orElseThrow();
      Column d = typed(date);
      Column outside =
          d.lt(lit(java.sql.Date.valueOf(period.firstDay())))
              .or(d.gt(lit(java.sql.Date.valueOf(period.lastDay()))));
      checks.add(new Check(date.name(), Rule.PERIOD, outside, col(quoted(date.name()))));
    }
    if (!spec.key().isEmpty()) {
      // The first row of a key (by file, then line) is kept; later ones are the duplicates.
      Column[] key = spec.key().stream().map(k -> trim(col(quoted(k)))).toArray(Column[]::new);
      Column rank =
          row_number()
              .over(Window.partitionBy(key).orderBy(col(Lineage.SOURCE_FILE), col(Lineage.LINE)));
      Column keyText =
          concat_ws("|", spec.key().stream().map(k -> col(quoted(k))).toArray(Column[]::new));
      checks.add(new Check(String.join("+", spec.key()), Rule.DUPLICATE_KEY, rank.gt(1), keyText));
    }
    return checks;
  }

  static String quoted(String name) {
    return "`" + name + "`";
  }
}
