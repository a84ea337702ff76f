package org.mhcs.warehouse;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Command lines shown to users (a hint such as "See why with: ./mhcs sql --warehouse …"), quoted so
 * that pasting one into bash or sh runs exactly that command, whatever the warehouse's path holds:
 * spaces, quotes, {@code $}.
 */
public final class ShellWords {
  /** Characters no POSIX shell treats specially. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  /** Special even inside double quotes ({@code !} in an interactive bash). */
  private static final Pattern SPECIAL_IN_DOUBLE_QUOTES = Pattern.compile("[\"$`\\\\!]");

  private ShellWords() {}

  /** The {@code ./mhcs sql} command that runs {@code sql} over the warehouse at {@code root}. */
  public static String sqlCommand(Path root, String sql) {
    return sqlCommand(root.toString(), sql);
  }

  /** As {@link #sqlCommand(Path, String)}, for a warehouse named by a path or URI. */
  public static String sqlCommand(String root, String sql) {
    return "./mhcs sql --warehouse " + quoted(root) + " " + quoted(sql);
  }

  /**
   * {@code word} as one shell word: as it is when plain, else in double quotes (readable for SQL
   * with single quotes in it) when nothing in it is special there, else in single quotes, each
   * {@code '} written as {@code '\''}.
   */
  public static String quoted(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    if (!SPECIAL_IN_DOUBLE_QUOTES.matcher(word).find()) {
      return "\"" + word + "\"";
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
