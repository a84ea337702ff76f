package org.mhcs.warehouse;

/** A write whose columns are incompatible with the table's; the message says what to do. */
public final class SchemaChangeException extends RuntimeException {
  public SchemaChangeException(String message) {
    super(message);
  }
}
