package org.mhcs.silver;

import java.util.List;

/** Reconciliation for one landing file: rows read = accepted + quarantined. */
public record FileCounts(
    String table,
    String file,
    String fingerprint,
    List<String> submitters,
    long read,
    long accepted,
    long quarantined) {
  public double rejectPercent() {
    return read == 0 ? 0 : 100.0 * quarantined / read;
  }
}
