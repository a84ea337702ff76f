package org.mhcs.publish;

/** HTML escaping for every page the project writes (reports, notebook pages). */
public final class HtmlText {
  private HtmlText() {}

  /** Text escaped for element content and quoted attribute values; null becomes empty. */
  public static String escape(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
