package org.mhcs.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.mhcs.calendar.ReportingWindow;
import org.mhcs.conf.CodeLists;
import org.mhcs.schema.ColumnSpec;
import org.mhcs.schema.ColumnType;
import org.mhcs.schema.FileFormat;
import org.mhcs.schema.LandingTableSpec;
import org.mhcs.schema.Normalisation;
import org.mhcs.schema.Reference;
import org.mhcs.schema.Rule;
import org.mhcs.schema.Sensitivity;

/**
 * How a row of one landing table can be broken so that it fails exactly one of the pipeline's
 * rules, read from the table's schema: which rules the table can fail at all, and for each the
 * columns a realistic mistake can land in (a blank required field, {@code 45O} for {@code 450}, an
 * impossible date such as {@code 2024-02-30}, a lower-case or zero-stripped code, a value ten times
 * the maximum, a date a month early, an identifier with a stray digit, a trailing delimiter).
 *
 * <p>Each mistake is chosen so that no second rule fires: the submitter and key columns are never
 * blanked (a blank key could collide with another), a date moved out of the period keeps the key
 * unique, and an open-in-period end moved before the period pulls the start back with it. Exact
 * duplicates are written by {@link LandingRow} itself. Immutable; shared by every thread.
 */
final class TableFaults {
  /** Codes tried, in order, when the value's own variants are still valid codes. */
  private static final List<String> STRAY_CODES = List.of("8", "99", "ZZ", "Unknown");

  private static final String NOT_A_NUMBER = "#VALUE!";

  private final LandingHeader header;
  private final FileFormat format;
  private final Set<Rule> rules;
  private final int[] requiredColumns;
  private final int[] typedColumns;
  private final int[] codedColumns;
  private final int[] boundedColumns;
  private final int[] referenceColumns;
  private final int eventDate;
  private final int openStart;
  private final int openEnd;
  private final List<Set<String>> codes;

  TableFaults(LandingHeader header, CodeLists codeLists) {
    this.header = header;
    LandingTableSpec spec = header.spec();
    this.format = spec.format();
    List<ColumnSpec> columns = spec.columns();
    Set<String> key = lowerCase(spec.key());
    String submitter = spec.submitter() == null ? "" : spec.submitter().toLowerCase(Locale.ROOT);
    this.requiredColumns =
        positions(
            columns,
            c ->
                c.required()
                    && !key.contains(c.name().toLowerCase(Locale.ROOT))
                    && !submitter.equalsIgnoreCase(c.name()));
    this.typedColumns =
        positions(
            columns, c -> c.type() != ColumnType.STRING || c.sensitivity() == Sensitivity.AGE_BAND);
    this.codedColumns = positions(columns, ColumnSpec::coded);
    this.boundedColumns = positions(columns, c -> c.min() != null || c.max() != null);
    Set<String> referring = new HashSet<>();
    for (Reference reference : spec.references()) {
      referring.addAll(lowerCase(reference.columns()));
    }
    referring.remove(submitter);
    this.referenceColumns =
        positions(columns, c -> referring.contains(c.name().toLowerCase(Locale.ROOT)));
    this.eventDate = spec.eventDate() == null ? -1 : header.position(spec.eventDate());
    this.openStart =
        spec.openInPeriod() == null ? -1 : header.position(spec.openInPeriod().start());
    this.openEnd =
        spec.openInPeriod() == null || spec.openInPeriod().end() == null
            ? -1
            : header.position(spec.openInPeriod().end());
    this.codes = new ArrayList<>();
    for (ColumnSpec c : columns) {
      codes.add(
          !c.coded()
              ? Set.of()
              : c.codeList() != null
                  ? codeLists.codes(c.codeList())
                  : Set.copyOf(c.allowedCodes()));
    }
    Set<Rule> possible = EnumSet.of(Rule.MALFORMED);
    addIf(possible, Rule.REQUIRED, requiredColumns.length > 0);
    addIf(possible, Rule.TYPE, typedColumns.length > 0);
    addIf(possible, Rule.CODE_LIST, codedColumns.length > 0);
    addIf(possible, Rule.RANGE, boundedColumns.length > 0);
    addIf(possible, Rule.PERIOD, eventDate >= 0);
    addIf(possible, Rule.OPEN_IN_PERIOD, openStart >= 0 && openEnd >= 0);
    addIf(possible, Rule.REFERENCE, referenceColumns.length > 0);
    addIf(possible, Rule.DUPLICATE_KEY, !spec.key().isEmpty());
    this.rules = Set.copyOf(possible);
  }

  /** Whether a row of this table can be made to fail {@code rule} alone. */
  boolean canBreak(Rule rule) {
    return rules.contains(rule);
  }

