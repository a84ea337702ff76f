package org.mhcs.notebook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL text read the way Spark's lexer reads it, enough to split a cell into statements at the
 * semicolons outside quotes and comments, and to find the named parameter markers ({@code
 * :metric_id}) each statement uses. Neither needs a parse, so both work before Spark starts.
 */
final class SqlStatements {
  /**
   * One statement of a cell.
   *
   * @param text from its first token to before its semicolon, leading comments left out
   * @param line line of its first token in the notebook file
   */
  record Statement(String text, int line) {}

  private static final byte CODE = 0;
  private static final byte QUOTED = 1;
  private static final byte COMMENT = 2;

  private SqlStatements() {}

  /** The statements of {@code sql}, whose first line is line {@code firstLine} of the file. */
  static List<Statement> split(String sql, int firstLine) {
    byte[] kind = classify(sql);
    List<Statement> statements = new ArrayList<>();
    int line = firstLine;
    int start = -1;
    int startLine = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (kind[i] != COMMENT && start < 0 && !Character.isWhitespace(c) && c != ';') {
        start = i;
        startLine = line;
      }
      if (kind[i] == CODE && c == ';') {
        if (start >= 0) {
          statements.add(new Statement(sql.substring(start, i).strip(), startLine));
        }
        start = -1;
      }
      if (c == '\n') {
        line++;
      }
    }
    if (start >= 0) {
      String last = sql.substring(start).strip();
      statements.add(new Statement(last, startLine));
    }
    return statements;
  }

  /**
   * The named parameter markers of a statement, in order of first use: a colon in code, not after a
   * name or another colon (so {@code struct<a:int>} and {@code a::int} are not markers), followed
   * by a name.
   */
  static Set<String> parameters(String statement) {
    byte[] kind = classify(statement);
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i + 1 < statement.length(); i++) {
      if (kind[i] != CODE || statement.charAt(i) != ':') {
        continue;
      }
      char before = i == 0 ? ' ' : statement.charAt(i - 1);
      char first = statement.charAt(i + 1);
      if (isNamePart(before) || before == ':' || !(Character.isLetter(first) || first == '_')) {
        continue;
      }
      int end = i + 1;
      while (end < statement.length() && isNamePart(statement.charAt(end))) {
        end++;
      }
      names.add(statement.substring(i + 1, end));
      i = end - 1;
    }
    return names;
  }

  /** The statement with comments removed, for reading its leading keywords. */
  static String withoutComments(String statement) {
    byte[] kind = classify(statement);
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < statement.length(); i++) {
      code.append(kind[i] == COMMENT ? ' ' : statement.charAt(i));
    }
    return code.toString().strip();
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * What each character is: code, inside a quoted string or identifier (quotes included), or inside
   * a comment. Strings take backslash escapes as Spark's do; block comments nest as Spark's do.
   */
  private static byte[] classify(String sql) {
    byte[] kind = new byte[sql.length()];
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
      int end;
      byte k;
      if (c == '-' && next == '-') {
        end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        k = COMMENT;
      } else if (c == '/' && next == '*') {
        int depth = 0;
        end = i;
        while (end < sql.length()) {
          if (sql.startsWith("/*", end)) {
            depth++;
            end += 2;
          } else if (sql.startsWith("*/", end)) {
            depth--;
            end += 2;
            if (depth == 0) {
              break;
            }
          } else {
            end++;
          }
        }
        k = COMMENT;
      } else if (c == '\'' || c == '"' || c == '`') {
        end = i + 1;
        while (end < sql.length() && sql.charAt(end) != c) {
          // Backticks double to escape; string quotes take a backslash.
          end += c != '`' && sql.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end + 1, sql.length());
        k = QUOTED;
      } else {
        end = i + 1;
        k = CODE;
      }
      for (int j = i; j < end; j++) {
        kind[j] = k;
      }
      i = end;
    }
    return kind;
  }
}
