package org.mhcs.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.Repository;

/**
 * The README and docs/ are read in a clone: every relative link must name a file of the repository
 * (no {@code ../shared}, nothing outside the clone), and the README stays a landing page that hands
 * over to docs/.
 */
class DocumentLinksTest {
  // [text](target) and ![alt](target); a target ends at ')' or at a space before a title.
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)[^)]*\\)");

  @Test
  void everyRelativeLinkNamesAFileInTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      String text = Files.readString(page);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
          continue; // web addresses and anchors within the page
        }
        Path file = page.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
        if (!file.startsWith(Repository.ROOT) || !Files.exists(file)) {
          broken.add(Repository.ROOT.relativize(page) + ": " + target);
        }
      }
    }
    assertEquals(List.of(), broken, "links that do not resolve inside the repository");
  }

  @Test
  void noPageNamesTheDesignFolderBesideTheRepository() throws IOException {
    for (Path page : pages()) {
      assertTrue(
          !Files.readString(page).contains("../shared"),
          Repository.ROOT.relativize(page) + " names ../shared, which a clone does not have");
    }
  }

  @Test
  void theReadmeOpensWithTheTwoCommandsAndLinksIntoDocs() throws IOException {
    List<String> lines = Files.readAllLines(Repository.ROOT.resolve("README.md"));
    int demo =
        lines.indexOf(
            "./mhcs demo     # a synthetic national month through the whole"
                + " pipeline, summarised");
    int tests = indexOfPrefix(lines, "mvn verify ");
    assertTrue(demo > 0 && demo < 25, "./mhcs demo within the first 25 lines: " + demo);
    assertEquals(demo + 1, tests, "mvn verify right after ./mhcs demo");
    // A landing page, not the manual: what it is, the two commands, the demo's output, links.
    assertTrue(lines.size() < 130, "README has " + lines.size() + " lines");
  }

  private static int indexOfPrefix(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(Repository.ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(Repository.ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    try (Stream<Path> data = Files.walk(Repository.ROOT.resolve("data"))) {
      data.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }
}
