package org.mhcs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhcs.conf.BundledResources;
import org.mhcs.conf.ConfigException;

/**
 * Every warehouse table with its description and columns, for BI users and {@code ./mhcs tables}:
 * bronze and silver tables of landing data from their landing schemas, and the tables the pipeline
 * derives from {@code schemas/warehouse/<layer>/<table>.yaml}. A test keeps the declarations equal
 * to what the pipeline writes.
 */
public final class TableCatalog {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The {@code suppress:} value of a figure computed from suppressed counts. */
  private static final String DERIVED = "derived";

  /** What the lineage columns mean, declared once for every bronze and silver table. */
  private static final Map<String, String> LINEAGE =
      Map.of(
          Lineage.SOURCE_FILE, "Landing file the row came from, relative to the landing folder",
          Lineage.LINE, "Line of the file the record ends on (line 1 is the file's first line)",
          Lineage.RUN_ID, "Run that loaded the row (ops.run_log.run_id)",
          Lineage.INGESTED_AT, "When the row was loaded into bronze",
          Lineage.PERIOD, "Period: month YYYY-MM, financial year YYYY-YY, or none",
          Lineage.FINGERPRINT, "Fingerprint of the landed file (ops.loaded_files)",
          Lineage.EXTRA, "Columns the file had that the schema does not declare, by heading",
          Lineage.MALFORMED, "Why the record's shape was wrong (field count), else null");

  /**
   * One column: its name, SQL type and meaning.
   *
   * @param suppressed whether it counts people or events, so that published outputs (reports,
   *     exports) apply small-number suppression to it ({@code suppress: true} in the YAML)
   * @param derived whether it is computed from such counts (a rate, a total, a funnel limit), so
   *     that published outputs mask it wherever one of its counts is masked ({@code suppress:
   *     derived}): else the rate times the rounded denominator, or a total less the other rows,
   *     would give the count back
   */
  public record ColumnDoc(
      String name, String type, String description, boolean suppressed, boolean derived) {
    public ColumnDoc(String name, String type, String description) {
      this(name, type, description, false, false);
    }
  }

  /** One table: where it is, what it holds, its columns. */
  public record TableDoc(Table table, String description, List<ColumnDoc> columns) {}

  private final List<TableDoc> tables;

  private TableCatalog(List<TableDoc> tables) {
    this.tables = tables;
  }

