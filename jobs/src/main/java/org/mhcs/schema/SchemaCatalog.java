package org.mhcs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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
      Set.of("source", "table", "period", "description", "event_date", "key", "columns");
  private static final Set<String> COLUMN_KEYS =
      Set.of("name", "type", "required", "sensitive", "codes", "min", "max", "description");

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
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new SchemaCatalog(specs);
  }

  public List<LandingTableSpec> tables() {
    return List.copyOf(tables.values());
  }

  /** The table declared as {@code source/table}; fails naming the known tables if absent. */
  public LandingTableSpec table(String source, String table) {
    LandingTableSpec spec = tables.get(source + "/" + table);
    if (spec == null) {
      throw new IllegalArgumentException(
          "no schema declares " + source + "/" + table + "; declared: " + tables.keySet());
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
    String eventDate = text(root, "event_date", file, errors, false);
    List<String> key = new ArrayList<>();
    root.path("key").forEach(k -> key.add(k.asText()));
    List<ColumnSpec> columns = new ArrayList<>();
    JsonNode columnNodes = root.path("columns");
    if (!columnNodes.isArray() || columnNodes.isEmpty()) {
      errors.add(file + ": 'columns' must list at least one column");
    }
    for (JsonNode c : columnNodes) {
      String where = file + ": column " + c.path("name").asText("?");
      unknownKeys(file, " column " + c.path("name").asText("?"), c, COLUMN_KEYS, errors);
      String name = text(c, "name", where, errors, true);
      ColumnType type =
          enumValue(ColumnType.class, c.path("type").asText("string"), where, "type", errors);
      Sensitivity sensitivity =
          enumValue(
              Sensitivity.class, c.path("sensitive").asText("none"), where, "sensitive", errors);
      columns.add(
          new ColumnSpec(
              name,
              type,
              c.path("required").asBoolean(false),
              sensitivity,
              c.hasNonNull("codes") ? c.get("codes").asText() : null,
              decimal(c, "min", where, errors),
              decimal(c, "max", where, errors),
              c.path("description").asText("")));
    }
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    for (String k : key) {
      if (names.stream().noneMatch(k::equalsIgnoreCase)) {
        errors.add(file + ": key column " + k + " is not one of the declared columns");
      }
    }
    if (eventDate != null && names.stream().noneMatch(eventDate::equalsIgnoreCase)) {
      errors.add(file + ": event_date " + eventDate + " is not one of the declared columns");
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new LandingTableSpec(
            source, table, period, root.path("description").asText(""), eventDate, key, columns));
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
