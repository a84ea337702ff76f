package org.mhcs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mhcs.conf.BundledResources;
import org.mhcs.conf.ConfigException;

/**
 * Every landing table declared under {@code schemas/landing/}. Adding a table or a column is an
 * edit of those files, not of code.
 *
 * <p>Loading checks every file and reports all problems at once, each naming its file.
 */
public final class SchemaCatalog {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TABLE_KEYS =
      Set.of(
          "source",
          "table",
          "period",
          "description",
          "event_date",
          "open_in_period",
          "submitter",
          "key",
          "references",
          "format",
          "columns",
          "judge",
          "row_guards");
  private static final Set<String> COLUMN_KEYS =
      Set.of(
          "name",
          "header",
          "aliases",
          "type",
          "required",
          "sensitive",
          "codes",
          "min",
          "max",
          "check",
          "normalise",
          "description",
          "position",
          "from_file_name");
  private static final Set<String> FORMAT_KEYS =
      Set.of("delimiter", "encoding", "header_row", "quote", "null_tokens", "thousands_separator");
  private static final Set<String> REFERENCE_KEYS = Set.of("columns", "table", "to");

  /** Names Delta accepts as columns without column mapping; headings may say anything. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, LandingTableSpec> tables;

  private SchemaCatalog(Map<String, LandingTableSpec> tables) {
    this.tables = tables;
  }

  /** The schemas bundled in the build (the repository's {@code schemas/landing/}). */
  public static SchemaCatalog bundled() {
    List<String> errors = new ArrayList<>();
    Map<String, LandingTableSpec> specs = new LinkedHashMap<>();
    for (String file : BundledResources.list("schemas/landing")) {
      if (file.endsWith(".yaml")) {
        try (InputStream in = BundledResources.open(file)) {
          parse(file, YAML.readTree(in), errors).ifPresent(s -> specs.put(s.id(), s));
        } catch (IOException e) {
          errors.add(file + ": not valid YAML: " + e.getMessage());
        }
      }
    }
    return build(specs, errors);
  }

  /** The schemas in a folder laid out as {@code <dir>/<source>/<table>.yaml}. */
  public static SchemaCatalog load(Path dir) {
    List<String> errors = new ArrayList<>();
    Map<String, LandingTableSpec> specs = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          parse(file.toString(), YAML.readTree(in), errors).ifPresent(s -> specs.put(s.id(), s));
        } catch (IOException e) {
          errors.add(file + ": not valid YAML: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new ConfigException(List.of(dir + ": cannot read the schema folder: " + e));
    }
    return build(specs, errors);
  }

