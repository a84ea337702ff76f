package org.mhcs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.conf.CodeLists;
import org.mhcs.ingest.LandingCsv;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.ColumnType;
import org.mhcs.schema.FieldCheck;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.OpenInPeriod;
import org.mhcs.schema.Rule;
import org.mhcs.schema.Sensitivity;

/**
 * The row checks a table's schema declares, read as data: shape, required fields, types, code
 * lists, ranges, the event date inside the period, records open in the period, and duplicate keys
 * (whose flag {@link KeyChecks} adds). References to other tables are added by {@link
 * SilverValidation}.
 */
public final class RowChecks {
  private static final String TYPED = "_typed_";

  private RowChecks() {}

  /**
   * The typed value of a text column, as silver stores it (null when it does not parse). A number
   * is typed only when its value represents the text exactly ({@link ColumnType#exactNotation}):
   * Spark's cast alone would read {@code 65.9} as the integer 65 and {@code -1e-9} as the decimal
   * 0.0000. Numbers may carry the format's thousands separator, but only in proper groups: {@code
   * 1,234.5} is 1234.5, while {@code 1,2} does not parse.
   */
  public static Column typed(ColumnSpec column, FileFormat format) {
    Column text = trim(col(quoted(column.name())));
    return switch (column.type()) {
      case STRING -> text;
      case DATE -> to_date(text, "yyyy-MM-dd");
      case INTEGER, DECIMAL -> {
        Column number = withoutGrouping(text, format);
        yield when(
            number.rlike(column.type().exactNotation()), number.cast(column.type().sqlType()));
      }
    };
  }

  private static Column withoutGrouping(Column text, FileFormat format) {
    String separator = format.thousandsSeparator();
    if (separator == null) {
      return text;
    }
    String sep = Pattern.quote(separator);
    String grouped = "^[+-]?\\d{1,3}(" + sep + "\\d{3})+(\\.\\d+)?$";
    return when(text.rlike(grouped), regexp_replace(text, sep, "")).otherwise(text);
  }

  /**
   * The typed value of a column in rows that {@link #withTypedValues} has typed: parsed once per
   * row, read by every check and by silver's write.
   */
  static Column typedValue(ColumnSpec column) {
    return column.type() == ColumnType.STRING
        ? trim(col(quoted(column.name())))
        : col(quoted(TYPED + column.name()));
  }

  /** {@code rows} with each declared column that is not text typed once, beside its text. */
  static Dataset<Row> withTypedValues(Dataset<Row> rows, LandingTableSpec spec) {
    List<Column> columns = new ArrayList<>();
    for (String c : rows.columns()) {
      columns.add(col(quoted(c)));
    }
    for (ColumnSpec c : spec.columns()) {
      if (c.type() != ColumnType.STRING) {
        columns.add(typed(c, spec.format()).as(TYPED + c.name()));
      }
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Every check {@code spec} declares, in {@link Rule} order within each column. */
  public static List<Check> of(LandingTableSpec spec, ReportingWindow window, CodeLists codeLists) {
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "(record)",
            Rule.MALFORMED,
            col(Lineage.MALFORMED).isNotNull(),
            col(Lineage.MALFORMED)));
    for (ColumnSpec column : spec.columns()) {
      Column text = col(quoted(column.name()));
      Column present = text.isNotNull().and(trim(text).notEqual(""));
      if (column.required()) {
        checks.add(new Check(column.name(), Rule.REQUIRED, present.unary_$bang(), text));
      }
      if (column.type() != ColumnType.STRING) {
        checks.add(
            new Check(column.name(), Rule.TYPE, present.and(typedValue(column).isNull()), text));
      }
      if (column.sensitivity() == Sensitivity.AGE_BAND) {
        checks.add(
            new Check(column.name(), Rule.TYPE, text.equalTo(LandingCsv.UNREADABLE_DATE), text));
      }
      if (column.check() == FieldCheck.NHS_NUMBER) {
        checks.add(
            new Check(
                column.name(), Rule.NHS_NUMBER, text.equalTo(LandingCsv.INVALID_NHS_NUMBER), text));
      }
      if (column.coded()) {
        Object[] codes =
            (column.codeList() != null
                    ? codeLists.codesValidIn(column.codeList(), window.first(), window.last())
                    : column.allowedCodes())
                .toArray();
        checks.add(
            new Check(
                column.name(),
                Rule.CODE_LIST,
                present.and(trim(text).isin(codes).unary_$bang()),
                text));
      }
      if (column.min() != null) {
        checks.add(
            new Check(column.name(), Rule.RANGE, typedValue(column).lt(lit(column.min())), text));
      }
      if (column.max() != null) {
        checks.add(
            new Check(column.name(), Rule.RANGE, typedValue(column).gt(lit(column.max())), text));
      }
    }
    Column first = lit(Date.valueOf(window.first()));
    Column last = lit(Date.valueOf(window.last()));
    if (spec.eventDate() != null) {
      ColumnSpec date = spec.column(spec.eventDate()).orElseThrow();
      Column d = typedValue(date);
      checks.add(
          new Check(
              date.name(), Rule.PERIOD, d.lt(first).or(d.gt(last)), col(quoted(date.name()))));
    }
    if (spec.openInPeriod() != null) {
      OpenInPeriod open = spec.openInPeriod();
      ColumnSpec startColumn = spec.column(open.start()).orElseThrow();
      Column start = typedValue(startColumn);
      checks.add(
          new Check(
              startColumn.name(),
              Rule.OPEN_IN_PERIOD,
              start.gt(last),
              col(quoted(startColumn.name()))));
      if (open.end() != null) {
        ColumnSpec endColumn = spec.column(open.end()).orElseThrow();
        Column end = typedValue(endColumn);
        checks.add(
            new Check(
                endColumn.name(),
                Rule.OPEN_IN_PERIOD,
                end.lt(first).or(end.lt(start)),
                col(quoted(endColumn.name()))));
      }
    }
    if (!spec.key().isEmpty()) {
      // The first row of a key (by file, then line) is kept; later ones are the duplicates,
      // found on the key columns alone (KeyChecks).
      Column keyText =
          concat_ws("|", spec.key().stream().map(k -> col(quoted(k))).toArray(Column[]::new));
      checks.add(
          new Check(
              String.join("+", spec.key()), Rule.DUPLICATE_KEY, col(KeyChecks.DUPLICATE), keyText));
    }
    return checks;
  }

  /** The submitting organisation of each row (trimmed), or null for tables without one. */
  static Column submitter(LandingTableSpec spec) {
    return spec.submitter() == null
        ? lit(null).cast("string")
        : trim(col(quoted(spec.submitter())));
  }

  static String quoted(String name) {
    return "`" + name + "`";
  }
}