  /**
   * Changes {@code row} (filled in and valid) so that it fails {@code rule} and no other rule.
   * {@link Rule#DUPLICATE_KEY} is not a change of the row; {@link LandingRow} writes it twice.
   */
  void breakRow(Rule rule, LandingRow row, RandomDraws random, ReportingWindow window) {
    switch (rule) {
      case MALFORMED -> row.appendStrayField();
      case REQUIRED -> {
        boolean token = !format.nullTokens().isEmpty() && random.chance(0.5);
        row.replace(pick(requiredColumns, random), token ? format.nullTokens().get(0) : null);
      }
      case TYPE -> {
        int column = pick(typedColumns, random);
        row.replace(column, notOfType(header.column(column), row.text(column), window));
      }
      case CODE_LIST -> {
        int column = pick(codedColumns, random);
        row.replace(
            column,
            strayCode(row.text(column), codes.get(column), header.column(column).normalisation()));
      }
      case RANGE -> {
        int column = pick(boundedColumns, random);
        row.replace(column, outOfRange(header.column(column), row.text(column), random));
      }
      case PERIOD -> {
        long days = ChronoUnit.DAYS.between(window.first(), window.last()) + 1;
        row.replace(eventDate, date(row.text(eventDate)).minusDays(days).toString());
      }
      case OPEN_IN_PERIOD -> {
        LocalDate end = window.first().minusDays(1 + random.below(28));
        LocalDate start = date(row.text(openStart));
        if (start.isAfter(end)) {
          row.replace(openStart, end.minusDays(1 + random.below(60)).toString());
        }
        row.replace(openEnd, end.toString());
      }
      case REFERENCE -> {
        // Identifiers are written at a fixed width, so one digit more names no row at all.
        int column = pick(referenceColumns, random);
        row.replace(column, row.text(column) + "9");
      }
      case DUPLICATE_KEY ->
          throw new IllegalArgumentException("a duplicate is written, not made by a change");
    }
  }

  /**
   * {@code 45O} for {@code 450} (a letter O for a zero), else {@code #VALUE!}; dates impossible.
   */
  private static String notOfType(ColumnSpec column, String value, ReportingWindow window) {
    if (column.type() == ColumnType.DATE || column.sensitivity() == Sensitivity.AGE_BAND) {
      LocalDate base = value == null ? window.first() : date(value);
      return String.format(
          Locale.ROOT,
          "%04d-%02d-%02d",
          base.getYear(),
          base.getMonthValue(),
          base.lengthOfMonth() + 1);
    }
    int zero = value == null ? -1 : value.lastIndexOf('0');
    return zero < 0 ? NOT_A_NUMBER : value.substring(0, zero) + "O" + value.substring(zero + 1);
  }

  /** A code the list lacks: the value without its leading zero, in lower case, or a stray one. */
  private static String strayCode(String value, Set<String> valid, Normalisation normalisation) {
    List<String> candidates = new ArrayList<>();
    if (value != null) {
      candidates.add(value.replaceFirst("^0+(?=.)", ""));
      candidates.add(value.toLowerCase(Locale.ROOT));
    }
    candidates.addAll(STRAY_CODES);
    for (String candidate : candidates) {
      // Compared as the reader will see it: normalised (a list number dropped, say) and trimmed.
      if (!candidate.isBlank()
          && !candidate.equals(value)
          && !valid.contains(normalisation.apply(candidate).trim())) {
        return candidate;
      }
    }
    throw new IllegalStateException("no code outside " + valid + " among " + candidates);
  }

  /** Ten times the maximum (a slipped decimal point), or below the minimum by the value itself. */
  private String outOfRange(ColumnSpec column, String value, RandomDraws random) {
    BigDecimal bad;
    if (column.max() != null && (column.min() == null || random.chance(0.5))) {
      BigDecimal max = column.max();
      bad = max.signum() > 0 ? max.multiply(BigDecimal.TEN) : max.add(BigDecimal.ONE);
    } else {
      BigDecimal current = value == null ? BigDecimal.ONE : number(value).abs();
      bad = column.min().subtract(current.max(BigDecimal.ONE));
    }
    return column.type() == ColumnType.INTEGER
        ? bad.setScale(0, RoundingMode.FLOOR).toPlainString()
        : bad.setScale(2, RoundingMode.FLOOR).toPlainString();
  }

  private BigDecimal number(String value) {
    String separator = format.thousandsSeparator();
    return new BigDecimal(separator == null ? value : value.replace(separator, ""));
  }

  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalStateException("expected an ISO date to move, not " + value, e);
    }
  }

  private static int pick(int[] positions, RandomDraws random) {
    return positions[random.below(positions.length)];
  }

  private static int[] positions(List<ColumnSpec> columns, Predicate<ColumnSpec> test) {
    return IntStream.range(0, columns.size()).filter(i -> test.test(columns.get(i))).toArray();
  }

  private static Set<String> lowerCase(List<String> names) {
    Set<String> lower = new HashSet<>();
    names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
    return lower;
  }

  private static void addIf(Set<Rule> rules, Rule rule, boolean condition) {
    if (condition) {
      rules.add(rule);
    }
  }
}
