package org.mhcs.warehouse;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Sums and means that are the same on every run. Spark adds doubles in the order partitions finish,
 * so a double sum can differ in its last bit between two runs of the same input; summing as
 * decimals is exact, so reruns write bit-identical tables.
 */
public final class ExactSums {
  /** Wide enough for national totals of minutes or money; 10 places keep what a double carries. */
  private static final DecimalType EXACT = DataTypes.createDecimalType(38, 10);

  private ExactSums() {}

  /** Σ {@code value}, added exactly, as a double. */
  public static Column sumOf(Column value) {
    return sum(value.cast(EXACT)).cast(DataTypes.DoubleType);
  }

  /** The mean of {@code value}, added exactly, as a double. */
  public static Column meanOf(Column value) {
    return avg(value.cast(EXACT)).cast(DataTypes.DoubleType);
  }
}
