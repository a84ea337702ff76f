package org.mhcs.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** The types a landing column can be declared with in {@code schemas/}. */
public enum ColumnType {
  STRING(DataTypes.StringType),
  INTEGER(DataTypes.IntegerType),
  /** Decimal numbers (WTE, money): 18 digits with 4 after the point, so sums stay exact. */
  DECIMAL(DataTypes.createDecimalType(18, 4)),
  DATE(DataTypes.DateType);

  private final DataType sparkType;

  ColumnType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
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
        int scale = ((DecimalType) sparkType).scale();
        String fraction = "[0-9]{0," + scale + "}0*";
        // ".5" is a decimal; "." alone is not (the lookahead wants a digit after the point).
        yield "^[+-]?([0-9]+(\\." + fraction + ")?|\\.(?=[0-9])" + fraction + ")$";
      }
      case STRING, DATE -> null;
    };
  }
}
