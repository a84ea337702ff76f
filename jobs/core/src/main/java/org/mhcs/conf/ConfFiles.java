package org.mhcs.conf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where configuration files are read from: the {@code conf/} folder bundled into the build (what
 * every run uses), or a folder on disk laid out the same way (tests, and checking a candidate
 * edit).
 */
public interface ConfFiles {
  /** Opens {@code conf/<relative>}; fails naming the file when it does not exist. */
  InputStream open(String relative);

  /** Names of the files directly in {@code conf/<folder>}, sorted. */
  List<String> list(String folder);

  /** The {@code conf/} folder bundled into the build. */
  static ConfFiles bundled() {
    return new ConfFiles() {
      @Override
      public InputStream open(String relative) {
        return BundledResources.open("conf/" + relative);
      }

      @Override
      public List<String> list(String folder) {
        String prefix = "conf/" + folder + "/";
        return BundledResources.list("conf/" + folder).stream()
            .map(f -> f.substring(prefix.length()))
            .filter(f -> !f.contains("/"))
            .toList();
      }
    };
  }

  /** A folder on disk laid out like {@code conf/}. */
  static ConfFiles directory(Path root) {
    return new ConfFiles() {
      @Override
      public InputStream open(String relative) {
        Path file = root.resolve(relative);
        try {
          return Files.newInputStream(file);
        } catch (IOException e) {
          throw new IllegalStateException("conf/" + relative + " cannot be read from " + file, e);
        }
      }

      @Override
      public List<String> list(String folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
          return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
          return files
              .filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .sorted()
              .toList();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
