package org.mhcs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.SharedSpark;

class SuppressionTest {
  // Worked by hand from the rule: 0 stays 0, 1..7 masked, else the nearest multiple of 5
  // (halves up: 12.5 -> 15, 7.5 -> 10).
  private static final Double[] VALUES = {
    null, 0.0, 1.0, 3.4, 7.0, 7.49, 7.5, 8.0, 12.0, 12.5, 13.0, 1234.0, -3.0, -12.0
  };
  private static final String[] EXPECTED = {
    null, "0", "*", "*", "*", "*", "10", "10", "10", "15", "15", "1235", "*", "-10"
  };

  @Test
  void cellsFollowTheRule() {
    for (int i = 0; i < VALUES.length; i++) {
      assertEquals(EXPECTED[i], Suppression.cell(VALUES[i]), "value " + VALUES[i]);
    }
  }

  @Test
  void sparkColumnAgreesWithTheCellRuleAndLeavesOtherColumnsAlone() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < VALUES.length; i++) {
      rows.add(RowFactory.create("org" + i, VALUES[i]));
    }
    StructType schema =
        new StructType()
            .add("org_code", DataTypes.StringType)
            .add("numerator", DataTypes.DoubleType);
    Dataset<Row> data = SharedSpark.session().createDataFrame(rows, schema);
    List<Row> out =
        Suppression.apply(data, Set.of("numerator", "not_there"))
            .orderBy("org_code")
            .collectAsList();
    String[] got = new String[VALUES.length];
    for (Row r : out) {
      int i = Integer.parseInt(r.getString(0).substring(3));
      got[i] = r.isNullAt(1) ? null : r.getString(1);
    }
    assertEquals(Arrays.asList(EXPECTED), Arrays.asList(got));
  }
}
