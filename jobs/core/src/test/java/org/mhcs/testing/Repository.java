package org.mhcs.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's top folder (the one holding {@code ./mhcs}), found from the module a test runs
 * in, so tests that read {@code docs/}, {@code notebooks/} or {@code scripts/} do not depend on how
 * deep their module sits.
 */
public final class Repository {
  public static final Path ROOT = find();

  private Repository() {}

  private static Path find() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mhcs")) && Files.isDirectory(p.resolve("schemas"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no folder holding ./mhcs and schemas/ above " + Path.of("").toAbsolutePath());
  }
}
