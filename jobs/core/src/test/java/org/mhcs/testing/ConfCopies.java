package org.mhcs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mhcs.conf.BundledResources;

/** Copies of the bundled {@code conf/} folder that a test can edit, as an analyst would. */
public final class ConfCopies {
  private ConfCopies() {}

  /** A fresh copy of the bundled {@code conf/} in a new temporary folder. */
  public static Path copy() {
    try {
      Path root = Files.createTempDirectory("mhcs-conf-");
      root.toFile().deleteOnExit();
      for (String file : BundledResources.list("conf")) {
        Path target = root.resolve(file.substring("conf/".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = BundledResources.open(file)) {
          Files.copy(in, target);
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends {@code lines} (each ending in a newline) to {@code conf/<relative>}. */
  public static void append(Path conf, String relative, String lines) {
    try {
      Files.writeString(
          conf.resolve(relative),
          lines,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code from} by {@code to} in {@code conf/<relative>}; fails if it is not there. */
  public static void replace(Path conf, String relative, String from, String to) {
    try {
      Path file = conf.resolve(relative);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!text.contains(from)) {
        throw new IllegalArgumentException(relative + " does not contain " + from);
      }
      Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
