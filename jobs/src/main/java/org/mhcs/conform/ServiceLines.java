package org.mhcs.conform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mhcs.conf.ConfTable;
import org.mhcs.conf.ConfigException;
import org.mhcs.warehouse.Columns;

/**
 * The national service lines ({@code conf/service_lines.csv}) and the mapping of each source's
 * local codes to them ({@code conf/service_line_map.csv}), checked against each other on load.
 */
public final class ServiceLines {
  private final Map<String, String> names;
  private final List<Map<String, String>> mappings;

  private ServiceLines(Map<String, String> names, List<Map<String, String>> mappings) {
    this.names = names;
    this.mappings = mappings;
  }

  public static ServiceLines bundled() {
    Map<String, String> names = new LinkedHashMap<>();
    for (Map<String, String> row :
        ConfTable.read("service_lines.csv", "service_line", "name").rows()) {
      names.put(row.get("service_line"), row.get("name"));
    }
    ConfTable map = ConfTable.read("service_line_map.csv", "code_system", "code", "service_line");
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < map.rows().size(); i++) {
      Map<String, String> row = map.rows().get(i);
      int line = i + 2;
      if (!names.containsKey(row.get("service_line"))) {
        problems.add(
            map.file()
                + " line "
                + line
                + ": service line '"
                + row.get("service_line")
                + "' is not in conf/service_lines.csv");
      }
      String key = row.get("code_system") + "|" + row.get("code");
      Integer first = seen.putIfAbsent(key, line);
      if (first != null) {
        problems.add(
            map.file() + " line " + line + ": code " + key + " is already mapped on line " + first);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ServiceLines(names, map.rows());
  }

  /** Service-line id → name, in catalogue order. */
  public Map<String, String> names() {
    return names;
  }

  /** The mapping as a small table: code_system, team_type, service_line. */
  public Dataset<Row> mapping(SparkSession spark) {
    StructType schema =
        new StructType()
            .add(Columns.CODE_SYSTEM, DataTypes.StringType)
            .add(Columns.TEAM_TYPE, DataTypes.StringType)
            .add(Columns.SERVICE_LINE, DataTypes.StringType);
    List<Row> rows =
        mappings.stream()
            .map(r -> RowFactory.create(r.get("code_system"), r.get("code"), r.get("service_line")))
            .toList();
    return spark.createDataFrame(rows, schema);
  }
}
