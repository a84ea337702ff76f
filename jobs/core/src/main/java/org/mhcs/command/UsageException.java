package org.mhcs.command;

/** The command line is wrong (exit code 2); the message says what and how to fix it. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
