package org.mhcs.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a landing folder or a warehouse lives: a local folder, or a folder in a Hadoop file system
 * named by a URI such as {@code s3a://bucket/prefix} or {@code
 * abfss://container@account.dfs.core.windows.net/prefix}. A local location prints as its absolute
 * path, as before object storage was supported; a remote one as its URI without a trailing slash
 * (but for a bucket's root, {@code s3a://bucket/}). Nothing here opens a connection: Hadoop's file
 * systems do that (docs/object-storage.md).
 *
 * @param uri the absolute local path, or the URI of a remote location
 */
public record Location(String uri) {
  /** A URI's scheme and {@code ://}, which no local path starts with. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  /** Whether {@code text} names a file system URI ({@code s3a://...}) rather than a local path. */
  public static boolean isUri(String text) {
    return text != null && SCHEME.matcher(text).matches();
  }

  public static Location local(Path path) {
    return new Location(path.toAbsolutePath().normalize().toString());
  }

  /**
   * A remote location from a URI; {@code file://} URIs are local paths.
   *
   * @throws IllegalArgumentException saying what is missing, e.g. the bucket
   */
  public static Location remote(String text) {
    URI parsed;
    try {
      parsed = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getReason());
    }
    if ("file".equalsIgnoreCase(parsed.getScheme())) {
      return local(Path.of(parsed));
    }
    if (parsed.getAuthority() == null || parsed.getAuthority().isBlank()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' names no bucket or container: write "
              + parsed.getScheme()
              + "://BUCKET/prefix");
    }
    if (parsed.getRawUserInfo() != null && !parsed.getScheme().startsWith("abfs")) {
      // s3a://KEY:SECRET@bucket/ would put a secret in every message and log that names the path.
      throw new IllegalArgumentException(
          "'"
              + parsed.getScheme()
              + "://"
              + parsed.getHost()
              + "/...' carries credentials in the URI: give them with the standard"
              + " provider chain (environment, profile, instance role) or --set keys instead");
    }
    // A bucket's root keeps its slash (s3a://bucket/): Hadoop addresses no path without one.
    String trimmed = text.replaceAll("/+$", "");
    return new Location(
        parsed.getPath() == null || parsed.getPath().replace("/", "").isEmpty()
            ? trimmed + "/"
            : trimmed);
  }

  public boolean isLocal() {
    return !isUri(uri);
  }

  /**
   * The local folder.
   *
   * @throws IllegalStateException for a remote location, naming what needs a local one
   */
  public Path localPath(String neededBy) {
    if (!isLocal()) {
      throw new IllegalStateException(
          neededBy + " needs a local folder, not " + uri + " (docs/object-storage.md)");
    }
    return Path.of(uri);
  }

  /** The bucket or container (the URI's authority); empty for a local location. */
  public String bucket() {
    return isLocal() ? "" : URI.create(uri).getAuthority();
  }

  /** The URI scheme ({@code s3a}, {@code abfss}); {@code file} for a local location. */
  public String scheme() {
    return isLocal() ? "file" : URI.create(uri).getScheme();
  }

  /** {@code child} (a relative path, {@code /}-separated) under this location. */
  public Location resolve(String child) {
    return isLocal()
        ? new Location(Path.of(uri).resolve(child).normalize().toString())
        : new Location(uri.endsWith("/") ? uri + child : uri + "/" + child);
  }

  @Override
  public String toString() {
    return uri;
  }
}
