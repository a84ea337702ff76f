package org.mhcs.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces patient and staff identifiers by a keyed hash (HMAC-SHA-256, hex), so rows still link
 * across tables while the clear value never reaches the warehouse. The key is supplied at run time
 * (an environment variable or a key file outside any repository) and is never stored or logged;
 * only {@link #keyId} (a hash of the key) is recorded, and no error message quotes the key.
 */
public final class Pseudonymiser implements Serializable {
  /** The environment variable that carries the key itself. */
  public static final String KEY_VARIABLE = "MHCS_HASH_KEY";

  /** The environment variable that names a file whose first line is the key. */
  public static final String KEY_FILE_VARIABLE = "MHCS_HASH_KEY_FILE";

  /** The shortest key accepted, in characters. */
  public static final int MIN_KEY_LENGTH = 16;

  /** How to make a key, quoted by the messages that ask for one. */
  static final String HOW_TO_MAKE_A_KEY =
      "make one with: openssl rand -hex 32 > /secure/mhcs.key; chmod 600 /secure/mhcs.key";

  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private final byte[] key;
  private transient Mac mac;

  private Pseudonymiser(byte[] key) {
    this.key = key.clone();
  }

  /** The key from this process's environment; see {@link #fromEnvironment(Map, Consumer)}. */
  public static Pseudonymiser fromEnvironment(Consumer<String> warnings) {
    return fromEnvironment(System.getenv(), warnings);
  }

  /**
   * The key from {@value #KEY_VARIABLE} (the key itself) or {@value #KEY_FILE_VARIABLE} (a file
   * whose first line, trimmed, is the key); exactly one must be set (a blank value counts as
   * unset). The file must lie outside any git work tree; if group or others may read it, one line
   * saying so goes to {@code warnings}. Reads at most the file's first line.
   *
   * @throws IllegalStateException saying what is wrong and how to fix it, never quoting the key
   */
  public static Pseudonymiser fromEnvironment(Map<String, String> env, Consumer<String> warnings) {
    Optional<String> value = setting(env, KEY_VARIABLE);
    Optional<String> file = setting(env, KEY_FILE_VARIABLE);
    if (value.isPresent() && file.isPresent()) {
      throw problem(
          "both " + KEY_VARIABLE + " and " + KEY_FILE_VARIABLE + " are set",
          "set only one of them, so there is no doubt which key pseudonymises the run");
    }
    if (file.isPresent()) {
      return fromKeyFile(Path.of(file.get()), warnings);
    }
    if (value.isEmpty()) {
      throw problem(
          KEY_VARIABLE
              + " is not set, nor "
              + KEY_FILE_VARIABLE
              + ": identifiers are pseudonymised with a secret key that is never stored in the"
              + " repository",
          "set "
              + KEY_FILE_VARIABLE
              + " to a file outside the repository whose first line is the key (e.g. export "
              + KEY_FILE_VARIABLE
              + "=/secure/mhcs.key), or "
              + KEY_VARIABLE
              + " to the key itself; "
              + HOW_TO_MAKE_A_KEY
              + " (at least "
              + MIN_KEY_LENGTH
              + " characters; use the same key every month so identifiers link across periods)");
    }
    if (value.get().length() < MIN_KEY_LENGTH) {
      throw problem(
          "the key in " + KEY_VARIABLE + " is shorter than " + MIN_KEY_LENGTH + " characters",
          HOW_TO_MAKE_A_KEY + ", and set " + KEY_FILE_VARIABLE + "=/secure/mhcs.key instead");
    }
    return new Pseudonymiser(value.get().getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> setting(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The key on the first line of {@code file}, refused inside a git work tree. */
  private static Pseudonymiser fromKeyFile(Path file, Consumer<String> warnings) {
    String named = KEY_FILE_VARIABLE + " names " + file;
    if (!Files.exists(file)) {
      throw problem(
          named + ", which does not exist",
          "point it at the file holding the key, or " + HOW_TO_MAKE_A_KEY);
    }
    if (!Files.isRegularFile(file)) {
      throw problem(named + ", which is not a file", "point it at the file holding the key");
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw problem(named + ", which cannot be resolved (" + e + ")", "check the path");
    }
    Optional<Path> workTree = gitWorkTree(real);
    if (workTree.isPresent()) {
      throw problem(
          named
              + ", which lies inside the git work tree "
              + workTree.get()
              + ": a key kept in a repository is one commit away from being shared",
          "move it outside any repository (e.g. /secure/mhcs.key, chmod 600) and point "
              + KEY_FILE_VARIABLE
              + " there");
    }
    String line;
    try (BufferedReader reader = Files.newBufferedReader(real, StandardCharsets.UTF_8)) {
      line = reader.readLine();
    } catch (IOException e) {
      // The exception's class and message name the file or the decoding step, never its text.
      throw problem(
          named + ", which cannot be read (" + e.getClass().getSimpleName() + ")",
          "make it a UTF-8 text file readable by the user running mhcs (e.g. chown that user;"
              + " chmod 600)");
    }
    String key = line == null ? "" : line.trim();
    if (key.isEmpty()) {
      throw problem(
          named + ", whose first line is empty",
          "write the key on its first line; " + HOW_TO_MAKE_A_KEY);
    }
    if (key.length() < MIN_KEY_LENGTH) {
      throw problem(
          "the key in "
              + file
              + " ("
              + KEY_FILE_VARIABLE
              + ") is shorter than "
              + MIN_KEY_LENGTH
              + " characters",
          HOW_TO_MAKE_A_KEY);
    }
    sharedPermissions(real)
        .ifPresent(
            perms ->
                warnings.accept(
                    "warning: the key file "
                        + file
                        + " may be read or written by other users ("
                        + perms
                        + "); chmod 600 "
                        + file
                        + " so only its owner can"));
    return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The nearest folder at or above {@code file} that holds {@code .git} (a folder or a file). */
  static Optional<Path> gitWorkTree(Path file) {
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The file's permissions as {@code rw-r--r--} when group or others have any, else empty. */
  private static Optional<String> sharedPermissions(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.stream().anyMatch(SHARED::contains)
          ? Optional.of(PosixFilePermissions.toString(perms))
          : Optional.empty();
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system (Windows): there is no mode to check.
      return Optional.empty();
    }
  }

  /** Every key problem is reported the same way: what is wrong, then how to fix it. */
  private static IllegalStateException problem(String what, String fix) {
    return new IllegalStateException(what + ". To fix: " + fix + ".");
  }

  /** A key given directly (tests, and tools that hold the key already). */
  public static Pseudonymiser withKey(String key) {
    if (key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the pseudonymisation key is shorter than " + MIN_KEY_LENGTH + " characters");
    }
    return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8));
  }

  /** A random key for one run (the demo): identifiers will not link with any other run. */
  public static Pseudonymiser randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new Pseudonymiser(HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The keyed hash of {@code value} (trimmed), or null for null. Synchronized: a {@link Mac} holds
   * state between calls, and the driver checks tables on several threads at once with one instance
   * (each Spark task has its own copy, so there the lock is never contended).
   */
  public synchronized String pseudonymise(String value) {
    if (value == null) {
      return null;
    }
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
      }
    }
    return HexFormat.of().formatHex(mac.doFinal(value.trim().getBytes(StandardCharsets.UTF_8)));
  }

  /** A short, non-reversible name for the key, so logs can show whether two runs shared one. */
  public String keyId() {
    return pseudonymise("mhcs-key-id").substring(0, 12);
  }

  /** Never the key: a {@code Pseudonymiser} printed or logged shows only {@link #keyId}. */
  @Override
  public String toString() {
    return "Pseudonymiser[keyId=" + keyId() + "]";
  }
}
