package org.mhcs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over a table's landed files (names and bytes) and the hash key's id: equal fingerprints
 * mean the same input, so reloading it can be skipped.
 */
public final class InputFingerprint {
  private InputFingerprint() {}

  /** Reads every file once, streaming. */
  public static String of(List<Path> files, LandingFolder landing, String keyId) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    digest.update(keyId.getBytes(StandardCharsets.UTF_8));
    byte[] buffer = new byte[1 << 16];
    for (Path file : files) {
      digest.update(landing.relative(file).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
