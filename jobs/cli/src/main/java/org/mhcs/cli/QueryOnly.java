package org.mhcs.cli;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.mhcs.command.UsageException;
import org.mhcs.spark.PathReads;
import org.mhcs.spark.ReadOnlyGuard;
import scala.collection.JavaConverters;

/**
 * Keeps {@code ./mhcs sql} to queries. {@code spark.sql} runs DDL and DML as soon as it is called,
 * so a statement is first parsed with the session's parser (Spark's grammar plus Delta's: VACUUM,
 * OPTIMIZE, RESTORE, …) and analysed, neither of which runs it, and both plans are walked, with
 * their CTE definitions, subqueries and explained statements. A statement is refused when any part
 * of it is a command other than the harmless ones {@code ./mhcs serve} allows ({@link
 * ReadOnlyGuard#HARMLESS_COMMANDS}: SHOW, DESCRIBE, EXPLAIN, USE) and Delta's DESCRIBE HISTORY and
 * DETAIL, an INSERT (into a table or a directory), a {@code SET key=value} or {@code RESET}, or a
 * call of a Java method by reflection. A statement that reads a file by path ({@code csv.`<file>`})
 * is refused as {@link PathReads} says. Cost: one parse and one analysis, which reads table
 * metadata (Delta logs) but no data.
 */
final class QueryOnly {
  /** Delta's own inspections: they read a table's log and change nothing. */
  private static final Set<String> DELTA_INSPECTIONS =
      Set.of("DescribeDeltaHistory", "DescribeDeltaHistoryCommand", "DescribeDeltaDetailCommand");

  /**
   * Delta's statements that become commands only during analysis, and not always: RESTORE to the
   * current version analyses to an empty relation. Refused as written.
   */
  private static final Set<String> DELTA_WRITE_STATEMENTS =
      Set.of("RestoreTableStatement", "CloneTableStatement");

  /** Harmless to the server, but they change settings, which a one-statement run never needs. */
  private static final Set<String> SETTING_CHANGES = Set.of("ResetCommand");

  private QueryOnly() {}

  /**
   * Returns when {@code sql} only reads; throws a {@link UsageException} naming the part that would
   * write or change definitions. A statement that does not parse or name real tables throws Spark's
   * ParseException or AnalysisException.
   */
  static void check(SparkSession spark, String sql) {
    LogicalPlan parsed;
    try {
      parsed = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      throw new UsageException("the SQL does not parse: " + e.getMessage());
    }
    walk(parsed);
    // A write that is a plain plan node until analysis makes a command of it is caught here too.
    walk(spark.sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed());
  }

  private static void walk(LogicalPlan plan) {
    String kind = plan.getClass().getSimpleName();
    PathReads.named(plan)
        .ifPresent(
            path -> {
              throw new UsageException(PathReads.refusal(path));
            });
    if (plan instanceof ExplainCommand explain) {
      walk(explain.logicalPlan()); // EXPLAIN runs nothing, but explaining a write is not a query
      return;
    }
    if (plan instanceof SetCommand set && set.kv().isDefined() && set.kv().get()._2().isDefined()) {
      refuse("SET key=value");
    }
    if (SETTING_CHANGES.contains(kind) || DELTA_WRITE_STATEMENTS.contains(kind)) {
      refuse(kind);
    }
    if (plan instanceof Command
        && !ReadOnlyGuard.HARMLESS_COMMANDS.contains(kind)
        && !DELTA_INSPECTIONS.contains(kind)) {
      refuse(kind);
    }
    if (plan instanceof InsertIntoStatement || plan instanceof InsertIntoDir) {
      refuse("INSERT (" + kind + ")");
    }
    for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
      walk(e);
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      walk(child);
    }
    // CTE definitions (WITH x AS (...)) hang here in the parsed plan, not among the children.
    for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
      if (inner instanceof LogicalPlan p) {
        walk(p);
      }
    }
  }

  private static void walk(Expression e) {
    if (e instanceof CallMethodViaReflection) {
      refuse("reflect/java_method");
    }
    if (e instanceof SubqueryExpression sub) {
      walk(sub.plan());
    }
    for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
      walk(child);
    }
  }

  private static void refuse(String what) {
    throw new UsageException(
        "./mhcs sql runs queries only; this statement is a write, DDL or settings statement ("
            + what
            + "). SELECT, WITH, SHOW, DESCRIBE and EXPLAIN run; the warehouse changes only"
            + " through ./mhcs run");
  }
}
