package org.mhcs.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The JDBC server's users: one line per user, {@code user:pbkdf2-sha256:<iterations>:<salt>:<hash>}
 * (salt and hash in Base64), written by {@code ./mhcs serve --add-user NAME --passwords FILE}. No
 * password is stored, only a salted, slow hash; blank lines and lines starting with # are ignored.
 */
public final class PasswordFile {
  static final String SCHEME = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final int HASH_BITS = 256;

  private record Entry(int iterations, byte[] salt, byte[] hash) {}

  private final Map<String, Entry> users;

  private PasswordFile(Map<String, Entry> users) {
    this.users = users;
  }

  /**
   * Reads and checks the file.
   *
   * @throws IllegalArgumentException naming the file and line that is malformed
   */
  public static PasswordFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the password file " + file + ": " + e.getMessage(), e);
    }
    Map<String, Entry> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", -1);
      try {
        if (parts.length != 5 || !parts[1].equals(SCHEME) || parts[0].isEmpty()) {
          throw new IllegalArgumentException("expected user:" + SCHEME + ":iterations:salt:hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        users.put(
            parts[0],
            new Entry(Integer.parseInt(parts[2]), b64.decode(parts[3]), b64.decode(parts[4])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file
                + " line "
                + (i + 1)
                + ": "
                + e.getMessage()
                + "; write lines with ./mhcs serve --add-user NAME --passwords "
                + file,
            e);
      }
    }
    return new PasswordFile(users);
  }

  /** Whether {@code password} is {@code user}'s; compares in constant time. */
  public boolean accepts(String user, String password) {
    Entry e = users.get(user);
    if (e == null || password == null) {
      return false;
    }
    return MessageDigest.isEqual(e.hash(), hash(password, e.salt(), e.iterations()));
  }

  /** A new line for {@code user}, with a fresh random salt. */
  public static String line(String user, String password) {
    if (user.isEmpty() || user.contains(":") || user.contains("\n")) {
      throw new IllegalArgumentException("a user name must be non-empty, without ':' or newline");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return String.join(
        ":",
        user,
        SCHEME,
        String.valueOf(ITERATIONS),
        b64.encodeToString(salt),
        b64.encodeToString(hash(password, salt, ITERATIONS)));
  }

  private static byte[] hash(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    }
  }
}
