package org.mhcs.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

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
}
