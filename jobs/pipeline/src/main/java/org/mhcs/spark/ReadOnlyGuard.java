package org.mhcs.spark;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.mhcs.schema.Layer;
import scala.Function1;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The read-only mode of {@code ./mhcs serve}, enforced where every statement passes: Spark's
 * analysis. Hiding bronze and silver from the catalog is not enough, since SQL can name any Delta
 * table by path ({@code delta.`/some/path`}) and write with INSERT, CREATE or VACUUM. So in
 * read-only mode a JDBC session's statement is refused unless it
 *
 * <ul>
 *   <li>reads data only through the served gold and ops views,
 *   <li>is a query or one of the harmless commands BI tools send (SHOW, DESCRIBE, SET, USE,
 *       EXPLAIN), and
 *   <li>calls no Java method by reflection ({@code reflect}, {@code java_method}).
 * </ul>
 *
 * Reads by path are refused as {@link PathReads} declares for every statement users type.
 *
 * <p>It is installed in every session as a Spark extension ({@code spark.sql.extensions}) and acts
 * only while a read-only server runs, and never on the server's own session, which registers the
 * views.
 */
public final class ReadOnlyGuard extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  private static final Set<String> SERVED = Set.of(Layer.GOLD.database(), Layer.OPS.database());

  /**
   * Commands (by class) a read-only user may run: they neither write nor read data by path. {@code
   * ./mhcs sql} allows them too.
   */
  public static final Set<String> HARMLESS_COMMANDS =
      Set.of(
          "SetCommand",
          "ResetCommand",
          "SetCatalogAndNamespace",
          "SetNamespaceCommand",
          "SetCatalogCommand",
          "ShowTables",
          "ShowTablesCommand",
          "ShowTableExtended",
          "ShowViews",
          "ShowNamespaces",
          "ShowColumns",
          "ShowColumnsCommand",
          "ShowFunctions",
          "ShowFunctionsCommand",
          "ShowCurrentNamespaceCommand",
          "DescribeRelation",
          "DescribeTableCommand",
          "DescribeColumn",
          "DescribeColumnCommand",
          "DescribeNamespace",
          "DescribeFunction",
          "DescribeFunctionCommand",
          "ExplainCommand");

  // EXPLAIN runs nothing; the statement it explains is not executed.

  /**
   * Leaves SQL text cannot point at stored data: literal rows, ranges, CTE references, and the
   * RDD-backed and cached relations Delta builds internally to replay a table's log.
   */
  private static final Set<String> SAFE_LEAVES =
      Set.of(
          "OneRowRelation",
          "LocalRelation",
          "Range",
          "CTERelationRef",
          "LogicalRDD",
          "ExternalRDD",
          "InMemoryRelation");

  /** The session that serves read-only (its own statements pass), or null when off. */
  private static volatile SparkSession owner;

  /** Folders whose tables may be read: the served layers of the served warehouse. */
  private static volatile List<String> readable = List.of();

  /**
   * Turns the guard on for every session but {@code serving}, allowing reads of tables under {@code
   * folders} only; a null session turns it off.
   */
  public static void set(SparkSession serving, List<java.nio.file.Path> folders) {
    readable = folders.stream().map(f -> f.toAbsolutePath().normalize().toString() + "/").toList();
    owner = serving;
  }

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(
        new AbstractFunction1<SparkSession, Function1<LogicalPlan, BoxedUnit>>() {
          @Override
          public Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
            return new AbstractFunction1<LogicalPlan, BoxedUnit>() {
              @Override
              public BoxedUnit apply(LogicalPlan plan) {
                SparkSession serving = owner;
                if (serving != null && session != serving) {
                  check(plan);
                }
                return BoxedUnit.UNIT;
              }
            };
          }
        });
    return BoxedUnit.UNIT;
  }

  /** Throws {@link ReadOnlyException} naming what {@code plan} does that read-only forbids. */
  static void check(LogicalPlan plan) {
    String kind = plan.getClass().getSimpleName();
    if (plan instanceof View view) {
      String database = view.desc().identifier().database().getOrElse(() -> "");
      if (!SERVED.contains(database)) {
        throw new ReadOnlyException("only gold and ops are served read-only, not " + database);
      }
      return; // a served view reads its Delta table by path; that is how it is defined
    }
    if (plan instanceof Command) {
      if (HARMLESS_COMMANDS.contains(kind)) {
        return; // they name tables and namespaces but read no data
      }
      throw new ReadOnlyException(kind + " is not allowed: the server is read-only");
    }
    if (plan instanceof InsertIntoStatement) {
      throw new ReadOnlyException("INSERT is not allowed: the server is read-only");
    }
    if (plan instanceof LogicalRelation relation) {
      // How a served view (and any Delta or file read) reaches its data: allowed under the
      // served folders only. Spark checks a view's own plan on its own, without the View node.
      if (!(relation.relation() instanceof HadoopFsRelation files) || !readable(files)) {
        throw new ReadOnlyException(
            "read-only: "
                + PathReads.refusal(
                    relation.relation() instanceof HadoopFsRelation files
                        ? files.location().rootPaths().mkString(", ")
                        : kind));
      }
      return;
    }
    if (plan.children().isEmpty() && !SAFE_LEAVES.contains(kind)) {
      throw new ReadOnlyException("read-only: " + PathReads.refusal(kind));
    }
    for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
      checkExpression(e);
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      check(child);
    }
  }

  private static boolean readable(HadoopFsRelation files) {
    List<String> allowed = readable;
    for (org.apache.hadoop.fs.Path root :
        JavaConverters.seqAsJavaList(files.location().rootPaths())) {
      String path = java.nio.file.Path.of(root.toUri().getPath()).normalize() + "/";
      if (allowed.stream().noneMatch(path::startsWith)) {
        return false;
      }
    }
    return true;
  }

  private static void checkExpression(Expression e) {
    if (e instanceof CallMethodViaReflection) {
      throw new ReadOnlyException("reflect/java_method is not allowed: the server is read-only");
    }
    if (e instanceof SubqueryExpression sub) {
      check(sub.plan());
    }
    for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
      checkExpression(child);
    }
  }

  /** What a JDBC client sees as the error of a refused statement. */
  public static final class ReadOnlyException extends RuntimeException {
    ReadOnlyException(String message) {
      super(message);
    }
  }
}
