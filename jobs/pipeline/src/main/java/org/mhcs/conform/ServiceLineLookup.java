package org.mhcs.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@link ServiceLines} mappings applied to rows in Spark: each row's code looked up for its
 * organisation and month, and the target read back as a service line (or category) and a mapping
 * status. The mapping files themselves are loaded and checked by {@link ServiceLines}, which needs
 * no Spark.
 */
public final class ServiceLineLookup {
  private ServiceLineLookup() {}

  /**
   * {@code rows} with column {@code output} added: the target its code maps to in {@code month} (a
   * service-line or category id, or {@link ServiceLines#EXCLUDED}), or null when nothing maps it.
   * The organisation's own mapping of the code wins over a national one; codes match ignoring case
   * and surrounding spaces.
   */
  public static Dataset<Row> lookUp(
      ServiceLines serviceLines,
      Dataset<Row> rows,
      CodeSystem system,
      Column org,
      Column code,
      YearMonth month,
      String output) {
    SparkSession spark = rows.sparkSession();
    String p = "_" + output + "_";
    Dataset<Row> inEffect = table(spark, serviceLines, system, month);
    Dataset<Row> local =
        inEffect
            .where(col("org").isNotNull())
            .select(
                col("org").as(p + "lorg"), col("code").as(p + "lcode"), col("target").as(p + "l"));
    Dataset<Row> national =
        inEffect
            .where(col("org").isNull())
            .select(col("code").as(p + "ncode"), col("target").as(p + "n"));
    Dataset<Row> keyed = rows.withColumn(p + "key", upper(trim(code))).withColumn(p + "org", org);
    return keyed
        .join(
            broadcast(local),
            col(p + "org").equalTo(col(p + "lorg")).and(col(p + "key").equalTo(col(p + "lcode"))),
            "left")
        .join(broadcast(national), col(p + "key").equalTo(col(p + "ncode")), "left")
        .withColumn(output, coalesce(col(p + "l"), col(p + "n")))
        .drop(p + "key", p + "org", p + "lorg", p + "lcode", p + "l", p + "ncode", p + "n");
  }

  /** The id a looked-up target gives the row: null when excluded or unmapped. */
  public static Column mapped(Column target) {
    return when(target.notEqual(lit(ServiceLines.EXCLUDED)), target);
  }

  /** {@code mapped}, {@code excluded} or {@code unmapped}, from a looked-up target. */
  public static Column status(Column target) {
    return when(target.isNull(), lit(ServiceLines.UNMAPPED))
        .when(target.equalTo(lit(ServiceLines.EXCLUDED)), lit(ServiceLines.EXCLUDED))
        .otherwise(lit(ServiceLines.MAPPED));
  }

  /**
   * The mappings of {@code system} in effect in {@code month}: org (null = national), code, target.
   */
  private static Dataset<Row> table(
      SparkSession spark, ServiceLines serviceLines, CodeSystem system, YearMonth month) {
    StructType schema =
        new StructType()
            .add("org", DataTypes.StringType)
            .add("code", DataTypes.StringType)
            .add("target", DataTypes.StringType);
    List<Row> rows =
        serviceLines.mappings().stream()
            .filter(m -> m.system() == system && m.holdsIn(month))
            .map(m -> RowFactory.create(m.orgCode(), ServiceLines.key(m.code()), m.target()))
            .toList();
    return spark.createDataFrame(rows, schema);
  }
}
