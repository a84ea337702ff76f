package org.mhcs.command;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mhcs.conf.ConfigException;

/**
 * Runs a command's start-up checks one after another, keeping every problem instead of stopping at
 * the first, so that one attempt shows everything to fix. {@link #verdict} then throws one
 * exception listing them all: a {@link UsageException} (exit 2) when anything on the command line
 * is wrong, listing its problems first and then the configuration's; a {@link ConfigException}
 * (exit 1) when only the configuration or environment is (settings, conf/ files, the key). Nothing
 * here starts Spark; call it before anything does.
 */
public final class StartupChecks {
  private final List<String> commandLine = new ArrayList<>();
  private final List<String> configuration = new ArrayList<>();

  /** The value of a command-line check, or null after recording its {@link UsageException}. */
  public <T> T commandLine(Supplier<T> check) {
    try {
      return check.get();
    } catch (UsageException e) {
      commandLine.add(e.getMessage());
      return null;
    }
  }

  /**
   * The value of a configuration or environment check (settings, conf/ files, the hashing key), or
   * null after recording its problems: every problem of a {@link ConfigException}, or the message
   * of the illegal-argument, illegal-state or I/O exception the loaders throw.
   */
  public <T> T configuration(Supplier<T> check) {
    try {
      return check.get();
    } catch (UsageException e) {
      commandLine.add(e.getMessage());
    } catch (ConfigException e) {
      configuration.addAll(e.problems());
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      configuration.add(e.getMessage());
    }
    return null;
  }

  /** Every problem recorded so far, command line first. */
  private List<String> problems() {
    List<String> all = new ArrayList<>(commandLine);
    all.addAll(configuration);
    return all;
  }

  /** Throws one exception listing every problem recorded; returns when there were none. */
  public void verdict() {
    List<String> all = problems();
    if (commandLine.isEmpty()) {
      if (!configuration.isEmpty()) {
        throw new ConfigException(configuration);
      }
      return;
    }
    if (all.size() == 1) {
      throw new UsageException(all.get(0));
    }
    throw new UsageException(
        all.size()
            + " problems, found before starting; fix them and run again:\n  - "
            + String.join("\n  - ", all));
  }
}
