package org.mhcs.schema;

/** How a sensitive landing column is treated before it may reach silver. */
public enum Sensitivity {
  /** Not sensitive: copied as typed. */
  NONE,
  /** Replaced by a keyed hash (HMAC-SHA-256), so rows still link without revealing the value. */
  PSEUDONYMISE,
  /** A birth date replaced by a five-year age band at the end of the period. */
  AGE_BAND
}
