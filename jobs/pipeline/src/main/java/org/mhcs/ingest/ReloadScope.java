package org.mhcs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;

import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Lineage;
import org.mhcs.schema.SqlText;

/**
 * The rows of one table a run revalidates and replaces in silver and quarantine: one period, and
 * within it either every row or only the rows of the submitters whose files changed (a
 * resubmission). Rows with no submitter are always in scope, so they cannot be orphaned.
 *
 * @param submitters the organisations in scope, or null for the whole period
 */
public record ReloadScope(LandingTableSpec spec, ReportingWindow window, Set<String> submitters) {

  public static ReloadScope wholePeriod(LandingTableSpec spec, ReportingWindow window) {
    return new ReloadScope(spec, window, null);
  }

  public boolean wholePeriod() {
    return submitters == null || spec.submitter() == null;
  }

  /** This scope widened by {@code other}'s submitters (a parent table's change). */
  public ReloadScope union(Set<String> others) {
    if (wholePeriod() || others == null) {
      return new ReloadScope(spec, window, null);
    }
    Set<String> all = new TreeSet<>(submitters);
    all.addAll(others);
    return new ReloadScope(spec, window, all);
  }

  /** Selects the scope's rows in bronze, where the submitter is still text as landed. */
  public Column bronzeRows() {
    Column period = col(Lineage.PERIOD).equalTo(window.label());
    if (wholePeriod()) {
      return period;
    }
    Column submitter = trim(col("`" + spec.submitter() + "`"));
    return period.and(submitter.isin(submitters.toArray()).or(blank(submitter)));
  }

  /** The Delta condition selecting the scope's rows in {@code column}-partitioned silver. */
  public String silverCondition() {
    return condition(Lineage.PERIOD, spec.submitter());
  }

  /** The condition for a table whose period and submitter columns are named as given. */
  public String condition(String periodColumn, String submitterColumn) {
    String period = window.predicate(periodColumn);
    if (wholePeriod()) {
      return period;
    }
    return period
        + " AND ("
        + SqlText.in(submitterColumn, submitters)
        + " OR `"
        + submitterColumn
        + "` IS NULL OR trim(`"
        + submitterColumn
        + "`) = '')";
  }

  private static Column blank(Column text) {
    return text.isNull().or(text.equalTo(""));
  }

  @Override
  public String toString() {
    return window.label() + (wholePeriod() ? "" : " submitters " + submitters);
  }
}
