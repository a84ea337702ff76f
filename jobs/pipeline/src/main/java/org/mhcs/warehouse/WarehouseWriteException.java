package org.mhcs.warehouse;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Optional;
import org.mhcs.storage.Location;

/**
 * The warehouse's storage refused a write: the disk is full, the file system is read-only or the
 * folder is not writable. The message names the table, the folder and the cause, and says what to
 * do; tables written before stay whole and readable (each Delta commit is all or nothing).
 */
public final class WarehouseWriteException extends IllegalStateException {
  private WarehouseWriteException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The exception to throw for {@code failure} while writing {@code what} (e.g. "silver.x" or "the
   * run lock") under {@code folder}, or empty when the failure is not the storage's.
   */
  public static Optional<WarehouseWriteException> of(String what, Path folder, Throwable failure) {
    return of(what, Location.local(folder), failure);
  }

  /** As {@link #of(String, Path, Throwable)}, for a local or remote warehouse. */
  public static Optional<WarehouseWriteException> of(
      String what, Location folder, Throwable failure) {
    return storageCause(failure)
        .map(
            cause ->
                new WarehouseWriteException(
                    "cannot write "
                        + what
                        + " under "
                        + folder
                        + ": "
                        + cause
                        + ". Free space on that disk or make the folder writable, or point"
                        + " --warehouse elsewhere; then rerun the period. Tables written before"
                        + " are whole and readable (each table's write is one commit), and the"
                        + " rerun completes the rest.",
                    failure));
  }

  /** What the storage said, in words, found anywhere in the failure's causes. */
  static Optional<String> storageCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (text.contains("No space left on device")) {
        return Optional.of("no space left on device");
      }
      if (text.contains("Disk quota exceeded")) {
        return Optional.of("disk quota exceeded");
      }
      if (text.contains("Read-only file system")) {
        return Optional.of("the file system is read-only");
      }
      if (t instanceof AccessDeniedException || text.contains("Permission denied")) {
        return Optional.of("permission denied");
      }
    }
    return Optional.empty();
  }
}
