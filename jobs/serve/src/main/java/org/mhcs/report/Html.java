package org.mhcs.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Safe file names and anchors for codes from data. The pages themselves come from jte templates
 * ({@code src/main/jte/report}), which escape every text.
 */
public final class Html {
  /** Codes used as they are in file names and anchors; anything else is made safe. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private Html() {}

  /**
   * A code from data (an organisation code) as a file name or anchor: itself when it is plain
   * letters, digits, {@code _} and {@code -}; otherwise those characters kept and a short hash of
   * the code added, so that no code can climb out of its folder or collide with another.
   */
  public static String safeName(String code) {
    if (SAFE.matcher(code).matches()) {
      return code;
    }
    String kept = code.replaceAll("[^A-Za-z0-9_-]", "_");
    kept = kept.length() > 40 ? kept.substring(0, 40) : kept;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
      return "x" + kept + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An anchor id from several parts (lower case), made safe as {@link #safeName}. */
  public static String anchor(String... parts) {
    return safeName(String.join("-", parts).toLowerCase(Locale.ROOT).replace(' ', '_'));
  }
}
