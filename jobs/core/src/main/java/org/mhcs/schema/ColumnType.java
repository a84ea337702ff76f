package org.mhcs.schema;

/** The types a landing column can be declared with in {@code schemas/}. */
public enum ColumnType {
  STRING("string"),
  INTEGER("int"),
  /** Decimal numbers (WTE, money): 18 digits with 4 after the point, so sums stay exact. */
  DECIMAL("decimal(18," + ColumnType.DECIMAL_SCALE + ")"),
  DATE("date");

  /** Digits a {@link #DECIMAL} keeps after the point. */
  private static final int DECIMAL_SCALE = 4;

  private final String sqlType;

  ColumnType(String sqlType) {
    this.sqlType = sqlType;
  }

  /**
   * The type as Spark SQL names it ({@code decimal(18,4)}), for casts and the table catalogue; kept
   * as text so the data contract does not depend on Spark.
   */
  public String sqlType() {
    return sqlType;
  }

  /**
   * The text (trimmed, thousands separators removed) a number of this type is read from, as a
   * regular expression, or null for types that are not numbers. Only text the typed value
   * represents exactly: an integer is an optional sign and digits ({@code 65.9}, {@code .5} and
   * {@code 1e3} are not integers, where a plain cast would truncate them); a decimal is plain
   * decimal notation with no non-zero digit beyond the scale ({@code 1.00005} and {@code -1e-9} are
   * not decimal(18,4), where a cast would round them). Digits beyond the precision still parse here
   * and are refused by the cast.
   */
  public String exactNotation() {
    return switch (this) {
      case INTEGER -> "^[+-]?[0-9]+$";
      case DECIMAL -> {
        String fraction = "[0-9]{0," + DECIMAL_SCALE + "}0*";
        // ".5" is a decimal; "." alone is not (the lookahead wants a digit after the point).
        yield "^[+-]?([0-9]+(\\." + fraction + ")?|\\.(?=[0-9])" + fraction + ")$";
      }
      case STRING, DATE -> null;
    };
  }
}
