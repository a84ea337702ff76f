package org.mhcs.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.mhcs.calendar.Period;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.conf.CodeLists;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.PeriodType;
import org.mhcs.schema.SchemaCatalog;

/**
 * The landing tables the generator writes: every table declared under {@code schemas/landing/}.
 * Their columns, file format and period folder are not listed here: each comes from the table's
 * schema in {@code schemas/landing/<source>/<table>.yaml}.
 */
enum LandingTable {
  CSDS_PATIENT("csds", "CYP001MPI"),
  CSDS_REFERRAL("csds", "CYP101Referral"),
  CSDS_REFERRAL_TEAM("csds", "CYP102ServiceTypeReferredTo"),
  CSDS_CARE_CONTACT("csds", "CYP201CareContact"),
  CSDS_CARE_ACTIVITY("csds", "CYP202CareActivity"),
  CSDS_STAFF("csds", "CYP901StaffDetails"),
  MHSDS_PATIENT("mhsds", "MHS001MPI"),
  MHSDS_REFERRAL("mhsds", "MHS101Referral"),
  MHSDS_REFERRAL_TEAM("mhsds", "MHS102ServiceTypeReferredTo"),
  MHSDS_CARE_CONTACT("mhsds", "MHS201CareContact"),
  MHSDS_CARE_ACTIVITY("mhsds", "MHS202CareActivity"),
  MHSDS_HOSPITAL_SPELL("mhsds", "MHS501HospProvSpell"),
  MHSDS_WARD_STAY("mhsds", "MHS502WardStay"),
  MHSDS_STAFF("mhsds", "MHS901StaffDetails"),
  ESR_STAFF_IN_POST("esr", "staff_in_post"),
  ESR_SICKNESS("esr", "sickness"),
  ESR_LEAVERS("esr", "leavers"),
  STAFFING_WARD_DAY("staffing", "ward_day"),
  STAFFING_ROSTER_PERIOD("staffing", "roster_period"),
  // The published ERIC trust file has a row of group headings above the header, each over the
  // first column of its group (none over the identifiers); the schema's header_row says so.
  ERIC_TRUST(
      "eric",
      "trust",
      Map.of(
          "estates_development_strategy", "Strategies and Policies",
          "total_sites", "Organisation Profile",
          "gross_internal_floor_area_m2", "Areas",
          "estates_maintenance_cost_gbp", "Finance",
          "energy_cost_gbp", "Energy",
          "risk_adjusted_backlog_gbp", "Quality of Buildings")),
  // The site file's groups as published in 2016-17, each over the first column of the group that
  // the schema declares.
  ERIC_SITE(
      "eric",
      "site",
      Map.of(
          "estates_maintenance_cost_gbp", "Facilities Management (FM) Services",
          "gross_internal_floor_area_m2", "Areas",
          "clinical_space_m2", "Function and Space",
          "energy_cost_gbp", "Energy",
          "disabled_parking_charge", "Car Parking",
          "routine_cleaning_wet_mopping_disposable", "Cleanliness")),
  PPIB_PURCHASE_LINE("ppib", "purchase_line"),
  FINANCE_TRUST_SUMMARY("finance", "trust_summary"),
  // The ODS etr extract as published: 27 fields, no header row (the schema binds the few it uses
  // by position).
  REF_ORGANISATIONS("ref", "organisations", Map.of(), OrganisationRegister.ETR_FIELDS),
  REF_ORGANISATION_TYPES("ref", "organisation_types");

  // ref/organisations_reshaped, a third party's reshaping of an old extract, is declared so that
  // such files can be landed; the generator writes its reference in the published layout only.

  /** Every table's header, read from the bundled schemas on first use. */
  private static Map<LandingTable, LandingHeader> headers;

  /** How each table's rows can be broken, from its schema and the code lists, on first use. */
  private static Map<LandingTable, TableFaults> faults;

  private final String source;
  private final String table;
  private final Map<String, String> groupHeadings;
  private final int fields;

  LandingTable(String source, String table) {
    this(source, table, Map.of());
  }

