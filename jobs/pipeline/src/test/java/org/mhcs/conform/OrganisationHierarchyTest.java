package org.mhcs.conform;

import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.Answers;
import org.mhcs.testing.SharedSpark;
import org.mhcs.warehouse.Columns;

/** The dating rule on snapshots small enough to follow by hand. */
class OrganisationHierarchyTest {
  private static final StructType SNAPSHOT_ROWS =
      new StructType()
          .add(OrganisationHierarchy.ORG_CODE, DataTypes.StringType)
          .add(OrganisationHierarchy.ORG_NAME, DataTypes.StringType)
          .add(OrganisationHierarchy.REGION, DataTypes.StringType)
          .add(OrganisationHierarchy.ICB_CODE, DataTypes.StringType)
          .add(OrganisationHierarchy.OPEN_DATE, DataTypes.DateType)
          .add(OrganisationHierarchy.CLOSE_DATE, DataTypes.DateType)
          .add(OrganisationHierarchy.SNAPSHOT_DATE, DataTypes.DateType);

  private static final Date JAN = Date.valueOf("2026-01-01");
  private static final Date APR = Date.valueOf("2026-04-01");
  private static final Date JUL = Date.valueOf("2026-07-01");
  private static final Date OPENED = Date.valueOf("2000-04-01");

  private static Row etr(String code, String icb, Date snapshot) {
    return RowFactory.create(code, code + " NHS TRUST", "Y56", icb, OPENED, null, snapshot);
  }

  private static Dataset<Row> rows(Row... rows) {
    SparkSession spark = SharedSpark.session();
    return spark.createDataFrame(List.of(rows), SNAPSHOT_ROWS);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values); // keeps nulls, unlike List.of
  }

  @Test
  void aSnapshotWithoutTheOrganisationEndsItsPeriodAndTheSameAttributesLaterStartANewOne() {
    // Three snapshots. A: QMJ, QMJ, QMJ → one period from January. B: QMJ, absent, QMJ → ended by
    // April, again from July. C: QMJ, QMJ, Z9B2Z → split at July. D only in July.
    Dataset<Row> published =
        rows(
            etr("A", "QMJ", JAN),
            etr("A", "QMJ", APR),
            etr("A", "QMJ", JUL),
            etr("B", "QMJ", JAN),
            etr("B", "QMJ", JUL),
            etr("C", "QMJ", JAN),
            etr("C", "QMJ", APR),
            etr("C", "Z9B2Z", JUL),
            etr("D", "QKK", JUL));
    Answers.assertRows(
        OrganisationHierarchy.transform(List.of(published), Optional.empty())
            .select(Columns.ORG_CODE, Columns.ICB, Columns.VALID_FROM, Columns.VALID_TO)
            .orderBy(Columns.ORG_CODE, Columns.VALID_FROM),
        List.of(
            row("A", "QMJ", JAN, null),
            row("B", "QMJ", JAN, APR),
            row("B", "QMJ", JUL, null),
            row("C", "QMJ", JAN, JUL),
            row("C", "Z9B2Z", JUL, null),
            row("D", "QKK", JUL, null)),
        0);
  }

  @Test
  void theFirstListedLayoutWinsForTheSameOrganisationAndMonthAndTypesAreAttached() {
    Dataset<Row> published = rows(etr("A", "QMJ", JAN));
    Dataset<Row> reshaped = rows(etr("A", "Q71", JAN), etr("B", "Q71", JAN));
    Dataset<Row> types =
        SharedSpark.session()
            .createDataFrame(
                List.of(RowFactory.create("A", "Mental health")),
                new StructType()
                    .add(OrganisationHierarchy.ORG_CODE, DataTypes.StringType)
                    .add(OrganisationHierarchy.ORG_TYPE, DataTypes.StringType));
    Answers.assertRows(
        OrganisationHierarchy.transform(List.of(published, reshaped), Optional.of(types))
            .select(Columns.ORG_CODE, Columns.ORG_TYPE, Columns.ICB, Columns.VALID_FROM)
            .orderBy(Columns.ORG_CODE),
        List.of(row("A", "Mental health", "QMJ", JAN), row("B", null, "Q71", JAN)),
        0);
  }
}