  private static SchemaCatalog build(Map<String, LandingTableSpec> specs, List<String> errors) {
    for (LandingTableSpec spec : specs.values()) {
      for (Reference ref : spec.references()) {
        LandingTableSpec target = specs.get(ref.table());
        if (target == null) {
          errors.add(spec.id() + ": references " + ref.table() + ", which no schema declares");
        } else {
          for (String column : ref.toColumns()) {
            if (target.column(column).isEmpty()) {
              errors.add(
                  spec.id() + ": references column " + column + " that " + ref.table() + " lacks");
            }
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new SchemaCatalog(referencedFirst(specs));
  }

  /**
   * The tables in declaration order, except that a table comes after the tables it references, so
   * validating in this order finds each reference's accepted rows already checked.
   */
  private static Map<String, LandingTableSpec> referencedFirst(
      Map<String, LandingTableSpec> specs) {
    Map<String, LandingTableSpec> ordered = new LinkedHashMap<>();
    for (LandingTableSpec spec : specs.values()) {
      visit(spec, specs, ordered, new java.util.ArrayList<>());
    }
    return ordered;
  }

  private static void visit(
      LandingTableSpec spec,
      Map<String, LandingTableSpec> specs,
      Map<String, LandingTableSpec> ordered,
      List<String> path) {
    if (ordered.containsKey(spec.id())) {
      return;
    }
    if (path.contains(spec.id())) {
      throw new ConfigException(
          List.of(spec.declaredIn() + ": references form a cycle: " + path + " -> " + spec.id()));
    }
    path.add(spec.id());
    for (Reference ref : spec.references()) {
      visit(specs.get(ref.table()), specs, ordered, path);
    }
    path.remove(path.size() - 1);
    ordered.put(spec.id(), spec);
  }

  /**
   * Problems with code lists the schemas name but {@code conf/code_lists/} lacks, one per column,
   * so a run can refuse to start rather than fail half-way.
   */
  public List<String> missingCodeLists(java.util.function.Predicate<String> known) {
    List<String> problems = new ArrayList<>();
    for (LandingTableSpec spec : tables.values()) {
      for (ColumnSpec c : spec.columns()) {
        if (c.codeList() != null && !known.test(c.codeList())) {
          problems.add(
              spec.declaredIn()
                  + ": column "
                  + c.name()
                  + " names code list '"
                  + c.codeList()
                  + "', but conf/code_lists/"
                  + c.codeList()
                  + ".csv does not exist");
        }
      }
    }
    return problems;
  }

  public List<LandingTableSpec> tables() {
    return List.copyOf(tables.values());
  }

  /** The table declared as {@code source/table}; fails naming the known tables if absent. */
  public LandingTableSpec table(String source, String table) {
    return table(source + "/" + table);
  }

  /** The table declared as {@code id} ({@code source/table}); fails naming the known tables. */
  public LandingTableSpec table(String id) {
    LandingTableSpec spec = tables.get(id);
    if (spec == null) {
      throw new IllegalArgumentException(
          "no schema declares " + id + "; declared: " + tables.keySet());
    }
    return spec;
  }

  private static Optional<LandingTableSpec> parse(String file, JsonNode root, List<String> errors) {
    int before = errors.size();
    if (root == null || !root.isObject()) {
      errors.add(file + ": expected a mapping with source, table, period and columns");
      return Optional.empty();
    }
    unknownKeys(file, "", root, TABLE_KEYS, errors);
    String source = text(root, "source", file, errors, true);
    String table = text(root, "table", file, errors, true);
    PeriodType period =
        enumValue(
            PeriodType.class, text(root, "period", file, errors, true), file, "period", errors);
    List<ColumnSpec> columns = new ArrayList<>();
    JsonNode columnNodes = root.path("columns");
    if (!columnNodes.isArray() || columnNodes.isEmpty()) {
      errors.add(file + ": 'columns' must list at least one column");
    }
    for (JsonNode c : columnNodes) {
      column(file, c, errors).ifPresent(columns::add);
    }
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    String eventDate = columnRef(root, "event_date", file, names, errors);
    String submitter = columnRef(root, "submitter", file, names, errors);
    OpenInPeriod open = null;
    if (root.has("open_in_period")) {
      JsonNode o = root.get("open_in_period");
      open =
          new OpenInPeriod(
              columnRef(o, "start", file + ": open_in_period", names, errors),
              columnRef(o, "end", file + ": open_in_period", names, errors));
    }
    List<String> key = strings(root.path("key"));
    for (String k : key) {
      requireColumn(file + ": key", k, names, errors);
    }
    List<Reference> references = new ArrayList<>();
    for (JsonNode r : root.path("references")) {
      unknownKeys(file, " reference", r, REFERENCE_KEYS, errors);
      List<String> from = strings(r.path("columns"));
      List<String> to = r.has("to") ? strings(r.path("to")) : from;
      from.forEach(col -> requireColumn(file + ": reference", col, names, errors));
      if (from.isEmpty() || from.size() != to.size()) {
        errors.add(file + ": a reference needs 'columns' and, if given, as many 'to' columns");
      }
      references.add(new Reference(from, text(r, "table", file + ": reference", errors, true), to));
    }
    FileFormat format = format(file, root.path("format"), errors);
    String judge = root.path("judge").asText("row");
    if (!judge.equals("row") && !judge.equals("field")) {
      errors.add(
          file
              + ": judge is 'row' (a broken field quarantines its row, the default) or 'field' (it"
              + " is nulled and quarantined alone), not '"
              + judge
              + "'");
    }
    List<String> rowGuards = strings(root.path("row_guards"));
    rowGuards.forEach(g -> requireColumn(file + ": row_guards", g, names, errors));
    if (!rowGuards.isEmpty() && !judge.equals("field")) {
      errors.add(file + ": row_guards only mean something with judge: field");
    }
    if (format != null) {
      layout(file, format, columns, errors);
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new LandingTableSpec(
            source,
            table,
            period,
            root.path("description").asText(""),
            eventDate,
            open,
            submitter,
            key,
            references,
            format,
            columns,
            judge.equals("field"),
            rowGuards));
  }

  private static Optional<ColumnSpec> column(String file, JsonNode c, List<String> errors) {
    int before = errors.size();
    String where = file + ": column " + c.path("name").asText("?");
    unknownKeys(file, " column " + c.path("name").asText("?"), c, COLUMN_KEYS, errors);
    String name = text(c, "name", where, errors, true);
    if (name != null && !PLAIN_NAME.matcher(name).matches()) {
      errors.add(
          where
              + ": a column name may hold only letters, digits and _ (Delta's rule); put the"
              + " file's heading in 'header' and give the column a plain name");
    }
    ColumnType type =
        enumValue(ColumnType.class, c.path("type").asText("string"), where, "type", errors);
    Sensitivity sensitivity =
        enumValue(
            Sensitivity.class, c.path("sensitive").asText("none"), where, "sensitive", errors);
    if (sensitivity == Sensitivity.AGE_BAND && type != ColumnType.STRING) {
      errors.add(where + ": an age_band column holds bands such as 35-39, so its type is string");
    }
    FieldCheck check =
        enumValue(FieldCheck.class, c.path("check").asText("none"), where, "check", errors);
    Normalisation normalisation =
        enumValue(
            Normalisation.class, c.path("normalise").asText("none"), where, "normalise", errors);
    boolean ofCodes =
        normalisation == Normalisation.UPPER || normalisation == Normalisation.UNNUMBERED;
    if (ofCodes && type != ColumnType.STRING) {
      errors.add(
          where
              + ": normalise: "
              + normalisation.name().toLowerCase(Locale.ROOT)
              + " applies to codes, so the column's type is string");
    }
    if (normalisation == Normalisation.BASIC_DATE && type != ColumnType.DATE) {
      errors.add(where + ": normalise: basic_date rewrites YYYYMMDD dates, so the type is date");
    }
    int position = c.path("position").asInt(0);
    if (c.has("position") && (!c.get("position").canConvertToInt() || position < 1)) {
      errors.add(where + ": position counts fields from 1, not '" + c.get("position") + "'");
    }
    String fromFileName = c.hasNonNull("from_file_name") ? c.get("from_file_name").asText() : null;
    if (fromFileName != null) {
      int at = fromFileName.indexOf(ColumnSpec.FILE_NAME_MONTH);
      if (at < 0 || fromFileName.indexOf(ColumnSpec.FILE_NAME_MONTH, at + 1) >= 0) {
        errors.add(
            where
                + ": from_file_name '"
                + fromFileName
                + "' must hold "
                + ColumnSpec.FILE_NAME_MONTH
                + " once, where the file's name carries its month (e.g. etr-YYYY-MM)");
      }
      if (type != ColumnType.DATE) {
        errors.add(where + ": from_file_name gives the first day of a month, so the type is date");
      }
      if (position > 0) {
        errors.add(where + ": a column from the file's name has no position in the file");
      }
    }
    JsonNode codes = c.get("codes");
    String codeList = codes != null && codes.isTextual() ? codes.asText() : null;
    List<String> allowed = codes != null && codes.isArray() ? strings(codes) : List.of();
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new ColumnSpec(
            name,
            c.path("header").asText(name),
            strings(c.path("aliases")),
            type,
            c.path("required").asBoolean(false),
            sensitivity,
            codeList,
            allowed,
            decimal(c, "min", where, errors),
            decimal(c, "max", where, errors),
            check,
            normalisation,
            c.path("description").asText(""),
            position,
            fromFileName));
  }

  /**
   * Checks that columns are bound one way: by heading when the file has a header row, else each by
   * a distinct {@code position:} (columns taken from the file's name aside).
   */
  private static void layout(
      String file, FileFormat format, List<ColumnSpec> columns, List<String> errors) {
    Map<Integer, String> taken = new LinkedHashMap<>();
    for (ColumnSpec c : columns) {
      if (c.fromFileNameOnly()) {
        continue;
      }
      String where = file + ": column " + c.name();
      if (!format.headerless() && c.position() > 0) {
        errors.add(
            where
                + ": position binds a field only in a file without a header row; declare"
                + " format: {header_row: 0} or remove position");
      } else if (format.headerless() && c.position() == 0) {
        errors.add(
            where + ": the file has no header row (header_row: 0), so the column needs position");
      } else if (format.headerless() && taken.containsKey(c.position())) {
        errors.add(where + ": position " + c.position() + " is already " + taken.get(c.position()));
      } else {
        taken.put(c.position(), c.name());
      }
    }
  }

  private static FileFormat format(String file, JsonNode node, List<String> errors) {
    if (node.isMissingNode()) {
      return FileFormat.DEFAULT;
    }
    String where = file + ": format";
    unknownKeys(file, " format", node, FORMAT_KEYS, errors);
    FileFormat d = FileFormat.DEFAULT;
    String delimiter = node.path("delimiter").asText(String.valueOf(d.delimiter()));
    String quote = node.path("quote").asText(String.valueOf(d.quote()));
    String encoding = node.path("encoding").asText(d.encoding());
    int headerRow = node.path("header_row").asInt(d.headerRow());
    String thousands =
        node.hasNonNull("thousands_separator") ? node.get("thousands_separator").asText() : null;
    if (delimiter.length() != 1 || quote.length() != 1) {
      errors.add(where + ": delimiter and quote must each be one character");
    }
    if (thousands != null && thousands.length() != 1) {
      errors.add(where + ": thousands_separator must be one character");
    }
    if (!Charset.isSupported(encoding)) {
      errors.add(
          where + ": encoding '" + encoding + "' is not known; use e.g. UTF-8 or windows-1252");
    }
    if (headerRow < 0) {
      errors.add(where + ": header_row counts from 1 (0 for a file without a header row)");
    }
    return new FileFormat(
        delimiter.charAt(0),
        encoding,
        headerRow,
        quote.charAt(0),
        strings(node.path("null_tokens")),
        thousands);
  }

  private static String columnRef(
      JsonNode node, String field, String where, List<String> names, List<String> errors) {
    if (!node.hasNonNull(field)) {
      return null;
    }
    String column = node.get(field).asText();
    requireColumn(where + ": " + field, column, names, errors);
    return column;
  }

  private static void requireColumn(
      String where, String column, List<String> names, List<String> errors) {
    if (names.stream().noneMatch(column::equalsIgnoreCase)) {
      errors.add(where + " column " + column + " is not one of the declared columns");
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static void unknownKeys(
      String file, String where, JsonNode node, Set<String> allowed, List<String> errors) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        errors.add(file + where + ": unknown setting '" + field + "'; allowed: " + allowed);
      }
    }
  }

  private static String text(
      JsonNode node, String field, String where, List<String> errors, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      if (required) {
        errors.add(where + ": '" + field + "' is required");
      }
      return null;
    }
    return value.asText();
  }

  private static BigDecimal decimal(
      JsonNode node, String field, String where, List<String> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return new BigDecimal(value.asText());
    } catch (NumberFormatException e) {
      errors.add(where + ": '" + field + "' must be a number, not '" + value.asText() + "'");
      return null;
    }
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String value, String where, String field, List<String> errors) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed =
          Stream.of(type.getEnumConstants()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
      errors.add(where + ": " + field + " '" + value + "' is not one of " + allowed);
      return null;
    }
  }
}
