package org.mhcs.silver;

/** Reconciliation for one landing file: rows read = accepted + quarantined. */
public record FileCounts(String file, long read, long accepted, long quarantined) {
  public double rejectPercent() {
    return read == 0 ? 0 : 100.0 * quarantined / read;
  }
}
