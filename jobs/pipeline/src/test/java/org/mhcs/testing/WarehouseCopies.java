package org.mhcs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies of a finished warehouse that a test may try to damage, and a listing to prove it was not:
 * Delta tables keep relative paths, so a copied folder is a working warehouse.
 */
public final class WarehouseCopies {
  private WarehouseCopies() {}

  /** A copy of {@code warehouse} in a new folder under the test root named {@code prefix…}. */
  public static Path copy(Path warehouse, String prefix) {
    Path target = SharedSpark.newFolder(prefix);
    try (Stream<Path> all = Files.walk(warehouse)) {
      for (Path from : all.toList()) {
        Path to = target.resolve(warehouse.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Every file under {@code folder} as "relative/path size", sorted. */
  public static List<String> files(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile)
          .map(p -> folder.relativize(p) + " " + size(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
