package org.mhcs.conf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the {@code conf/} and {@code schemas/} folders that the build copies into the jar under
 * {@code mhcs/}, so a cluster run sees exactly what a local run sees.
 */
public final class BundledResources {
  private static final String ROOT = "mhcs/";

  private BundledResources() {}

  /** Opens {@code mhcs/<relative>}; fails naming the file when the build did not bundle it. */
  public static InputStream open(String relative) {
    InputStream in = BundledResources.class.getClassLoader().getResourceAsStream(ROOT + relative);
    if (in == null) {
      throw new IllegalStateException(
          relative + " is not in the build: check that it exists in the repository and rebuild");
    }
    return in;
  }

  /** Relative paths of the files below {@code mhcs/<folder>}, sorted, recursing into subfolders. */
  public static List<String> list(String folder) {
    String prefix = ROOT + folder + (folder.endsWith("/") ? "" : "/");
    URL url = BundledResources.class.getClassLoader().getResource(prefix);
    if (url == null) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try {
      if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        // A JarFile of its own: a cached one is shared with every other reader of the jar, and
        // closing it below would close their streams too ("Stream closed" while another thread
        // reads a schema, as the module build's tests showed reading core's jar side by side).
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(prefix) && !name.endsWith("/")) {
              found.add(name.substring(ROOT.length()));
            }
          }
        }
      } else {
        Path base = Paths.get(url.toURI());
        Path root = base;
        for (int i = 0; i < prefix.split("/").length; i++) {
          root = root.getParent();
        }
        try (Stream<Path> files = Files.walk(base)) {
          Path rootFinal = root;
          files
              .filter(Files::isRegularFile)
              .forEach(p -> found.add(rootFinal.relativize(p).toString().substring(ROOT.length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Collections.sort(found);
    return found;
  }
}
