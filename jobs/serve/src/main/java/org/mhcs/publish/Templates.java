package org.mhcs.publish;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the project's pages from jte templates ({@code src/main/jte}), compiled to Java classes
 * at build time (jte-maven-plugin), so a template that does not fit its model fails the build and
 * no compiler is needed at run time. HTML content type: every {@code ${…}} is escaped for where it
 * stands (element text or attribute); only {@code $unsafe{…}} (charts' SVG) is inserted as it is.
 */
public final class Templates {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Templates() {}

  /** The template {@code name} (e.g. {@code report/index.jte}) rendered with its one parameter. */
  public static String render(String name, Object model) {
    StringOutput out = new StringOutput();
    ENGINE.render(name, model, out);
    return out.toString();
  }
}
