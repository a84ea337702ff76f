package org.mhcs.pipeline;

import java.nio.file.Path;

/** Another run holds the warehouse: this run has changed nothing and can be retried. */
public final class WarehouseBusyException extends RuntimeException {
  WarehouseBusyException(Path warehouse, String holder) {
    this(warehouse.toString(), holder);
  }

  WarehouseBusyException(String warehouse, String holder) {
    super(
        "the warehouse "
            + warehouse
            + " is in use by another run ("
            + holder
            + "); this run changed nothing. Retry when that run has finished, or let runs wait"
            + " with --set run.lock_wait_seconds=N");
  }
}