  LandingTable(String source, String table, Map<String, String> groupHeadings) {
    this(source, table, groupHeadings, 0);
  }

  /**
   * @param fields how many fields a record of a table without a header row has
   */
  LandingTable(String source, String table, Map<String, String> groupHeadings, int fields) {
    this.source = source;
    this.table = table;
    this.groupHeadings = groupHeadings;
    this.fields = fields;
  }

  String source() {
    return source;
  }

  String table() {
    return table;
  }

  /**
   * The table's header and file format as its schema declares them.
   *
   * @throws IllegalArgumentException if no bundled schema declares one of the generator's tables
   */
  LandingHeader header() {
    return headers().get(this);
  }

  /** How a row of the table can be made to fail one of the pipeline's rules. */
  TableFaults faults() {
    return tableFaults().get(this);
  }

  /** The table's schema. */
  LandingTableSpec spec() {
    return header().spec();
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

  /**
   * The dates a run for {@code month} covers in this table: the month, or the financial year for
   * annual tables (whose event dates and folder follow it).
   */
  ReportingWindow window(YearMonth month) {
    return spec().window(Period.of(month));
  }

  /**
   * The folder the table's files go to: {@code <landing>/<source>/<table>[/<period>]}, where the
   * period is the month ({@code 2024-06}), the financial year holding it ({@code 2024-25}) or
   * absent for reference tables, as the schema's {@code period} says.
   */
  Path folder(Path landingDir, YearMonth month) {
    Path folder = landingDir.resolve(source).resolve(table);
    return spec().period() == PeriodType.NONE ? folder : folder.resolve(window(month).label());
  }

  /**
   * The name of the table's {@code index}-th file: {@code part-NNNNN.csv}, except that a reference
   * table is one file, named as its schema dates it ({@code etr-2024-06.csv}, a snapshot as of the
   * month generated) or else after the table ({@code organisation_types.csv}).
   */
  String fileName(int index, YearMonth month) {
    if (spec().period() == PeriodType.NONE && index == 0) {
      return datedBy()
          .map(pattern -> pattern.replace(ColumnSpec.FILE_NAME_MONTH, month.toString()) + ".csv")
          .orElse(table + ".csv");
    }
    return String.format(Locale.ROOT, "part-%05d.csv", index);
  }

  /**
   * Removes {@code <table>.csv} from a reference table's folder when the schema now dates files by
   * their name: the generator wrote it there before, and the pipeline would refuse it as undated.
   */
  void removeUndatedReference(Path folder) {
    if (spec().period() == PeriodType.NONE && datedBy().isPresent()) {
      try {
        java.nio.file.Files.deleteIfExists(folder.resolve(table + ".csv"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "cannot remove " + folder.resolve(table + ".csv"), e);
      }
    }
  }

  /** The {@code from_file_name} pattern that dates the table's files, if its schema has one. */
  private java.util.Optional<String> datedBy() {
    return spec().columns().stream()
        .map(ColumnSpec::fromFileName)
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  // Loaded lazily rather than in a static initialiser so that a missing schema fails the run with
  // the catalog's message, not an ExceptionInInitializerError that hides it on every later call.
  private static synchronized Map<LandingTable, LandingHeader> headers() {
    if (headers == null) {
      SchemaCatalog catalog = SchemaCatalog.bundled();
      Map<LandingTable, LandingHeader> loaded = new EnumMap<>(LandingTable.class);
      for (LandingTable t : values()) {
        loaded.put(
            t, new LandingHeader(catalog.table(t.source, t.table), t.groupHeadings, t.fields));
      }
      headers = loaded;
    }
    return headers;
  }

  private static synchronized Map<LandingTable, TableFaults> tableFaults() {
    if (faults == null) {
      CodeLists codeLists = CodeLists.bundled();
      Map<LandingTable, TableFaults> built = new EnumMap<>(LandingTable.class);
      for (LandingTable t : values()) {
        built.put(t, new TableFaults(t.header(), codeLists));
      }
      faults = built;
    }
    return faults;
  }
}
