package org.mhcs.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;
import org.mhcs.schema.SchemaCatalog;

/**
 * The landing tables the generator writes. Their columns are not listed here: each table's header
 * is the one its schema in {@code schemas/landing/<source>/<table>.yaml} declares, in that order.
 */
enum LandingTable {
  CSDS_REFERRAL("csds", "CYP101Referral"),
  CSDS_REFERRAL_TEAM("csds", "CYP102ServiceTypeReferredTo"),
  CSDS_CARE_CONTACT("csds", "CYP201CareContact"),
  CSDS_CARE_ACTIVITY("csds", "CYP202CareActivity"),
  CSDS_STAFF("csds", "CYP901StaffDetails"),
  MHSDS_REFERRAL("mhsds", "MHS101Referral"),
  MHSDS_REFERRAL_TEAM("mhsds", "MHS102ServiceTypeReferredTo"),
  MHSDS_CARE_CONTACT("mhsds", "MHS201CareContact"),
  MHSDS_CARE_ACTIVITY("mhsds", "MHS202CareActivity"),
  MHSDS_STAFF("mhsds", "MHS901StaffDetails"),
  ESR_STAFF_IN_POST("esr", "staff_in_post"),
  ESR_SICKNESS("esr", "sickness"),
  REF_ORGANISATIONS("ref", "organisations");

  /** Every table's header, read from the bundled schemas on first use. */
  private static Map<LandingTable, LandingHeader> headers;

  private final String source;
  private final String table;

  LandingTable(String source, String table) {
    this.source = source;
    this.table = table;
  }

  String source() {
    return source;
  }

  String table() {
    return table;
  }

  /**
   * The table's header as its schema declares it.
   *
   * @throws IllegalArgumentException if no bundled schema declares one of the generator's tables
   */
  LandingHeader header() {
    return headers().get(this);
  }

  /**
   * Reads every table's schema, if not read already.
   *
   * @throws IllegalArgumentException if no bundled schema declares one of the generator's tables
   */
  static void requireSchemas() {
    headers();
  }

  /** The key {@link GeneratedLanding} counts rows under, e.g. {@code csds/CYP201CareContact}. */
  String key() {
    return source + "/" + table;
  }

  /** Reference tables have no period folder. */
  boolean periodic() {
    return !"ref".equals(source);
  }

  /** The folder the table's files go to: {@code <landing>/<source>/<table>[/<period>]}. */
  Path folder(Path landingDir, YearMonth period) {
    Path folder = landingDir.resolve(source).resolve(table);
    return periodic() ? folder.resolve(period.toString()) : folder;
  }

  // Loaded lazily rather than in a static initialiser so that a missing schema fails the run with
  // the catalog's message, not an ExceptionInInitializerError that hides it on every later call.
  private static synchronized Map<LandingTable, LandingHeader> headers() {
    if (headers == null) {
      SchemaCatalog catalog = SchemaCatalog.bundled();
      Map<LandingTable, LandingHeader> loaded = new EnumMap<>(LandingTable.class);
      for (LandingTable t : values()) {
        loaded.put(t, new LandingHeader(catalog.table(t.source, t.table)));
      }
      headers = loaded;
    }
    return headers;
  }
}
