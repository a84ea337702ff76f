package org.mhcs.command;

/** The launcher's exit codes, which schedulers act on. */
public final class ExitCode {
  public static final int OK = 0;

  /** Anything else: an environment or internal problem. */
  public static final int FAILED = 1;

  public static final int USAGE = 2;
  public static final int DATA_REJECTED = 3;

  /** Another run holds the warehouse; nothing was changed, so a retry later is safe. */
  public static final int BUSY = 4;

  private ExitCode() {}
}
