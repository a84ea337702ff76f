package org.mhcs.spark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedView;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.internal.SQLConf;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The policy for SQL that users type ({@code ./mhcs sql}, and {@code ./mhcs serve --read-only}'s
 * clients): it names the warehouse's tables and never reads a file by path. Spark answers {@code
 * text.`/etc/passwd`} or {@code csv.`<landing file>`} (any data source name, then a path) as if it
 * were a table, which would let a query print any file the process can read, landing files with
 * identifiers in clear among them. {@code ./mhcs sql} refuses such a statement as parsed, before
 * Spark analyses it (analysis alone would read the file to learn its columns), naming what it
 * wrote; the read-only server refuses, in {@link ReadOnlyGuard}, every relation outside the served
 * tables with the same {@link #refusal}.
 *
 * <p>Spark's own switch, {@code spark.sql.runSQLOnFiles=false}, is not used: with it, Delta's
 * catalog resolves no {@code delta.`<path>`} at all, and that is how the product's own views
 * ({@code --as-of}, the served tables) reach their tables. Only the statement a user typed is
 * checked here, so those views are unaffected.
 */
public final class PathReads {
  /** Table functions that read a table or files by path rather than by name. */
  private static final Set<String> PATH_FUNCTIONS = Set.of("table_changes_by_path", "read_files");

  private PathReads() {}

  /** What users are told when a statement reads {@code what} by path. */
  public static String refusal(String what) {
    return "SQL here reads the warehouse's tables by name, never a file by path ("
        + what
        + "): query the tables by name, e.g. gold.benchmark (SHOW TABLES IN gold lists gold's);"
        + " a landing file reaches the warehouse only through ./mhcs run";
  }

  /**
   * The first relation of a parsed (not yet analysed) plan node that names a path instead of a
   * table, as written: {@code text.`/etc/passwd`}. Looks at this node only; callers walk the plan.
   */
  public static Optional<String> named(LogicalPlan node) {
    if (node instanceof RelationTimeTravel travel) {
      return named(travel.relation()); // a leaf that holds its relation outside the children
    }
    if (node instanceof UnresolvedTableValuedFunction function) {
      String name = String.join(".", javaList(function.name()));
      return PATH_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))
          ? Optional.of(name + "(…)")
          : Optional.empty();
    }
    Seq<String> identifier = null;
    if (node instanceof UnresolvedRelation r) {
      identifier = r.multipartIdentifier();
    } else if (node instanceof UnresolvedTable t) {
      identifier = t.multipartIdentifier();
    } else if (node instanceof UnresolvedTableOrView t) {
      identifier = t.multipartIdentifier();
    } else if (node instanceof UnresolvedView v) {
      identifier = v.multipartIdentifier();
    }
    if (identifier != null) {
      List<String> parts = javaList(identifier);
      return parts.size() == 2 && isDataSource(parts.get(0))
          ? Optional.of(parts.get(0) + ".`" + parts.get(1) + "`")
          : Optional.empty();
    }
    // Delta parses DESCRIBE HISTORY, DETAIL and the like of delta.`<path>` into its own nodes.
    return node.getClass().getSimpleName().startsWith("UnresolvedPathBased")
        ? Optional.of(node.nodeName())
        : Optional.empty();
  }

  /** Whether Spark would read {@code name.`x`} with data source {@code name} (csv, delta, …). */
  private static boolean isDataSource(String name) {
    try {
      DataSource.lookupDataSource(name, SQLConf.get());
      return true;
    } catch (Exception e) { // Spark's ClassNotFoundException, unchecked in Scala
      return false; // not a format: a database name such as gold
    }
  }

  private static List<String> javaList(Seq<String> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }
}
