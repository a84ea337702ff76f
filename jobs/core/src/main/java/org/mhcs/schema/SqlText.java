package org.mhcs.schema;

import java.util.Collection;
import java.util.stream.Collectors;

/** Values from data placed in Delta predicates, quoted so that no value can change the SQL. */
public final class SqlText {
  private SqlText() {}

  /** A Spark SQL string literal. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code `column` IN ('a', 'b')}, or {@code false} for no values. */
  public static String in(String column, Collection<String> values) {
    if (values.isEmpty()) {
      return "false";
    }
    return "`"
        + column
        + "` IN ("
        + values.stream().sorted().map(SqlText::literal).collect(Collectors.joining(", "))
        + ")";
  }
}