  /** The bundled landing schemas and warehouse declarations. */
  public static TableCatalog bundled(SchemaCatalog landing) {
    List<TableDoc> docs = new ArrayList<>();
    for (LandingTableSpec spec : landing.tables()) {
      docs.add(bronze(spec));
      docs.add(silver(spec));
    }
    List<String> errors = new ArrayList<>();
    for (String file : BundledResources.list("schemas/warehouse")) {
      if (file.endsWith(".yaml")) {
        try (InputStream in = BundledResources.open(file)) {
          derived(file, YAML.readTree(in), errors).ifPresent(docs::add);
        } catch (IOException e) {
          errors.add(file + ": not valid YAML: " + e.getMessage());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    docs.sort(
        (a, b) ->
            a.table().layer() != b.table().layer()
                ? a.table().layer().compareTo(b.table().layer())
                : a.table().name().compareTo(b.table().name()));
    return new TableCatalog(docs);
  }

  public List<TableDoc> tables() {
    return tables;
  }

  public Optional<TableDoc> table(String qualifiedName) {
    return tables.stream()
        .filter(t -> t.table().qualifiedName().equalsIgnoreCase(qualifiedName))
        .findFirst();
  }

  private static TableDoc bronze(LandingTableSpec spec) {
    List<ColumnDoc> columns = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      columns.add(new ColumnDoc(c.name(), "string", describe(c) + " (as landed)"));
    }
    columns.add(new ColumnDoc(Lineage.EXTRA, "map<string,string>", LINEAGE.get(Lineage.EXTRA)));
    columns.add(new ColumnDoc(Lineage.MALFORMED, "string", LINEAGE.get(Lineage.MALFORMED)));
    lineage(columns);
    return new TableDoc(
        Table.bronze(spec.warehouseName()),
        spec.description() + ", as landed (" + spec.id() + ")",
        columns);
  }

  private static TableDoc silver(LandingTableSpec spec) {
    List<ColumnDoc> columns = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      columns.add(new ColumnDoc(c.name(), c.type().sqlType(), describe(c)));
    }
    lineage(columns);
    if (spec.judgedByField()) {
      columns.add(
          new ColumnDoc(
              Lineage.NULLED_FIELDS,
              "string",
              "Fields nulled because they broke their rule, comma-separated (null when none;"
                  + " ops.quarantined_fields says why)"));
    }
    return new TableDoc(
        Table.silver(spec.warehouseName()),
        spec.description() + ", typed and validated (" + spec.id() + ")",
        columns);
  }

  private static String describe(ColumnSpec c) {
    String text = c.description();
    if (c.sensitivity() == Sensitivity.PSEUDONYMISE) {
      text += " [pseudonymised: keyed hash]";
    } else if (c.sensitivity() == Sensitivity.AGE_BAND) {
      text += " [five-year age band]";
    }
    return text;
  }

  private static void lineage(List<ColumnDoc> columns) {
    for (String column : Lineage.ALL) {
      String type =
          switch (column) {
            case Lineage.LINE -> "bigint";
            case Lineage.INGESTED_AT -> "timestamp";
            default -> "string";
          };
      columns.add(new ColumnDoc(column, type, LINEAGE.get(column)));
    }
  }

  private static Optional<TableDoc> derived(String file, JsonNode root, List<String> errors) {
    String[] name = root.path("table").asText("").split("\\.");
    if (name.length != 2) {
      errors.add(file + ": 'table' must be <layer>.<name>, e.g. gold.benchmark");
      return Optional.empty();
    }
    Layer layer;
    try {
      layer = Layer.valueOf(name[0].toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(file + ": unknown layer " + name[0]);
      return Optional.empty();
    }
    List<ColumnDoc> columns = new ArrayList<>();
    for (JsonNode c : root.path("columns")) {
      columns.add(
          new ColumnDoc(
              c.path("name").asText(),
              c.path("type").asText(),
              c.path("description").asText(),
              c.path("suppress").asText("").equals("true"),
              c.path("suppress").asText("").equals(DERIVED)));
      if (!List.of("", "true", DERIVED).contains(c.path("suppress").asText(""))) {
        errors.add(
            file
                + ": column "
                + c.path("name").asText()
                + ": suppress must be true (a count) or derived (a figure computed from counts)");
      }
      if (c.path("description").asText().isBlank()) {
        errors.add(file + ": column " + c.path("name").asText() + " needs a description");
      }
    }
    return Optional.of(
        new TableDoc(new Table(layer, name[1]), root.path("description").asText(""), columns));
  }

  /**
   * The columns of {@code table} that published outputs mask wherever a count they are computed
   * from is masked ({@code suppress: derived}); empty when undeclared.
   */
  public java.util.Set<String> derivedColumns(String table) {
    return columns(table, ColumnDoc::derived);
  }

  /** The columns of {@code table} that published outputs suppress; empty when undeclared. */
  public java.util.Set<String> suppressedColumns(String table) {
    return columns(table, ColumnDoc::suppressed);
  }

  private java.util.Set<String> columns(String table, java.util.function.Predicate<ColumnDoc> is) {
    return table(table).stream()
        .flatMap(t -> t.columns().stream())
        .filter(is)
        .map(ColumnDoc::name)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The catalogue as text: each table, then its columns with type and meaning. */
  public String render(List<TableDoc> selected) {
    StringBuilder out = new StringBuilder();
    for (TableDoc t : selected) {
      out.append(t.table().qualifiedName()).append("  ").append(t.description()).append('\n');
      for (ColumnDoc c : t.columns()) {
        out.append(String.format("    %-32s %-20s %s%n", c.name(), c.type(), c.description()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Every table's columns by qualified name, in declared order. */
  public Map<String, List<ColumnDoc>> columnsByTable() {
    Map<String, List<ColumnDoc>> all = new LinkedHashMap<>();
    tables.forEach(t -> all.put(t.table().qualifiedName(), t.columns()));
    return all;
  }
}
