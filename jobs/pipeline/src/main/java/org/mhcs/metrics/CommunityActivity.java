package org.mhcs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mhcs.conform.ClinicalCapacity;
import org.mhcs.warehouse.Columns;

/**
 * The per organisation × service line aggregates community metrics are ratios of: one pass over the
 * conformed contacts and one over clinical capacity, joined (full outer, so a service with staff
 * but no contacts, or contacts but no staff, still shows). Without capacity (ESR's staff in post
 * not landed) the contacts' figures stand alone and the capacity's are null.
 */
public final class CommunityActivity {
  public static final String DIRECT_MINUTES = "direct_minutes";
  public static final String DIRECT_CONTACTS = "direct_contacts";
  public static final String F2F_MINUTES = "f2f_minutes";
  public static final String F2F_CONTACTS = "f2f_contacts";
  public static final String PATIENTS = "patients";
  public static final String ATTENDED_CONTACTS = "attended_contacts";
  public static final String DNA_CONTACTS = "dna_contacts";
  public static final String AVAILABLE_DAYS = Columns.AVAILABLE_DAYS;
  public static final String CLINICAL_WTE = "clinical_wte";

  private CommunityActivity() {}

  /**
   * Aggregates contacts and capacity with a mapped service line. Ward staff are inpatient capacity,
   * so clinicians placed by their ward are left out: a community service's clinicians are those its
   * teams (or, where ESR has no team, cost centres or occupations) place in it.
   */
  public static Dataset<Row> aggregate(Dataset<Row> contacts, Optional<Dataset<Row>> capacity) {
    Column attended = col(Columns.ATTENDED);
    Column direct = col(Columns.DIRECT_CARE);
    Column f2f = attended.and(col(Columns.FACE_TO_FACE));
    // Care-activity minutes count every professional at a joint visit; contacts without
    // activities fall back to the contact's own duration (metrics.md).
    Column careMinutes = coalesce(col(Columns.ACTIVITY_MINUTES), col(Columns.CONTACT_MINUTES));
    Dataset<Row> activity =
        contacts
            .where(col(Columns.SERVICE_LINE).isNotNull())
            .groupBy(Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE)
            .agg(
                sum(when(direct, careMinutes).otherwise(0L)).as(DIRECT_MINUTES),
                count(when(direct, lit(1))).as(DIRECT_CONTACTS),
                sum(when(f2f, col(Columns.CONTACT_MINUTES)).otherwise(0L)).as(F2F_MINUTES),
                count(when(f2f, lit(1))).as(F2F_CONTACTS),
                countDistinct(when(direct, col(Columns.PATIENT_ID))).as(PATIENTS),
                count(when(attended, lit(1))).as(ATTENDED_CONTACTS),
                count(when(col(Columns.DNA), lit(1))).as(DNA_CONTACTS));
    if (capacity.isEmpty()) {
      // No staff in post landed: the metrics of contacts alone still have their inputs.
      return activity
          .withColumn(AVAILABLE_DAYS, lit(null).cast("double"))
          .withColumn(CLINICAL_WTE, lit(null).cast("double"));
    }
    Dataset<Row> staff =
        capacity
            .get()
            .where(
                col(Columns.CLINICAL)
                    .and(col(Columns.SERVICE_LINE).isNotNull())
                    .and(ClinicalCapacity.placedByWard().unary_$bang()))
            .groupBy(Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE)
            .agg(
                sum(Columns.AVAILABLE_DAYS).as(AVAILABLE_DAYS),
                sum(Columns.CONTRACTED_WTE).as(CLINICAL_WTE));
    return activity.join(
        staff, new String[] {Columns.PERIOD, Columns.ORG_CODE, Columns.SERVICE_LINE}, "full_outer");
  }
}
