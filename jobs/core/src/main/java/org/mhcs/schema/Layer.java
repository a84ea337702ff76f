package org.mhcs.schema;

import java.util.Locale;

/** The warehouse's databases, one folder each under the warehouse root. */
public enum Layer {
  BRONZE,
  SILVER,
  GOLD,
  OPS;

  /** The database name, e.g. {@code gold}. */
  public String database() {
    return name().toLowerCase(Locale.ROOT);
  }
}
