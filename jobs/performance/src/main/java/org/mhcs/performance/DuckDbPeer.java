package org.mhcs.performance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.mhcs.calendar.Period;
import org.mhcs.calendar.WorkingDays;
import org.mhcs.conf.CodeLists;
import org.mhcs.conf.ConfFiles;
import org.mhcs.conf.ConfTable;
import org.mhcs.conf.Settings;
import org.mhcs.conform.CodeSystem;
import org.mhcs.conform.ContactSource;
import org.mhcs.conform.ServiceLines;
import org.mhcs.ingest.LandingFolder;
import org.mhcs.metrics.CommunityActivity;
import org.mhcs.metrics.Direction;
import org.mhcs.metrics.Metric;
import org.mhcs.metrics.MetricCatalog;
import org.mhcs.metrics.MetricValues;
import org.mhcs.metrics.OpportunityRule;
import org.mhcs.metrics.OpportunityRule.Units;
import org.mhcs.metrics.ReferralActivity;
import org.mhcs.metrics.TargetBasis;
import org.mhcs.schema.ActivityField;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.SchemaCatalog;
import org.mhcs.warehouse.Columns;

/**
 * The community gold figures ({@code gold.metric_value}, the national rows of {@code
 * gold.benchmark}, {@code gold.opportunity}) computed again from the same landing CSV by DuckDB in
 * process, stage by stage, for {@code ./mhcs bench} to compare with Spark's and to time.
 *
 * <p>Every double is produced by the same IEEE operations in the same order as Spark's: sums are
 * exact integers (minutes, counts, WTE in ten-thousandths, available days in millionths) turned
 * into doubles by one correctly rounded division, as Spark's exact decimal sums are; percentiles
 * follow Spark's {@code percentile} interpolation formula term for term. The national mean is the
 * one figure computed differently (Spark rounds each value to ten places first), so it is compared
 * with a tolerance.
 *
 * <p>Cost: the landing tables are read whole into an in-memory database (clear patient identifiers
 * stay there, and go when it closes); nothing is written to disk. Silver's row checks are not
 * repeated: with {@code --fault-rate 0} silver quarantines nothing, which {@link PeerComparison}
 * checks on Spark's side.
 */
public final class DuckDbPeer {
  /** The stages, in order, as {@link Result#stages()} names them. */
  public static final List<String> STAGES =
      List.of("read", "conform", "metrics", "benchmark", "opportunity");

  /** The metrics computed: every community metric except {@code skill_mix_pct}. */
  public static final List<String> METRICS =
      List.of(
          "direct_care_pct",
          "contacts_per_clinician_day",
          "mean_f2f_contact_minutes",
          "contacts_per_patient",
          "dna_rate_pct",
          "single_contact_discharge_pct",
          "monthly_discharge_rate_pct",
          "caseload_per_wte");

  private static final List<ContactSource> SOURCES =
      List.of(ContactSource.CSDS, ContactSource.MHSDS);

  /** The landing tables read, {@code source/table}. */
  public static final List<String> INPUTS = inputIds();

  private static List<String> inputIds() {
    List<String> ids = new ArrayList<>();
    for (ContactSource s : SOURCES) {
      for (String t :
          List.of(s.referralTable(), s.referralTeamTable(), s.contactTable(), s.activityTable())) {
        ids.add(s.dataset() + "/" + t);
      }
    }
    ids.addAll(
        List.of("esr/staff_in_post", "esr/sickness", "staffing/ward_day", "mhsds/MHS502WardStay"));
    return List.copyOf(ids);
  }

  /** The numerators and denominators of {@link #METRICS}, over the community aggregates. */
  private static final Map<String, String[]> RATIOS =
      Map.of(
          "direct_care_pct",
          new String[] {CommunityActivity.DIRECT_MINUTES, "available_days_double * %MINUTES%"},
          "contacts_per_clinician_day",
          new String[] {CommunityActivity.DIRECT_CONTACTS, "available_days_double"},
          "mean_f2f_contact_minutes",
          new String[] {CommunityActivity.F2F_MINUTES, CommunityActivity.F2F_CONTACTS},
          "contacts_per_patient",
          new String[] {CommunityActivity.DIRECT_CONTACTS, CommunityActivity.PATIENTS},
          "dna_rate_pct",
          new String[] {
            CommunityActivity.DNA_CONTACTS,
            CommunityActivity.ATTENDED_CONTACTS + " + " + CommunityActivity.DNA_CONTACTS
          },
          "single_contact_discharge_pct",
          new String[] {ReferralActivity.CLOSED_AFTER_ONE_CONTACT, ReferralActivity.CLOSED},
          "monthly_discharge_rate_pct",
          new String[] {ReferralActivity.CLOSED, ReferralActivity.OPEN_AT_START},
          "caseload_per_wte",
          new String[] {ReferralActivity.OPEN_AT_END, "clinical_wte_double"});

  private final SchemaCatalog schemas;
  private final CodeLists codeLists;
  private final ServiceLines serviceLines;
  private final Settings settings;
  private final MetricCatalog catalog;
  private final List<String> clinicalGroups;
  private int threads = 2;

  /**
   * A peer reading the conf files of {@code conf} (service-line mappings, clinical staff groups)
   * with the project's loaders; code lists, schemas and settings are the bundled ones, as a run's.
   */
  public DuckDbPeer(
      SchemaCatalog schemas,
      CodeLists codeLists,
      ServiceLines serviceLines,
      Settings settings,
      ConfFiles conf) {
    this.schemas = Objects.requireNonNull(schemas);
    this.codeLists = Objects.requireNonNull(codeLists);
    this.serviceLines = Objects.requireNonNull(serviceLines);
    this.settings = Objects.requireNonNull(settings);
    this.catalog = MetricCatalog.from(settings);
    this.clinicalGroups =
        ConfTable.read(conf, "clinical_staff_groups.csv", "staff_group", "clinical").rows().stream()
            .filter(r -> "true".equals(r.get("clinical")))
            .map(r -> r.get("staff_group"))
            .toList();
  }

