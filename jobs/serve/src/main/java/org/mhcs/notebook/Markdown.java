package org.mhcs.notebook;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mhcs.publish.HtmlText;

/**
 * The small part of Markdown analysts' notebook text uses, as HTML: headings, paragraphs, bulleted
 * and numbered lists (an indented line continues an item), {@code **bold**} and {@code `code`}.
 * Everything else shows as the text it is; every character of the input is escaped, so no markup in
 * a notebook reaches the page.
 */
final class Markdown {
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
  private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+(.*)$");
  private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d+[.)]\\s+(.*)$");
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

  private Markdown() {}

  static String toHtml(String markdown) {
    Blocks blocks = new Blocks();
    for (String line : markdown.lines().toList()) {
      Matcher heading = HEADING.matcher(line);
      Matcher bullet = BULLET.matcher(line);
      Matcher numbered = NUMBERED.matcher(line);
      if (line.isBlank()) {
        blocks.endParagraph();
        blocks.endList();
      } else if (heading.matches()) {
        blocks.endParagraph();
        blocks.endList();
        int level = heading.group(1).length();
        blocks.html.append(
            "<h" + level + ">" + inline(heading.group(2).strip()) + "</h" + level + ">\n");
      } else if (bullet.matches() || numbered.matches()) {
        blocks.endParagraph();
        blocks.item(
            bullet.matches() ? "ul" : "ol", (bullet.matches() ? bullet : numbered).group(1));
      } else if (blocks.list != null && Character.isWhitespace(line.charAt(0))) {
        blocks.item.append(' ').append(line.strip());
      } else {
        blocks.endList();
        blocks.paragraph.append(blocks.paragraph.length() == 0 ? "" : "\n").append(line.strip());
      }
    }
    blocks.endParagraph();
    blocks.endList();
    return blocks.html.toString();
  }

  /** The page so far, and the paragraph or list item being read. */
  private static final class Blocks {
    final StringBuilder html = new StringBuilder();
    final StringBuilder paragraph = new StringBuilder();
    final StringBuilder item = new StringBuilder();
    String list;

    void endParagraph() {
      if (paragraph.length() > 0) {
        html.append("<p>").append(inline(paragraph.toString())).append("</p>\n");
        paragraph.setLength(0);
      }
    }

    void item(String kind, String text) {
      if (list != null && !list.equals(kind)) {
        endList();
      }
      endItem();
      if (list == null) {
        html.append('<').append(kind).append(">\n");
        list = kind;
      }
      item.append(text.strip());
    }

    void endItem() {
      if (item.length() > 0) {
        html.append("<li>").append(inline(item.toString())).append("</li>\n");
        item.setLength(0);
      }
    }

    void endList() {
      endItem();
      if (list != null) {
        html.append("</").append(list).append(">\n");
        list = null;
      }
    }
  }

  /** Inline code first (its text is shown as is), then bold in the rest. */
  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    List<String> parts = List.of(text.split("`", -1));
    for (int i = 0; i < parts.size(); i++) {
      boolean code = i % 2 == 1 && i < parts.size() - 1;
      if (code) {
        out.append("<code>").append(HtmlText.escape(parts.get(i))).append("</code>");
      } else {
        String escaped = HtmlText.escape(i % 2 == 1 ? "`" + parts.get(i) : parts.get(i));
        out.append(BOLD.matcher(escaped).replaceAll("<strong>$1</strong>"));
      }
    }
    return out.toString();
  }
}
