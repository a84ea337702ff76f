package org.mhcs.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces patient and staff identifiers by a keyed hash (HMAC-SHA-256, hex), so rows still link
 * across tables while the clear value never reaches the warehouse. The key is supplied at run time
 * and is never stored or logged; only {@link #keyId} (a hash of the key) is recorded.
 */
public final class Pseudonymiser implements Serializable {
  /** The environment variable that carries the key. */
  public static final String KEY_VARIABLE = "MHCS_HASH_KEY";

  private static final int MIN_KEY_LENGTH = 16;

  private final byte[] key;
  private transient Mac mac;

  private Pseudonymiser(byte[] key) {
    this.key = key.clone();
  }

  /** The key from {@value #KEY_VARIABLE}; fails with instructions when absent or too short. */
  public static Pseudonymiser fromEnvironment() {
    String value = System.getenv(KEY_VARIABLE);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          KEY_VARIABLE
              + " is not set. Identifiers are pseudonymised with a secret key that is never stored"
              + " in the repository: set it for the run, e.g. export "
              + KEY_VARIABLE
              + "=\"$(cat /secure/path/mhcs.key)\" (at least "
              + MIN_KEY_LENGTH
              + " characters; use the same key every month so identifiers link across periods)");
    }
    return withKey(value);
  }

  /** A key given directly (tests, and the key read from the environment). */
  public static Pseudonymiser withKey(String key) {
    if (key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          KEY_VARIABLE + " is too short: use at least " + MIN_KEY_LENGTH + " characters");
    }
    return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8));
  }

  /** A random key for one run (the demo): identifiers will not link with any other run. */
  public static Pseudonymiser randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new Pseudonymiser(HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.UTF_8));
  }

  /** The keyed hash of {@code value} (trimmed), or null for null. */
  public String pseudonymise(String value) {
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
}
