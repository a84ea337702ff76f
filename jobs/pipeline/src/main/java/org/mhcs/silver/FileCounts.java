package org.mhcs.silver;

import java.util.List;

/**
 * Reconciliation for one landing file: rows read = accepted + quarantined. {@code
 * fieldsQuarantined} counts fields nulled in accepted rows (tables judged by field).
 */
public record FileCounts(
    String table,
    String file,
    String fingerprint,
    List<String> submitters,
    long read,
    long accepted,
    long quarantined,
    long fieldsQuarantined) {
  public double rejectPercent() {
    return read == 0 ? 0 : 100.0 * quarantined / read;
  }
}
