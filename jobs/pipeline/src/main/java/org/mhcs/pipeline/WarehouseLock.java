package org.mhcs.pipeline;

/**
 * The one-run-at-a-time lock of a warehouse, held for a run and released by {@link #close}: {@link
 * RunLock} (an operating-system lock) for a local folder, {@link ObjectStoreRunLock} (a claim
 * object with an expiry) for a warehouse in object storage.
 */
interface WarehouseLock extends AutoCloseable {
  @Override
  void close();
}