  /** A peer on the conf folder {@code confDir} (laid out like {@code conf/}), default settings. */
  public static DuckDbPeer fromConf(Path confDir) {
    ConfFiles conf = ConfFiles.directory(confDir);
    CodeLists codeLists = CodeLists.bundled();
    return new DuckDbPeer(
        SchemaCatalog.bundled(),
        codeLists,
        ServiceLines.load(conf, codeLists),
        Settings.load(Map.of()),
        conf);
  }

  /** DuckDB's worker threads ({@code SET threads}); 2 unless set. */
  public DuckDbPeer threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("DuckDB threads must be at least 1, not " + n);
    }
    this.threads = n;
    return this;
  }

  /** One stage's wall time and the rows it produced (the read stage: landing rows loaded). */
  public record StageTime(String stage, double seconds, long rows) {}

  /** One {@code gold.metric_value} row. */
  public record MetricFigure(
      String metricId,
      String period,
      String orgCode,
      String serviceLine,
      String breakdown,
      Double numerator,
      Double denominator,
      Double value,
      String flags) {}

  /** One national {@code gold.benchmark} row. */
  public record BenchmarkFigure(
      String metricId,
      String period,
      String serviceLine,
      String breakdown,
      long nOrgs,
      double p10,
      double p25,
      double p50,
      double p75,
      double p90,
      double mean,
      double min,
      double max) {}

  /** One {@code gold.opportunity} row. */
  public record OpportunityFigure(
      String metricId,
      String period,
      String orgCode,
      String serviceLine,
      String breakdown,
      String targetBasis,
      String opportunityUnit,
      double value,
      double targetValue,
      double gap,
      double volume,
      String volumeUnit,
      double opportunityValue) {}

  /** What the peer computed and how long each stage took. */
  public record Result(
      List<StageTime> stages,
      List<MetricFigure> metricValues,
      List<BenchmarkFigure> benchmarks,
      List<OpportunityFigure> opportunities) {
    public double totalSeconds() {
      return stages.stream().mapToDouble(StageTime::seconds).sum();
    }
  }

  /**
   * Reads {@code periods}' landing files under {@code landing} and computes the community figures
   * of every period. Referrals' attended contacts are counted over all the given periods up to each
   * one, as the pipeline counts them over the months loaded.
   */
  public Result execute(Path landing, List<Period> periods) {
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("DuckDbPeer needs at least one period");
    }
    LandingFolder folder = new LandingFolder(landing);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      sql.execute("SET threads = " + threads);
      // No spilling: an in-memory database would offload to ./.tmp, and the clear patient
      // identifiers must not leave memory. A scale too big for memory fails instead.
      sql.execute("SET temp_directory = ''");
      sql.execute("SET preserve_insertion_order = false");
      List<StageTime> stages = new ArrayList<>();
      long start = System.nanoTime();
      long rows = read(sql, folder, periods);
      stages.add(new StageTime("read", since(start), rows));

      start = System.nanoTime();
      conform(db, sql, periods);
      stages.add(new StageTime("conform", since(start), count(sql, "conformed_contacts")));

      start = System.nanoTime();
      metrics(sql);
      stages.add(new StageTime("metrics", since(start), count(sql, "metric_value")));

      start = System.nanoTime();
      benchmark(sql);
      stages.add(new StageTime("benchmark", since(start), count(sql, "benchmark")));

      start = System.nanoTime();
      opportunity(sql);
      stages.add(new StageTime("opportunity", since(start), count(sql, "opportunity")));

      return new Result(
          List.copyOf(stages), metricFigures(sql), benchmarkFigures(sql), opportunityFigures(sql));
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB peer failed: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- read

  private List<LandingTableSpec> inputs() {
    return INPUTS.stream().map(schemas::table).toList();
  }

  /** CSV → typed tables named as the warehouse names them, one per landing table, all periods. */
  private long read(Statement sql, LandingFolder folder, List<Period> periods) throws SQLException {
    long rows = 0;
    for (LandingTableSpec spec : inputs()) {
      List<String> parts = new ArrayList<>();
      for (Period p : periods) {
        List<Path> files = folder.csvFiles(spec, spec.window(p));
        if (files.isEmpty()) {
          continue;
        }
        parts.add(typedSelect(sql, spec, files, p));
      }
      if (parts.isEmpty()) {
        throw new IllegalStateException(
            spec.id() + " has no landing files for " + periods + " under " + folder.root());
      }
      sql.execute(
          "CREATE TABLE " + spec.warehouseName() + " AS " + String.join(" UNION ALL ", parts));
      rows += count(sql, spec.warehouseName());
    }
    return rows;
  }

  /**
   * One period's files of {@code spec}, read as text with the format the schema declares, then
   * trimmed and typed as silver types them ({@code RowChecks.typed}).
   */
  private String typedSelect(Statement sql, LandingTableSpec spec, List<Path> files, Period p)
      throws SQLException {
    var format = spec.format();
    if (format.thousandsSeparator() != null) {
      throw new IllegalStateException(
          spec.id() + " declares a thousands separator, which DuckDbPeer does not read");
    }
    List<String> nulls = new ArrayList<>(format.nullTokens());
    nulls.add("");
    String csv =
        "read_csv(["
            + files.stream().map(f -> quote(f.toString())).collect(Collectors.joining(", "))
            + "], header = true, all_varchar = true"
            + ", delim = "
            + quote(String.valueOf(format.delimiter()))
            + ", quote = "
            + quote(String.valueOf(format.quote()))
            + ", escape = "
            + quote(String.valueOf(format.quote()))
            + ", skip = "
            + (format.headerRow() - 1)
            + ", encoding = "
            + quote(encoding(format.encoding()))
            + ", nullstr = ["
            + nulls.stream().map(DuckDbPeer::quote).collect(Collectors.joining(", "))
            + "])";
    List<String> header = new ArrayList<>();
    try (ResultSet r = sql.executeQuery("DESCRIBE SELECT * FROM " + csv)) {
      while (r.next()) {
        header.add(r.getString(1));
      }
    }
    List<String> select = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      String found =
          header.stream()
              .filter(h -> c.headings().stream().anyMatch(h2 -> h2.equalsIgnoreCase(h.trim())))
              .findFirst()
              .orElse(null);
      String text = found == null ? "NULL" : "trim(" + ident(found) + ")";
      String typed =
          switch (c.type()) {
            case STRING -> text;
            case INTEGER -> "TRY_CAST(" + text + " AS INTEGER)";
            case DECIMAL -> "TRY_CAST(" + text + " AS DECIMAL(18, 4))";
            case DATE -> "TRY_CAST(TRY_STRPTIME(" + text + ", '%Y-%m-%d') AS DATE)";
          };
      select.add(typed + " AS " + ident(c.name()));
    }
    select.add(quote(p.toString()) + " AS " + Columns.PERIOD);
    return "SELECT " + String.join(", ", select) + " FROM " + csv;
  }

  private static String encoding(String declared) {
    String e = declared.toLowerCase(Locale.ROOT).replace("_", "-");
    return switch (e) {
      case "utf-8", "utf8" -> "utf-8";
      case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252" -> "latin-1";
      case "utf-16", "utf-16le" -> "utf-16";
      default ->
          throw new IllegalStateException(
              "encoding " + declared + " is not one DuckDB reads without extensions");
    };
  }

  // ---------------------------------------------------------------- conform

  /**
   * Service lines for contacts, referrals, wards and ESR assignments, as {@code ConformStage} gives
   * them: {@code conformed_contacts}, {@code conformed_referrals}, {@code conformed_capacity}.
   */
  private void conform(Connection db, Statement sql, List<Period> periods) throws SQLException {
    sql.execute(
        "CREATE TABLE service_line_map (period VARCHAR, system VARCHAR, org VARCHAR,"
            + " code VARCHAR, target VARCHAR)");
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO service_line_map VALUES (?, ?, ?, ?, ?)")) {
      for (Period p : periods) {
        for (ServiceLines.Mapping m : serviceLines.mappings()) {
          if (m.holdsIn(p.month())) {
            insert.setString(1, p.toString());
            insert.setString(2, m.system().id());
            insert.setString(3, m.orgCode());
            insert.setString(4, m.code().trim().toUpperCase(Locale.ROOT));
            insert.setString(5, m.target());
            insert.addBatch();
          }
        }
      }
      insert.executeBatch();
    }

    // Each team's most common type (ties to the smaller code), per data set and period.
    List<String> teamTypes = new ArrayList<>();
    for (ContactSource s : SOURCES) {
      String rt = table(s, s.referralTeamTable());
      teamTypes.add(
          "SELECT "
              + quote(s.dataset())
              + " AS dataset, "
              + quote(s.teamCodeSystem().id())
              + " AS code_system, period, org_code, team_id, team_type FROM (SELECT period, "
              + ident(s.org())
              + " AS org_code, "
              + ident(s.teamId())
              + " AS team_id, "
              + ident(s.teamType())
              + " AS team_type, row_number() OVER (PARTITION BY period, "
              + ident(s.org())
              + ", "
              + ident(s.teamId())
              + " ORDER BY count(*) DESC, "
              + ident(s.teamType())
              + " ASC NULLS FIRST) AS rank FROM "
              + rt
              + " GROUP BY 1, 2, 3, 4) WHERE rank = 1");
    }
    sql.execute("CREATE TABLE team_types AS " + String.join(" UNION ALL ", teamTypes));

    String attended = inList(codeLists.codesWhere("attend_or_dna", "outcome", "attended"));
    String dna = inList(codeLists.codesWhere("attend_or_dna", "outcome", "did_not_attend"));
    String direct = inList(codeLists.codesWhere("consultation_mechanism", "direct_care", "true"));
    String f2f = inList(codeLists.codesWhere("consultation_mechanism", "face_to_face", "true"));

    List<String> contacts = new ArrayList<>();
    List<String> referrals = new ArrayList<>();
    for (ContactSource s : SOURCES) {
      String org = ident(s.org());
      String ref = ident(s.referralId());
      String team = ident(s.teamId());
      String joined =
          "SELECT c.period, c."
              + org
              + " AS org_code, c."
              + ident(s.contactId())
              + " AS contact_id, c."
              + ref
              + " AS referral_id, c."
              + team
              + " AS team_id, coalesce(rt."
              + ident(s.teamType())
              + ", tt.team_type) AS team_type, r."
              + ident(s.patientId())
              + " AS patient_id, CAST(c."
              + ident(s.contactMinutes())
              + " AS BIGINT) AS contact_minutes, a.activity_minutes, c."
              + ident(s.mechanism())
              + " AS mechanism, c."
              + ident(s.attendance())
              + " AS attendance FROM "
              + table(s, s.contactTable())
              + " c LEFT JOIN "
              + table(s, s.referralTeamTable())
              + " rt ON rt.period = c.period AND rt."
              + org
              + " = c."
              + org
              + " AND rt."
              + ref
              + " = c."
              + ref
              + " AND rt."
              + team
              + " = c."
              + team
              + " LEFT JOIN "
              + table(s, s.referralTable())
              + " r ON r.period = c.period AND r."
              + org
              + " = c."
              + org
              + " AND r."
              + ref
              + " = c."
              + ref
              + " LEFT JOIN (SELECT period, "
              + org
              + " AS a_org, "
              + ident(s.activityContactId())
              + " AS a_contact, sum(CAST("
              + ident(s.activityMinutes())
              + " AS BIGINT)) AS activity_minutes FROM "
              + table(s, s.activityTable())
              + " GROUP BY ALL) a ON a.period = c.period AND a.a_org = c."
              + org
              + " AND a.a_contact = c."
              + ident(s.contactId())
              + " LEFT JOIN team_types tt ON tt.dataset = "
              + quote(s.dataset())
              + " AND tt.period = c.period AND tt.org_code = c."
              + org
              + " AND tt.team_id = c."
              + team;
      contacts.add(
          "SELECT "
              + quote(s.dataset())
              + " AS dataset, j.*, "
              + mapped("x")
              + " AS service_line, "
              + status("x")
              + " AS mapping_status, attendance IN "
              + attended
              + " AS attended, attendance IN "
              + dna
              + " AS did_not_attend, attendance IN "
              + attended
              + " AND mechanism IN "
              + direct
              + " AS direct_care, mechanism IN "
              + f2f
              + " AS face_to_face FROM ("
              + lookUp("(" + joined + ")", s.teamCodeSystem(), "org_code", "team_type", "x")
              + ") j");

      // A referral takes the team row with the smallest team id.
      String firstTeam =
          "SELECT period, "
              + org
              + " AS rt_org, "
              + ref
              + " AS rt_ref, "
              + team
              + " AS rt_team, "
              + ident(s.teamType())
              + " AS rt_type FROM "
              + table(s, s.referralTeamTable())
              + " QUALIFY row_number() OVER (PARTITION BY period, "
              + org
              + ", "
              + ref
              + " ORDER BY "
              + team
              + ") = 1";
      String referred =
          "SELECT r.period, r."
              + org
              + " AS org_code, r."
              + ref
              + " AS referral_id, f.rt_team AS team_id, coalesce(f.rt_type, tt.team_type) AS"
              + " team_type, r."
              + ident(s.field(ActivityField.REFERRAL_RECEIVED))
              + " AS received_date, r."
              + ident(s.field(ActivityField.DISCHARGED))
              + " AS discharged_date FROM "
              + table(s, s.referralTable())
              + " r LEFT JOIN ("
              + firstTeam
              + ") f ON f.period = r.period AND f.rt_org = r."
              + org
              + " AND f.rt_ref = r."
              + ref
              + " LEFT JOIN team_types tt ON tt.dataset = "
              + quote(s.dataset())
              + " AND tt.period = r.period AND tt.org_code = f.rt_org AND tt.team_id = f.rt_team";
      referrals.add(
          "SELECT "
              + quote(s.dataset())
              + " AS dataset, j.*, "
              + mapped("x")
              + " AS service_line FROM ("
              + lookUp("(" + referred + ")", s.teamCodeSystem(), "org_code", "team_type", "x")
              + ") j");
    }
    sql.execute("CREATE TABLE conformed_contacts AS " + String.join(" UNION ALL ", contacts));
    sql.execute("CREATE TABLE conformed_referrals AS " + String.join(" UNION ALL ", referrals));

    // Wards: staffing return and MHSDS stays (most common bed type, ties to the smaller code).
    String wards =
        "SELECT coalesce(d.period, b.period) AS period, coalesce(d.org_code, b.org_code) AS"
            + " org_code, coalesce(d.ward_code, b.ward_code) AS ward_code, b.bed_type FROM"
            + " (SELECT DISTINCT period, Org_Code AS org_code, Ward_Code AS ward_code FROM "
            + schemas.table("staffing", "ward_day").warehouseName()
            + ") d FULL OUTER JOIN (SELECT period, OrgIDProv AS org_code, WardCode AS ward_code,"
            + " HospitalBedTypeMH AS bed_type FROM "
            + schemas.table("mhsds", "MHS502WardStay").warehouseName()
            + " GROUP BY 1, 2, 3, 4 QUALIFY row_number() OVER (PARTITION BY period, OrgIDProv, WardCode"
            + " ORDER BY count(*) DESC, HospitalBedTypeMH ASC NULLS LAST) = 1) b ON b.period ="
            + " d.period AND b.org_code = d.org_code AND b.ward_code = d.ward_code";
    sql.execute(
        "CREATE TABLE conformed_wards AS SELECT period, org_code, ward_code, CASE WHEN w = '"
            + ServiceLines.EXCLUDED
            + "' THEN w ELSE coalesce(w, b) END AS target, CASE WHEN w IS NOT NULL THEN '"
            + CodeSystem.STAFFING_WARD.id()
            + "' WHEN b IS NOT NULL THEN '"
            + CodeSystem.MHSDS_BED_TYPE.id()
            + "' END AS mapped_by FROM ("
            + lookUp(
                "("
                    + lookUp(
                        "(" + wards + ")", CodeSystem.STAFFING_WARD, "org_code", "ward_code", "w")
                    + ")",
                CodeSystem.MHSDS_BED_TYPE,
                "org_code",
                "bed_type",
                "b")
            + ")");

    // Each team's target, from both data sets' team types.
    String teamTargets =
        lookUp(
                "(SELECT * FROM team_types WHERE dataset = '" + ContactSource.CSDS.dataset() + "')",
                ContactSource.CSDS.teamCodeSystem(),
                "org_code",
                "team_type",
                "t")
            + " UNION ALL "
            + lookUp(
                "(SELECT * FROM team_types WHERE dataset = '"
                    + ContactSource.MHSDS.dataset()
                    + "')",
                ContactSource.MHSDS.teamCodeSystem(),
                "org_code",
                "team_type",
                "t");
    // Available days = WTE × working days − sick days × 5/7, rounded half up to millionths as
    // ClinicalCapacity's decimal(20, 6); here in exact integers: WTE and sick days are in
    // ten-thousandths, so days × 10^6 = (7 · W · working days − 5 · S) · 100 / 7.
    StringBuilder workingDays = new StringBuilder("CASE s.period");
    for (Period p : periods) {
      workingDays
          .append(" WHEN ")
          .append(quote(p.toString()))
          .append(" THEN ")
          .append(WorkingDays.england().in(p.month()));
    }
    workingDays.append(" END");
    String staff =
        "SELECT s.period, s.Org_Code AS org_code, s.Assignment_Number AS assignment_number,"
            + " s.Staff_Group IN "
            + inList(clinicalGroups)
            + " AS clinical, s.Team_Local_Id, s.Ward_Code, s.Cost_Centre, s.Occupation_Code,"
            + " CAST(s.Contracted_WTE * 10000 AS BIGINT) AS wte_units, (7 * CAST(s.Contracted_WTE"
            + " * 10000 AS BIGINT) * ("
            + workingDays
            + ") - 5 * CAST(coalesce(k.sick, 0) * 10000 AS BIGINT)) * 100 AS n7,"
            + " t.code_system AS t_system, t.t AS t_target, w.mapped_by AS w_system, w.target AS"
            + " w_target FROM "
            + schemas.table("esr", "staff_in_post").warehouseName()
            + " s LEFT JOIN (SELECT period, Org_Code, Assignment_Number, sum(FTE_Days_Sick) AS"
            + " sick FROM "
            + schemas.table("esr", "sickness").warehouseName()
            + " GROUP BY ALL) k ON k.period = s.period AND k.Org_Code = s.Org_Code AND"
            + " k.Assignment_Number = s.Assignment_Number LEFT JOIN ("
            + teamTargets
            + ") t ON t.period = s.period AND t.org_code = s.Org_Code AND t.team_id ="
            + " s.Team_Local_Id LEFT JOIN conformed_wards w ON w.period = s.period AND w.org_code"
            + " = s.Org_Code AND w.ward_code = s.Ward_Code";
    String looked =
        lookUp(
            "("
                + lookUp(
                    "(" + staff + ")", CodeSystem.ESR_COST_CENTRE, "org_code", "Cost_Centre", "c")
                + ")",
            CodeSystem.ESR_OCCUPATION,
            "org_code",
            "Occupation_Code",
            "o");
    sql.execute(
        "CREATE TABLE conformed_capacity AS SELECT period, org_code, assignment_number, clinical,"
            + " wte_units, CASE WHEN n7 >= 0 THEN (2 * n7 + 7) // 14 ELSE -((-2 * n7 + 7) // 14)"
            + " END AS available_micro_days, "
            + mapped("coalesce(t_target, w_target, c, o)")
            + " AS service_line, CASE WHEN t_target IS NOT NULL THEN t_system WHEN w_target IS NOT"
            + " NULL THEN w_system WHEN c IS NOT NULL THEN '"
            + CodeSystem.ESR_COST_CENTRE.id()
            + "' WHEN o IS NOT NULL THEN '"
            + CodeSystem.ESR_OCCUPATION.id()
            + "' END AS mapped_by FROM ("
            + looked
            + ")");
  }

  /**
   * {@code rows} with column {@code output}: the target {@code code} maps to in the row's period,
   * the organisation's own mapping before the national one (as {@code ServiceLines.lookUp}).
   */
  private static String lookUp(
      String rows, CodeSystem system, String org, String code, String output) {
    String key = "upper(trim(q." + ident(code) + "))";
    String sys = quote(system.id());
    return "SELECT q.*, coalesce(l.target, n.target) AS "
        + output
        + " FROM "
        + rows
        + " q LEFT JOIN service_line_map l ON l.system = "
        + sys
        + " AND l.period = q.period AND l.org = q."
        + ident(org)
        + " AND l.code = "
        + key
        + " LEFT JOIN service_line_map n ON n.system = "
        + sys
        + " AND n.period = q.period AND n.org IS NULL AND n.code = "
        + key;
  }

  private static String mapped(String target) {
    return "CASE WHEN " + target + " <> '" + ServiceLines.EXCLUDED + "' THEN " + target + " END";
  }

  private static String status(String target) {
    return "CASE WHEN "
        + target
        + " IS NULL THEN '"
        + ServiceLines.UNMAPPED
        + "' WHEN "
        + target
        + " = '"
        + ServiceLines.EXCLUDED
        + "' THEN '"
        + ServiceLines.EXCLUDED
        + "' ELSE '"
        + ServiceLines.MAPPED
        + "' END";
  }

  // ---------------------------------------------------------------- metrics

  /** {@code community} aggregates, then {@code metric_value}, as {@code MetricValues.compute}. */
  private void metrics(Statement sql) throws SQLException {
    String key = "period, org_code, service_line";
    String activity =
        "SELECT "
            + key
            + ", sum(CASE WHEN direct_care THEN coalesce(activity_minutes, contact_minutes) ELSE 0"
            + " END) AS "
            + CommunityActivity.DIRECT_MINUTES
            + ", count(CASE WHEN direct_care THEN 1 END) AS "
            + CommunityActivity.DIRECT_CONTACTS
            + ", sum(CASE WHEN attended AND face_to_face THEN contact_minutes ELSE 0 END) AS "
            + CommunityActivity.F2F_MINUTES
            + ", count(CASE WHEN attended AND face_to_face THEN 1 END) AS "
            + CommunityActivity.F2F_CONTACTS
            + ", count(DISTINCT CASE WHEN direct_care THEN patient_id END) AS "
            + CommunityActivity.PATIENTS
            + ", count(CASE WHEN attended THEN 1 END) AS "
            + CommunityActivity.ATTENDED_CONTACTS
            + ", count(CASE WHEN did_not_attend THEN 1 END) AS "
            + CommunityActivity.DNA_CONTACTS
            + " FROM conformed_contacts WHERE service_line IS NOT NULL GROUP BY ALL";
    // Ward staff are inpatient capacity (CommunityActivity.aggregate).
    String staff =
        "SELECT "
            + key
            + ", sum(available_micro_days) AS available_micro_days, sum(wte_units) AS wte_units"
            + " FROM conformed_capacity WHERE clinical AND service_line IS NOT NULL AND mapped_by"
            + " NOT IN ('"
            + CodeSystem.STAFFING_WARD.id()
            + "', '"
            + CodeSystem.MHSDS_BED_TYPE.id()
            + "') GROUP BY ALL";
    String referralCounts =
        "SELECT r."
            + key.replace(", ", ", r.")
            + ", count(CASE WHEN closed THEN 1 END) AS "
            + ReferralActivity.CLOSED
            + ", count(CASE WHEN closed AND a.attended = 1 THEN 1 END) AS "
            + ReferralActivity.CLOSED_AFTER_ONE_CONTACT
            + ", count(CASE WHEN received_date < first_day AND (discharged_date IS NULL OR"
            + " discharged_date >= first_day) THEN 1 END) AS "
            + ReferralActivity.OPEN_AT_START
            + ", count(CASE WHEN received_date <= last_day AND (discharged_date IS NULL OR"
            + " discharged_date > last_day) THEN 1 END) AS "
            + ReferralActivity.OPEN_AT_END
            + " FROM (SELECT *, discharged_date BETWEEN first_day AND last_day AS closed FROM"
            + " (SELECT *, CAST(period || '-01' AS DATE) AS first_day, CAST(last_day(CAST(period"
            + " || '-01' AS DATE)) AS DATE) AS last_day FROM conformed_referrals WHERE"
            + " service_line IS NOT NULL)) r LEFT JOIN (SELECT p.period, c.org_code, c.referral_id,"
            + " count(*) AS attended FROM conformed_contacts c JOIN (SELECT DISTINCT period FROM"
            + " conformed_referrals) p ON c.period <= p.period WHERE c.attended GROUP BY ALL) a ON"
            + " a.period = r.period AND a.org_code = r.org_code AND a.referral_id = r.referral_id"
            + " GROUP BY ALL";
    sql.execute(
        "CREATE TABLE community AS SELECT coalesce(x.period, f.period) AS period,"
            + " coalesce(x.org_code, f.org_code) AS org_code, coalesce(x.service_line,"
            + " f.service_line) AS service_line, x.* EXCLUDE (period, org_code, service_line),"
            + " CAST(x.available_micro_days AS DOUBLE) / CAST(1000000 AS DOUBLE) AS"
            + " available_days_double, CAST(x.wte_units AS DOUBLE) / CAST(10000 AS DOUBLE) AS"
            + " clinical_wte_double, f.* EXCLUDE (period, org_code, service_line) FROM (SELECT"
            + " coalesce(a.period, s.period) AS period, coalesce(a.org_code, s.org_code) AS"
            + " org_code, coalesce(a.service_line, s.service_line) AS service_line, a.* EXCLUDE"
            + " (period, org_code, service_line), s.* EXCLUDE (period, org_code, service_line)"
            + " FROM ("
            + activity
            + ") a FULL OUTER JOIN ("
            + staff
            + ") s ON s.period = a.period AND s.org_code = a.org_code AND s.service_line ="
            + " a.service_line) x FULL OUTER JOIN ("
            + referralCounts
            + ") f ON f.period = x.period AND f.org_code = x.org_code AND f.service_line ="
            + " x.service_line");

    List<String> parts = new ArrayList<>();
    for (String id : METRICS) {
      Metric m = catalog.get(id);
      String[] ratio = RATIOS.get(id);
      String num = "coalesce(CAST(" + ratio[0] + " AS DOUBLE), " + dbl(0.0) + ")";
      String den =
          "CAST("
              + ratio[1].replace("%MINUTES%", dbl(settings.get(Settings.CLINICAL_MINUTES_PER_DAY)))
              + " AS DOUBLE)";
      parts.add(
          "SELECT "
              + quote(id)
              + " AS metric_id, period, org_code, service_line, '"
              + Columns.ALL
              + "' AS breakdown, num AS numerator, den AS denominator, CASE WHEN den IS NULL OR"
              + " den <= 0 THEN NULL ELSE num * "
              + dbl(m.scale())
              + " / den END AS value, "
              + quote(m.unit())
              + " AS unit, nullif(concat_ws(',', CASE WHEN den IS NULL OR den <= 0 THEN '"
              + MetricValues.NO_DENOMINATOR
              + "' END, CASE WHEN NOT (den IS NULL OR den <= 0) AND den < "
              + dbl(m.minDenominator())
              + " THEN '"
              + MetricValues.BELOW_MIN_DENOMINATOR
              + "' END), '') AS flags FROM (SELECT period, org_code, service_line, "
              + num
              + " AS num, "
              + den
              + " AS den FROM community)");
    }
    sql.execute("CREATE TABLE metric_value AS " + String.join(" UNION ALL ", parts));
  }

  // ---------------------------------------------------------------- benchmark

  /**
   * National distributions of unflagged values. Percentiles as Spark's exact {@code percentile}:
   * position = (n − 1) × p; between order statistics lo and hi, (⌈pos⌉ − pos) × lo + (pos − ⌊pos⌋)
   * × hi, in that order, so the doubles are the same.
   */
  private void benchmark(Statement sql) throws SQLException {
    String group = "metric_id, period, service_line, breakdown";
    String[][] ps = {
      {Columns.P10, "0.1"},
      {Columns.P25, "0.25"},
      {Columns.P50, "0.5"},
      {Columns.P75, "0.75"},
      {Columns.P90, "0.9"}
    };
    // Per row: each percentile's position and the order statistics either side of it.
    StringBuilder positions = new StringBuilder();
    StringBuilder pick = new StringBuilder();
    StringBuilder percentiles = new StringBuilder();
    for (String[] p : ps) {
      String k = p[0];
      positions
          .append(", CAST(n - 1 AS DOUBLE) * ")
          .append(dbl(Double.parseDouble(p[1])))
          .append(" AS pos_")
          .append(k);
      pick.append(", floor(pos_")
          .append(k)
          .append(") AS lo_")
          .append(k)
          .append(", ceil(pos_")
          .append(k)
          .append(") AS hi_")
          .append(k);
      String vlo = "max(CASE WHEN i = lo_" + k + " THEN value END)";
      String vhi = "max(CASE WHEN i = hi_" + k + " THEN value END)";
      String pos = "any_value(pos_" + k + ")";
      String lo = "any_value(lo_" + k + ")";
      String hi = "any_value(hi_" + k + ")";
      percentiles
          .append(", CASE WHEN ")
          .append(lo)
          .append(" = ")
          .append(hi)
          .append(" OR ")
          .append(vlo)
          .append(" = ")
          .append(vhi)
          .append(" THEN ")
          .append(vlo)
          .append(" ELSE (")
          .append(hi)
          .append(" - ")
          .append(pos)
          .append(") * ")
          .append(vlo)
          .append(" + (")
          .append(pos)
          .append(" - ")
          .append(lo)
          .append(") * ")
          .append(vhi)
          .append(" END AS ")
          .append(k);
    }
    sql.execute(
        "CREATE TABLE benchmark AS SELECT "
            + group
            + ", '"
            + org.mhcs.benchmark.NationalBenchmark.NATIONAL
            + "' AS peer_group, any_value(n) AS n_orgs"
            + percentiles
            + ", avg(value) AS mean, min(value) AS min, max(value) AS max FROM (SELECT *"
            + pick
            + " FROM (SELECT *"
            + positions
            + " FROM (SELECT "
            + group
            + ", value, CAST(row_number() OVER (PARTITION BY "
            + group
            + " ORDER BY value) - 1 AS DOUBLE) AS i, count(*) OVER (PARTITION BY "
            + group
            + ") AS n FROM metric_value WHERE flags IS NULL AND value IS NOT NULL))) GROUP BY "
            + group);
  }

  // ---------------------------------------------------------------- opportunity

  /** {@code gold.opportunity} rows of the community metrics with a rule, as the calculator. */
  private void opportunity(Statement sql) throws SQLException {
    double minutesPerDay = settings.get(Settings.CLINICAL_MINUTES_PER_DAY);
    double daysPerWteMonth = settings.get(Settings.CLINICAL_DAYS_PER_WTE_YEAR) / 12.0;
    double defaultDaysPerPatient = settings.get(Settings.DEFAULT_DAYS_PER_PATIENT);
    sql.execute(
        "CREATE TABLE usable AS SELECT * FROM metric_value WHERE flags IS NULL AND value IS NOT"
            + " NULL");
    // Σ available days ÷ Σ patients per service line, over organisations with both usable; the
    // days are exact millionths (ExactSums.sumOf of the denominators), patients whole.
    sql.execute(
        "CREATE TABLE opportunity_rows AS SELECT u.*, b.p25, b.p50, b.p75, b.min AS nmin, b.max AS nmax,"
            + " s.value AS org_slot_minutes, ns.p50 AS national_slot_minutes, d.days_per_patient"
            + " FROM usable u JOIN benchmark b USING (metric_id, period, service_line, breakdown)"
            + " LEFT JOIN (SELECT period, org_code, service_line, value FROM usable WHERE"
            + " metric_id = 'mean_f2f_contact_minutes') s USING (period, org_code, service_line)"
            + " LEFT JOIN (SELECT period, service_line, p50 FROM benchmark WHERE metric_id ="
            + " 'mean_f2f_contact_minutes') ns USING (period, service_line) LEFT JOIN (SELECT"
            + " d.period, d.service_line, CAST(sum(c.available_micro_days) AS DOUBLE) /"
            + " CAST(1000000 AS DOUBLE) / CAST(sum(p.denominator) AS DOUBLE) AS days_per_patient"
            + " FROM usable d JOIN usable p USING (period, org_code, service_line) JOIN community"
            + " c USING (period, org_code, service_line) WHERE d.metric_id ="
            + " 'contacts_per_clinician_day' AND p.metric_id = 'contacts_per_patient' GROUP BY"
            + " ALL) d USING (period, service_line)");
    List<String> parts = new ArrayList<>();
    for (String id : METRICS) {
      Metric m = catalog.get(id);
      if (!m.opportunity().exists() || m.direction() == Direction.CONTEXT) {
        continue;
      }
      boolean higher = m.direction() == Direction.HIGHER_IS_BETTER;
      List<TargetBasis> bases = new ArrayList<>();
      for (TargetBasis b :
          List.of(m.opportunity().basis(), TargetBasis.MEDIAN, TargetBasis.UPPER_QUARTILE)) {
        if (!bases.contains(b)) {
          bases.add(b);
        }
      }
      for (TargetBasis basis : bases) {
        String target =
            switch (basis) {
              case MEDIAN -> "p50";
              case UPPER_QUARTILE -> higher ? "p75" : "p25";
              case NATIONAL_MIN -> higher ? "nmax" : "nmin";
            };
        String gap = "greatest(" + (higher ? "t - value" : "value - t") + ", " + dbl(0.0) + ")";
        String scale = dbl(m.scale());
        String perDay = dbl(minutesPerDay);
        String volume;
        String volumeUnit;
        String days;
        OpportunityRule rule = m.opportunity().rule();
        switch (rule) {
          case DIRECT_CARE_TIME -> {
            volume = "denominator / " + perDay;
            volumeUnit = "available clinical days";
            days = "g / " + scale + " * denominator / " + perDay;
          }
          case CONTACT_RATE -> {
            volume = "denominator";
            volumeUnit = "available clinical days";
            days = "CASE WHEN t > 0 THEN g * denominator / t ELSE " + dbl(0.0) + " END";
          }
          case DNA_RATE -> {
            volume = "denominator";
            volumeUnit = "attended and did-not-attend contacts";
            days =
                "g / "
                    + scale
                    + " * denominator * coalesce(org_slot_minutes, national_slot_minutes, "
                    + dbl(0.0)
                    + ") / "
                    + perDay;
          }
          default -> throw new IllegalStateException(id + ": rule " + rule + " not in the peer");
        }
        String base =
            "SELECT metric_id, period, org_code, service_line, breakdown, '"
                + basis.id()
                + "' AS target_basis, value, t AS target_value, g AS gap, "
                + volume
                + " AS volume, "
                + quote(volumeUnit)
                + " AS volume_unit, "
                + days
                + " AS days, days_per_patient FROM (SELECT *, "
                + gap
                + " AS g FROM (SELECT *, "
                + target
                + " AS t FROM opportunity_rows WHERE metric_id = "
                + quote(id)
                + "))";
        Map<String, String> units = new LinkedHashMap<>();
        units.put(Units.CLINICAL_DAYS, "days");
        units.put(Units.WTE, "days / " + dbl(daysPerWteMonth));
        units.put(
            Units.PATIENTS,
            "days / coalesce(days_per_patient, " + dbl(defaultDaysPerPatient) + ")");
        for (Map.Entry<String, String> u : units.entrySet()) {
          parts.add(
              "SELECT metric_id, period, org_code, service_line, breakdown, target_basis, value,"
                  + " target_value, gap, volume, volume_unit, "
                  + u.getValue()
                  + " AS opportunity_value, '"
                  + u.getKey()
                  + "' AS opportunity_unit FROM ("
                  + base
                  + ")");
        }
      }
    }
    sql.execute("CREATE TABLE opportunity AS " + String.join(" UNION ALL ", parts));
  }

  // ---------------------------------------------------------------- results

  private static List<MetricFigure> metricFigures(Statement sql) throws SQLException {
    List<MetricFigure> out = new ArrayList<>();
    try (ResultSet r =
        sql.executeQuery(
            "SELECT metric_id, period, org_code, service_line, breakdown, numerator, denominator,"
                + " value, flags FROM metric_value")) {
      while (r.next()) {
        out.add(
            new MetricFigure(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                doubleOrNull(r, 6),
                doubleOrNull(r, 7),
                doubleOrNull(r, 8),
                r.getString(9)));
      }
    }
    return out;
  }

  private static List<BenchmarkFigure> benchmarkFigures(Statement sql) throws SQLException {
    List<BenchmarkFigure> out = new ArrayList<>();
    try (ResultSet r =
        sql.executeQuery(
            "SELECT metric_id, period, service_line, breakdown, n_orgs, p10, p25, p50, p75, p90,"
                + " mean, min, max FROM benchmark")) {
      while (r.next()) {
        out.add(
            new BenchmarkFigure(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getLong(5),
                r.getDouble(6),
                r.getDouble(7),
                r.getDouble(8),
                r.getDouble(9),
                r.getDouble(10),
                r.getDouble(11),
                r.getDouble(12),
                r.getDouble(13)));
      }
    }
    return out;
  }

  private static List<OpportunityFigure> opportunityFigures(Statement sql) throws SQLException {
    List<OpportunityFigure> out = new ArrayList<>();
    try (ResultSet r =
        sql.executeQuery(
            "SELECT metric_id, period, org_code, service_line, breakdown, target_basis,"
                + " opportunity_unit, value, target_value, gap, volume, volume_unit,"
                + " opportunity_value FROM opportunity")) {
      while (r.next()) {
        out.add(
            new OpportunityFigure(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getDouble(8),
                r.getDouble(9),
                r.getDouble(10),
                r.getDouble(11),
                r.getString(12),
                r.getDouble(13)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- SQL text

  private String table(ContactSource s, String table) {
    return schemas.table(s.dataset(), table).warehouseName();
  }

  private static Double doubleOrNull(ResultSet r, int column) throws SQLException {
    double d = r.getDouble(column);
    return r.wasNull() ? null : d;
  }

  /** A double literal DuckDB reads as exactly this double (a bare 0.1 would be a DECIMAL). */
  private static String dbl(double d) {
    return "CAST('" + Double.toString(d) + "' AS DOUBLE)";
  }

  private static String inList(List<String> values) {
    return values.stream().map(DuckDbPeer::quote).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static long count(Statement sql, String table) throws SQLException {
    try (ResultSet r = sql.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
