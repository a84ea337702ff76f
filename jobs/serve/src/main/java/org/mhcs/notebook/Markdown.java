package org.mhcs.notebook;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Notebook text cells as HTML, through commonmark-java: CommonMark (headings, paragraphs, lists,
 * emphasis, code, links, block quotes) and GitHub-style tables. Raw HTML in a notebook is shown as
 * the text it is, never as markup, and links to {@code javascript:} and other unsafe schemes are
 * dropped (sanitised links also get {@code rel="nofollow"}), so nothing in a notebook can run
 * script on the page.
 */
final class Markdown {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  /** {@code markdown} as HTML, safe to insert into a page as it is. */
  static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }
}
