package org.mhcs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhcs.testing.Hmac;

/**
 * Where the pseudonymisation key comes from: {@code MHCS_HASH_KEY}, or the first line of the file
 * {@code MHCS_HASH_KEY_FILE} names, outside any git work tree. Every refusal's exact message, and
 * that no message ever quotes the key. The environment is a plain map: nothing here reads the real
 * one.
 */
class PseudonymiserTest {
  private static final String KEY = "a-test-key-0123456789abcdef";
  private static final String HOW =
      "make one with: openssl rand -hex 32 > /secure/mhcs.key; chmod 600 /secure/mhcs.key";

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void theTemporaryFolderIsOutsideAnyRepository() {
    assumeTrue(
        Pseudonymiser.gitWorkTree(dir.resolve("x")).isEmpty(),
        "java.io.tmpdir lies inside a git work tree, so every key file here would be refused");
  }

  private Pseudonymiser fromEnvironment(String... nameValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      env.put(nameValues[i], nameValues[i + 1]);
    }
    return Pseudonymiser.fromEnvironment(env, warnings::add);
  }

  /** The message of the refusal of this environment. */
  private String refusal(String... nameValues) {
    return assertThrows(IllegalStateException.class, () -> fromEnvironment(nameValues))
        .getMessage();
  }

  private Path keyFile(String name, String text, String permissions) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void theKeyFromTheVariableAndFromAFileGiveTheSameHashesAsAnIndependentHmac() throws IOException {
    // The file's first line is trimmed; later lines are ignored.
    Path file = keyFile("mhcs.key", "  " + KEY + " \nsecond line\n", "rw-------");
    Pseudonymiser fromVariable = fromEnvironment("MHCS_HASH_KEY", KEY);
    Pseudonymiser fromFile = fromEnvironment("MHCS_HASH_KEY_FILE", file.toString());
    for (String id : List.of("9434765919", "LP000123", "E1234567")) {
      assertEquals(Hmac.hex(KEY, id), fromVariable.pseudonymise(id), id);
      assertEquals(Hmac.hex(KEY, id), fromFile.pseudonymise(id), id);
    }
    assertEquals(Hmac.hex(KEY, "mhcs-key-id").substring(0, 12), fromFile.keyId());
    assertEquals(List.of(), warnings, "a 600 key file draws no warning");
  }

  @Test
  void noKeyFailsSayingBothWaysAndHowToMakeOne() {
    String expected =
        "MHCS_HASH_KEY is not set, nor MHCS_HASH_KEY_FILE: identifiers are pseudonymised with a"
            + " secret key that is never stored in the repository. To fix: set MHCS_HASH_KEY_FILE"
            + " to a file outside the repository whose first line is the key (e.g. export"
            + " MHCS_HASH_KEY_FILE=/secure/mhcs.key), or MHCS_HASH_KEY to the key itself; "
            + HOW
            + " (at least 16 characters; use the same key every month so identifiers link across"
            + " periods).";
    assertEquals(expected, refusal());
    assertEquals(expected, refusal("MHCS_HASH_KEY", "  ", "MHCS_HASH_KEY_FILE", ""), "blank");
  }

  @Test
  void bothVariablesSetIsRefused() throws IOException {
    Path file = keyFile("mhcs.key", KEY, "rw-------");
    assertEquals(
        "both MHCS_HASH_KEY and MHCS_HASH_KEY_FILE are set. To fix: set only one of them, so there"
            + " is no doubt which key pseudonymises the run.",
        refusal("MHCS_HASH_KEY", KEY, "MHCS_HASH_KEY_FILE", file.toString()));
  }

  @Test
  void aShortKeyInTheVariableIsRefused() {
    assertEquals(
        "the key in MHCS_HASH_KEY is shorter than 16 characters. To fix: "
            + HOW
            + ", and set MHCS_HASH_KEY_FILE=/secure/mhcs.key instead.",
        refusal("MHCS_HASH_KEY", "0123456789abcde"));
    assertEquals(
        "the pseudonymisation key is shorter than 16 characters",
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.withKey("short"))
            .getMessage());
  }

  @Test
  void aMissingKeyFileIsRefused() {
    Path file = dir.resolve("absent.key");
    assertEquals(
        "MHCS_HASH_KEY_FILE names "
            + file
            + ", which does not exist. To fix: point it at the file"
            + " holding the key, or "
            + HOW
            + ".",
        refusal("MHCS_HASH_KEY_FILE", file.toString()));
  }

  @Test
  void aFolderIsNotAKeyFile() {
    assertEquals(
        "MHCS_HASH_KEY_FILE names "
            + dir
            + ", which is not a file. To fix: point it at the file"
            + " holding the key.",
        refusal("MHCS_HASH_KEY_FILE", dir.toString()));
  }

  @Test
  void anUndecodableKeyFileIsRefusedWithoutQuotingIt() throws IOException {
    Path file = dir.resolve("binary.key");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'k', 'e', 'y', '\n'});
    assertEquals(
        "MHCS_HASH_KEY_FILE names "
            + file
            + ", which cannot be read (MalformedInputException)."
            + " To fix: make it a UTF-8 text file readable by the user running mhcs (e.g. chown"
            + " that user; chmod 600).",
        refusal("MHCS_HASH_KEY_FILE", file.toString()));
  }

  @Test
  void anUnreadableKeyFileIsRefused() throws IOException {
    Path file = keyFile("locked.key", KEY, "---------");
    assumeFalse(Files.isReadable(file), "this user (root) reads files whatever their mode");
    assertEquals(
        "MHCS_HASH_KEY_FILE names "
            + file
            + ", which cannot be read (AccessDeniedException)."
            + " To fix: make it a UTF-8 text file readable by the user running mhcs (e.g. chown"
            + " that user; chmod 600).",
        refusal("MHCS_HASH_KEY_FILE", file.toString()));
  }

  @Test
  void anEmptyKeyFileIsRefused() throws IOException {
    String expected =
        "MHCS_HASH_KEY_FILE names %s, whose first line is empty. To fix: write the key on its"
            + " first line; "
            + HOW
            + ".";
    Path empty = keyFile("empty.key", "", "rw-------");
    assertEquals(String.format(expected, empty), refusal("MHCS_HASH_KEY_FILE", empty.toString()));
    // A key on the second line is not the key: the first line is.
    Path blank = keyFile("blank.key", "   \n" + KEY + "\n", "rw-------");
    assertEquals(String.format(expected, blank), refusal("MHCS_HASH_KEY_FILE", blank.toString()));
  }

  @Test
  void aShortKeyInAFileIsRefused() throws IOException {
    Path file = keyFile("short.key", "0123456789abcde\n", "rw-------");
    assertEquals(
        "the key in "
            + file
            + " (MHCS_HASH_KEY_FILE) is shorter than 16 characters. To fix: "
            + HOW
            + ".",
        refusal("MHCS_HASH_KEY_FILE", file.toString()));
  }

  @Test
  void aKeyFileInsideAGitWorkTreeIsRefused() throws IOException {
    // A clone has a .git folder; a linked work tree or submodule has a .git file.
    Path clone = Files.createDirectories(dir.resolve("clone"));
    Files.createDirectory(clone.resolve(".git"));
    Path inClone = Files.createDirectories(clone.resolve("conf/secrets"));
    Path worktree = Files.createDirectories(dir.resolve("worktree"));
    Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/w\n");
    for (Path folder : List.of(inClone, worktree)) {
      Path file = folder.resolve("mhcs.key");
      Files.writeString(file, KEY);
      Path tree = folder.equals(inClone) ? clone : worktree;
      assertEquals(
          "MHCS_HASH_KEY_FILE names "
              + file
              + ", which lies inside the git work tree "
              + tree.toRealPath()
              + ": a key kept in a repository is one commit away from being"
              + " shared. To fix: move it outside any repository (e.g. /secure/mhcs.key, chmod 600)"
              + " and point MHCS_HASH_KEY_FILE there.",
          refusal("MHCS_HASH_KEY_FILE", file.toString()));
    }
  }

  @Test
  void aKeyFileOthersCanReadWorksWithOneWarning() throws IOException {
    Path file = keyFile("shared.key", KEY + "\n", "rw-r--r--");
    Pseudonymiser key = fromEnvironment("MHCS_HASH_KEY_FILE", file.toString());
    assertEquals(Hmac.hex(KEY, "9434765919"), key.pseudonymise("9434765919"));
    assertEquals(
        List.of(
            "warning: the key file "
                + file
                + " may be read or written by other users"
                + " (rw-r--r--); chmod 600 "
                + file
                + " so only its owner can"),
        warnings);
  }

  @Test
  void noErrorMessageOrPrintedFormEverQuotesTheKey() throws IOException {
    // Keys that fail for each reason a key can fail, each refused; none may appear in the message.
    String shortKey = "0123456789abcde";
    Path shortFile = keyFile("short.key", shortKey + "\n", "rw-------");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectory(repo.resolve(".git"));
    Path inRepo = Files.writeString(repo.resolve("mhcs.key"), KEY);
    Path secondLine = keyFile("second.key", "\n" + KEY, "rw-------");
    Path binary = dir.resolve("binary.key");
    Files.write(binary, (KEY + "\u00ff").getBytes(StandardCharsets.ISO_8859_1));
    List<String> messages =
        List.of(
            refusal("MHCS_HASH_KEY", shortKey),
            refusal("MHCS_HASH_KEY_FILE", shortFile.toString()),
            refusal("MHCS_HASH_KEY", KEY, "MHCS_HASH_KEY_FILE", shortFile.toString()),
            refusal("MHCS_HASH_KEY_FILE", inRepo.toString()),
            refusal("MHCS_HASH_KEY_FILE", secondLine.toString()),
            refusal("MHCS_HASH_KEY_FILE", binary.toString()),
            assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.withKey(shortKey))
                .getMessage());
    for (String message : messages) {
      assertFalse(message.contains(shortKey), message);
      assertFalse(message.contains(KEY), message);
    }
    Pseudonymiser good = Pseudonymiser.withKey(KEY);
    assertEquals("Pseudonymiser[keyId=" + good.keyId() + "]", good.toString());
    assertFalse(good.keyId().contains(KEY.substring(0, 6)));
  }

  @Test
  void oneInstanceHashesCorrectlyFromManyThreadsAtOnce() throws Exception {
    // The driver checks tables side by side with one Pseudonymiser (its key id goes into every
    // file's fingerprint); an unsynchronised Mac mixed the threads' inputs and gave wrong hashes.
    Pseudonymiser shared = Pseudonymiser.withKey(KEY);
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<List<String>>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        work.add(
            threads.submit(
                () -> {
                  List<String> wrong = new ArrayList<>();
                  for (int i = 0; i < 2_000; i++) {
                    String value = "patient-" + thread + "-" + i;
                    if (!Hmac.hex(KEY, value).equals(shared.pseudonymise(value))) {
                      wrong.add(value);
                    }
                  }
                  return wrong;
                }));
      }
      for (java.util.concurrent.Future<List<String>> w : work) {
        assertEquals(List.of(), w.get());
      }
    } finally {
      threads.shutdown();
    }
  }
}
