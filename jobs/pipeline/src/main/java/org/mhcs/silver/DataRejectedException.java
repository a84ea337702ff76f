package org.mhcs.silver;

/** Landing data failed validation beyond the configured tolerance (exit code 3). */
public final class DataRejectedException extends RuntimeException {
  public DataRejectedException(String message) {
    super(message);
  }
}
