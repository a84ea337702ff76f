package org.mhcs.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the community-services metrics of {@code shared/design/metrics.md} from the written
 * CSV files at scale 0.05 with plain Java, independently of the generator's own bookkeeping, and
 * checks the national medians (one observation per organisation × service line) fall in the ranges
 * the 2018 review reports.
 */
class CalibrationTest {
  private static final String CSDS = DataSetFields.CSDS.source();
  private static final String MHSDS = DataSetFields.MHSDS.source();

  /** Everything summed for one organisation × service line. */
  static final class Tally {
    long contacts;
    long attended;
    long dna;
    long cancelled;
    long nonDirectAttended;
    long directContacts;
    long directMinutes;
    long faceToFaceContacts;
    long faceToFaceMinutes;
    final Set<String> patients = new HashSet<>();
    double availableDays;
  }

  /** Key "org|service_line" → tally; the data set each key belongs to. */
  private static final Map<String, Tally> tallies = new TreeMap<>();

  private static final Map<String, String> dataSetOf = new HashMap<>();

  @BeforeAll
  static void recompute() {
    tallies();
  }

  /**
   * The plain-Java tallies of the shared demo landing, keyed "org|service_line", computed once; the
   * pipeline's own results are checked against them too.
   */
  static synchronized Map<String, Tally> tallies() {
    if (!tallies.isEmpty()) {
      return tallies;
    }
    Path root = LandingFixture.demo().landingDir();
    Map<String, String> teamLine = new HashMap<>(); // org|team → service line
    tallyContacts(root, DataSetFields.CSDS, teamLine);
    tallyContacts(root, DataSetFields.MHSDS, teamLine);
    tallyCapacity(root, teamLine);
    return tallies;
  }

