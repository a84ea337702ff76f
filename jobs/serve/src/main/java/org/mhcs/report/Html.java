package org.mhcs.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mhcs.publish.HtmlText;

/**
 * HTML building blocks of the report: escaping (every text that comes from data goes through {@link
 * #text}), safe file names and anchors for codes from data, and the page shell with its small
 * inline style sheet, so each page renders offline on its own.
 */
public final class Html {
  /** Codes used as they are in file names and anchors; anything else is made safe. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private static final String STYLE =
      """
      body{font-family:Arial,Helvetica,sans-serif;margin:0 auto;max-width:1180px;padding:0 16px 40px;\
      color:#212b32;line-height:1.4}
      header{border-bottom:4px solid #005eb8;margin-bottom:12px;padding:10px 0}
      header a{color:#005eb8;font-weight:bold;text-decoration:none}
      h1{font-size:1.6em;margin:.4em 0}h2{font-size:1.3em;margin-top:1.6em;border-bottom:1px solid #d8dde0}
      h3{font-size:1.05em;margin-bottom:.3em}
      a{color:#005eb8}
      table{border-collapse:collapse;margin:8px 0 16px;font-size:.9em}
      th,td{border-bottom:1px solid #d8dde0;padding:3px 8px;text-align:left;vertical-align:top;\
      white-space:nowrap}
      td:first-child{white-space:normal}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.charted td{background:#e8f1fb}
      figure{margin:10px 0 22px;max-width:900px}figcaption{font-size:.85em;color:#4c6272}
      .charts figure{max-width:580px;margin-right:0}
      svg{max-width:100%;height:auto}
      .charts{display:flex;flex-wrap:wrap;gap:12px}
      .note{font-size:.85em;color:#4c6272}
      .flag-high,.flag-low{font-weight:bold;color:#d5281b}
      details{margin:6px 0 14px}summary{cursor:pointer;color:#005eb8}
      ul.columns{columns:3;list-style:none;padding-left:0}
      """;

  private Html() {}

  /** Text escaped for element content and quoted attribute values. */
  public static String text(String raw) {
    return HtmlText.escape(raw);
  }

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

  /** A link; {@code href} is built by the report from safe names, {@code label} is escaped. */
  public static String link(String href, String label) {
    return "<a href=\"" + text(href) + "\">" + text(label) + "</a>";
  }

  /** A table row of cells already in HTML; numeric cells are right-aligned. */
  public static String row(List<String> cells, List<Boolean> numeric, String rowClass) {
    StringBuilder s = new StringBuilder("<tr");
    if (rowClass != null) {
      s.append(" class=\"").append(rowClass).append('"');
    }
    s.append('>');
    for (int i = 0; i < cells.size(); i++) {
      s.append(numeric.get(i) ? "<td class=\"n\">" : "<td>").append(cells.get(i)).append("</td>");
    }
    return s.append("</tr>\n").toString();
  }

  /** A header row; {@code numeric} right-aligns the columns that hold numbers. */
  public static String header(List<String> names, List<Boolean> numeric) {
    StringBuilder s = new StringBuilder("<tr>");
    for (int i = 0; i < names.size(); i++) {
      s.append(numeric.get(i) ? "<th class=\"n\">" : "<th>")
          .append(text(names.get(i)))
          .append("</th>");
    }
    return s.append("</tr>\n").toString();
  }

  /**
   * A whole page: {@code title} (escaped here) and {@code body} (already HTML); {@code root} is the
   * relative path back to the site's top ({@code ""} or {@code "../"}).
   */
  public static String page(String title, String root, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + text(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n<header>"
        + link(root + "index.html", "MHCS benchmarking")
        + "</header>\n<main>\n"
        + body
        + "</main>\n</body>\n</html>\n";
  }
}
