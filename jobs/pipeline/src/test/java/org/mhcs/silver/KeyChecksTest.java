package org.mhcs.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.Reference;
import org.mhcs.testing.SharedSpark;

/**
 * The key checks give the same marks whether the keys they find are held on the driver (the usual
 * case) or, past the limit, joined where they lie; and no keys at all mark nothing.
 */
class KeyChecksTest {
  private static final StructType CHILD =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("ref", DataTypes.StringType)
          .add(Lineage.SOURCE_FILE, DataTypes.StringType)
          .add(Lineage.LINE, DataTypes.LongType);
  private static final StructType PARENT = new StructType().add("key", DataTypes.StringType);
  private static final Reference REF = new Reference(List.of("ref"), "parent", List.of("key"));

  // Line by line, worked out by hand:
  //   a.csv 2  A  P1   first A                    -> not duplicate, P1 known
  //   a.csv 3  B  P9   P9 not a parent key        -> orphan
  //   a.csv 4  A  P2   A again (first is a.csv 2) -> duplicate
  //   b.csv 2  ' A'    trimmed, A a third time    -> duplicate; ref empty, so never an orphan
  //   b.csv 3  C  P9   second row pointing at P9  -> orphan
  //   b.csv 4  null P1 no key: all keyless rows are one key, this its first -> not duplicate
  //   b.csv 5  null    no key again, no reference  -> duplicate, not an orphan
  private static final List<Row> ROWS =
      List.of(
          RowFactory.create("A", "P1", "a.csv", 2L),
          RowFactory.create("B", "P9", "a.csv", 3L),
          RowFactory.create("A", "P2", "a.csv", 4L),
          RowFactory.create(" A", "", "b.csv", 2L),
          RowFactory.create("C", "P9 ", "b.csv", 3L),
          RowFactory.create(null, "P1", "b.csv", 4L),
          RowFactory.create(null, null, "b.csv", 5L));
  private static final Map<String, String> EXPECTED =
      new TreeMap<>(
          Map.of(
              "a.csv:2", "false/false",
              "a.csv:3", "false/true",
              "a.csv:4", "true/false",
              "b.csv:2", "true/false",
              "b.csv:3", "false/true",
              "b.csv:4", "false/false",
              "b.csv:5", "true/false"));

  @Test
  void keysHeldOnTheDriverAndKeysJoinedWhereTheyLieMarkTheSameRows() {
    assertEquals(EXPECTED, marks(KeyChecks.ON_DRIVER), "keys on the driver");
    // A limit of 0 keys keeps every non-empty key set distributed: the join as before.
    assertEquals(EXPECTED, marks(0), "keys joined where they lie");
  }

  @Test
  void withNoRepeatsAndNoOrphansNothingIsMarked() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create("A", "P1", "a.csv", 2L),
                RowFactory.create("B", "P2", "a.csv", 3L)),
            CHILD);
    Dataset<Row> parent =
        spark.createDataFrame(List.of(RowFactory.create("P1"), RowFactory.create("P2")), PARENT);
    Dataset<Row> marked =
        KeyChecks.markOrphans(KeyChecks.markDuplicates(rows, List.of("id")), REF, parent, 0);
    assertEquals(
        List.of("false/false", "false/false"),
        marked.orderBy(Lineage.LINE).collectAsList().stream().map(KeyChecksTest::mark).toList());
  }

  private static Map<String, String> marks(int onDriver) {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> rows = spark.createDataFrame(ROWS, CHILD);
    Dataset<Row> parent =
        spark.createDataFrame(List.of(RowFactory.create("P1"), RowFactory.create("P2")), PARENT);
    Dataset<Row> marked =
        KeyChecks.markOrphans(
            KeyChecks.markDuplicates(rows, List.of("id"), onDriver), REF, parent, 0, onDriver);
    Map<String, String> marks = new TreeMap<>();
    for (Row r : marked.collectAsList()) {
      marks.put(r.getAs(Lineage.SOURCE_FILE) + ":" + r.<Long>getAs(Lineage.LINE), mark(r));
    }
    return marks;
  }

  private static String mark(Row r) {
    return r.<Boolean>getAs(KeyChecks.DUPLICATE) + "/" + r.<Boolean>getAs(KeyChecks.orphan(0));
  }
}