  /**
   * Contacts of one data set, each given the service line of its referral's team: the team type on
   * the referral-team row with the same organisation, referral and team, mapped by {@code
   * conf/service_line_maps/}. Contacts whose type is excluded (A18) are left out, as the pipeline
   * leaves them out of service-line metrics.
   */
  private static void tallyContacts(Path root, DataSetFields f, Map<String, String> teamLine) {
    String source = f.source();
    Map<String, String> typeToLine = serviceLineMap(f.codeSystem());
    Map<String, String> patientOfReferral = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        source,
        f.referrals(),
        r ->
            patientOfReferral.put(
                r.get(f.org()) + "|" + r.get(f.referralId()), r.get(f.patientId())));
    Map<String, String> lineOfReferralTeam = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        source,
        f.referralTeams(),
        r -> {
          String line = typeToLine.get(r.get(f.teamType()));
          lineOfReferralTeam.put(
              r.get(f.org()) + "|" + r.get(f.referralId()) + "|" + r.get(f.teamId()), line);
          if (line != null) {
            teamLine.put(r.get(f.org()) + "|" + r.get(f.teamId()), line);
          }
        });
    // A contact's direct-care minutes are the sum of its activities' minutes when it has any.
    Map<String, Long> activityMinutes = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        source,
        f.activities(),
        r ->
            activityMinutes.merge(
                r.get(f.org()) + "|" + r.get(f.contactId()),
                (long) r.integer(f.activityMinutes()),
                Long::sum));
    LandingFixture.forEachRow(
        root,
        source,
        f.contacts(),
        r -> {
          String org = r.get(f.org());
          String line =
              lineOfReferralTeam.get(org + "|" + r.get(f.referralId()) + "|" + r.get(f.teamId()));
          if (line == null) {
            return;
          }
          String key = org + "|" + line;
          dataSetOf.put(key, source);
          Tally t = tallies.computeIfAbsent(key, k -> new Tally());
          String attendance = r.get(f.attendance());
          String mechanism = r.get(f.mechanism());
          boolean attended = attendance.equals("5") || attendance.equals("6");
          boolean direct = attended && Set.of("01", "02", "04", "11").contains(mechanism);
          t.contacts++;
          t.attended += attended ? 1 : 0;
          t.dna += attendance.equals("3") || attendance.equals("7") ? 1 : 0;
          t.cancelled += attendance.equals("2") || attendance.equals("4") ? 1 : 0;
          t.nonDirectAttended += attended && !direct ? 1 : 0;
          if (direct) {
            t.directContacts++;
            Long minutes = activityMinutes.get(org + "|" + r.get(f.contactId()));
            t.directMinutes += minutes != null ? minutes : r.integer(f.contactMinutes());
            t.patients.add(patientOfReferral.get(org + "|" + r.get(f.referralId())));
          }
          if (attended && mechanism.equals("01")) {
            t.faceToFaceContacts++;
            t.faceToFaceMinutes += r.integer(f.contactMinutes());
          }
        });
  }

  /**
   * Available clinical days per organisation × service line: Σ contracted WTE × working days − Σ
   * FTE days sick × 5/7 over ESR assignments in clinical staff groups whose team has that service
   * line; sickness joins on organisation + assignment number.
   */
  private static void tallyCapacity(Path root, Map<String, String> teamLine) {
    Set<String> clinical = clinicalStaffGroups();
    int workingDays = workingDays(LandingFixture.PERIOD);
    Map<String, Double> sickDays = new HashMap<>();
    LandingFixture.forEachRow(
        root,
        "esr",
        "sickness",
        r ->
            sickDays.merge(
                r.get("Org_Code") + "|" + r.get("Assignment_Number"),
                r.decimal("FTE_Days_Sick"),
                Double::sum));
    LandingFixture.forEachRow(
        root,
        "esr",
        "staff_in_post",
        r -> {
          String line = teamLine.get(r.get("Org_Code") + "|" + r.get("Team_Local_Id"));
          if (line == null || !clinical.contains(r.get("Staff_Group"))) {
            return;
          }
          Tally t = tallies.get(r.get("Org_Code") + "|" + line);
          if (t != null) {
            double sick =
                sickDays.getOrDefault(r.get("Org_Code") + "|" + r.get("Assignment_Number"), 0.0);
            t.availableDays += r.decimal("Contracted_WTE") * workingDays - sick * 5.0 / 7.0;
          }
        });
  }

  @Test
  void directCareTimeMediansAreInTheReviewRanges() {
    // direct_care_pct = direct minutes ÷ (450 × available days) × 100
    Map<String, List<Double>> byLine =
        byServiceLine(
            null,
            t -> t.availableDays > 0 ? 100.0 * t.directMinutes / (450 * t.availableDays) : null);
    assertMedian("direct care % community_nursing", byLine.get("community_nursing"), 33, 80);
    assertMedian("direct care % adult_cmht", byLine.get("adult_cmht"), 28, 59);
    for (Map.Entry<String, List<Double>> e : byLine.entrySet()) {
      if (!e.getKey().equals("community_nursing") && !e.getKey().equals("adult_cmht")) {
        assertMedian("direct care % " + e.getKey(), e.getValue(), 30, 75);
      }
    }
    // Between-trust variation is real: the best decile is well ahead of the worst.
    List<Double> nursing = byLine.get("community_nursing");
    double spread = percentile(nursing, 0.9) / percentile(nursing, 0.1);
    assertTrue(spread > 1.5, "community nursing direct care p90/p10 is only " + spread);
  }

  @Test
  void dnaRatesAreInTheReviewRanges() {
    // dna_rate_pct = DNA ÷ (attended + DNA) × 100
    MetricOf dnaRate = t -> t.attended + t.dna > 0 ? 100.0 * t.dna / (t.attended + t.dna) : null;
    assertMedian("DNA % MHSDS", all(byServiceLine(MHSDS, dnaRate)), 8, 25);
    assertMedian("DNA % CSDS", all(byServiceLine(CSDS, dnaRate)), 3, 12);
    long dna = 0;
    long attended = 0;
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      if (dataSetOf.get(e.getKey()).equals(MHSDS)) {
        dna += e.getValue().dna;
        attended += e.getValue().attended;
      }
    }
    double nationalMh = 100.0 * dna / (dna + attended);
    report("DNA % MHSDS national (pooled)", nationalMh);
    assertTrue(nationalMh > 12 && nationalMh < 20, "MHSDS DNA rate ~16%, not " + nationalMh);
  }

  @Test
  void faceToFaceMinutesAndContactsPerPatientAreInTheReviewRanges() {
    // mean_f2f_contact_minutes = attended mechanism-01 contact minutes ÷ those contacts
    Map<String, List<Double>> f2f =
        byServiceLine(
            null,
            t ->
                t.faceToFaceContacts > 0
                    ? (double) t.faceToFaceMinutes / t.faceToFaceContacts
                    : null);
    assertMedian("f2f minutes adult_cmht", f2f.get("adult_cmht"), 43, 70);
    assertMedian("f2f minutes community_nursing", f2f.get("community_nursing"), 25, 45);
    // contacts_per_patient = attended direct contacts ÷ distinct patients with one
    Map<String, List<Double>> perPatient =
        byServiceLine(
            null, t -> t.patients.isEmpty() ? null : (double) t.directContacts / t.patients.size());
    assertMedian(
        "contacts per patient community_nursing", perPatient.get("community_nursing"), 14, 45);
    assertMedian("contacts per patient adult_cmht", perPatient.get("adult_cmht"), 3, 9);
    // contacts_per_clinician_day = attended direct contacts ÷ available days: ~2x spread
    Map<String, List<Double>> perDay =
        byServiceLine(null, t -> t.availableDays > 0 ? t.directContacts / t.availableDays : null);
    for (String line : List.of("community_nursing", "adult_cmht")) {
      List<Double> values = perDay.get(line);
      report("contacts per clinician day " + line, percentile(values, 0.5));
      double spread = percentile(values, 0.9) / percentile(values, 0.1);
      assertTrue(
          spread > 1.3 && spread < 3.5, line + " contacts per clinician day p90/p10 " + spread);
    }
  }

  @Test
  void cancellationsAndNonDirectContactsAreSmallShares() {
    long contacts = 0;
    long cancelled = 0;
    long nonDirect = 0;
    for (Tally t : tallies.values()) {
      contacts += t.contacts;
      cancelled += t.cancelled;
      nonDirect += t.nonDirectAttended;
    }
    double cancelledPct = 100.0 * cancelled / contacts;
    double nonDirectPct = 100.0 * nonDirect / contacts;
    assertTrue(cancelledPct > 2 && cancelledPct < 4, "cancellations ~3%, not " + cancelledPct);
    assertTrue(nonDirectPct > 1 && nonDirectPct < 3, "non-direct ~2%, not " + nonDirectPct);
  }

  /** A metric of one organisation × service line; null when its denominator is zero. */
  private interface MetricOf {
    Double of(Tally t);
  }

  /** One value per organisation per service line, for one data set (or both if null). */
  private static Map<String, List<Double>> byServiceLine(String dataSet, MetricOf metric) {
    Map<String, List<Double>> values = new TreeMap<>();
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      if (dataSet != null && !dataSet.equals(dataSetOf.get(e.getKey()))) {
        continue;
      }
      Double value = metric.of(e.getValue());
      if (value != null) {
        String line = e.getKey().substring(e.getKey().indexOf('|') + 1);
        values.computeIfAbsent(line, k -> new ArrayList<>()).add(value);
      }
    }
    return values;
  }

  private static List<Double> all(Map<String, List<Double>> byLine) {
    List<Double> all = new ArrayList<>();
    byLine.values().forEach(all::addAll);
    return all;
  }

  private static void assertMedian(String what, List<Double> values, double low, double high) {
    MetricRanges.assertMedianIn(what, values, low, high);
  }

  private static double percentile(List<Double> values, double p) {
    return MetricRanges.percentile(values, p);
  }

  private static void report(String what, double value) {
    MetricRanges.report(what, value);
  }

  /**
   * The national rows of a team-type mapping file (code, description, service_line, effective_from,
   * effective_to, org_code, note), excluded codes left out; the bundled rows hold in every month.
   */
  private static Map<String, String> serviceLineMap(String codeSystem) {
    Map<String, String> map = new HashMap<>();
    for (List<String> row : conf(ReferentialIntegrityTest.mappingFile(codeSystem))) {
      boolean national = row.size() < 6 || row.get(5).isEmpty();
      if (national && !row.get(2).equals("excluded")) {
        map.put(row.get(0), row.get(2));
      }
    }
    return map;
  }

  private static Set<String> clinicalStaffGroups() {
    Set<String> groups = new HashSet<>();
    for (List<String> row : conf("clinical_staff_groups.csv")) {
      if (row.get(1).equals("true")) {
        groups.add(row.get(0));
      }
    }
    return groups;
  }

  /** Monday to Friday in the month, less the bank holidays of conf/bank_holidays.csv. */
  private static int workingDays(YearMonth month) {
    Set<LocalDate> holidays = new HashSet<>();
    for (List<String> row : conf("bank_holidays.csv")) {
      holidays.add(LocalDate.parse(row.get(0)));
    }
    int days = 0;
    for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      boolean weekend =
          d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      days += weekend || holidays.contains(d) ? 0 : 1;
    }
    return days;
  }

  /** A conf CSV from the classpath, header dropped. */
  private static List<List<String>> conf(String file) {
    try (InputStream in = CalibrationTest.class.getResourceAsStream("/mhcs/conf/" + file)) {
      if (in == null) {
        throw new IllegalStateException("conf/" + file + " is not on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine();
      List<List<String>> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(LandingFixture.parseLine(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
