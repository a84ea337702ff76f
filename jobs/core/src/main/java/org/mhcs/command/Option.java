package org.mhcs.command;

/**
 * A command-line option of one subcommand, declared once: its name, value, default and help. {@link
 * CommandSpecs} turns the declarations into picocli's, which parses them and prints help.
 *
 * @param name without the leading dashes
 * @param valueName shown in help (e.g. DIR); null for a flag that takes no value
 * @param defaultValue null when the option is required or has no default
 * @param repeatable whether the option may be given several times, each value kept ({@link
 *     Arguments#all}); a single-valued option given twice keeps its last value
 */
public record Option(
    String name,
    String valueName,
    boolean required,
    String defaultValue,
    String help,
    boolean repeatable) {
  /** The variable a query command reads its warehouse folder from when --warehouse is absent. */
  public static final String WAREHOUSE_VARIABLE = "MHCS_WAREHOUSE";

  /** The warehouse a query command reads when neither --warehouse nor the variable names one. */
  public static final String DEFAULT_WAREHOUSE = "warehouse";

  public static Option required(String name, String valueName, String help) {
    return new Option(name, valueName, true, null, help, false);
  }

  public static Option optional(String name, String valueName, String defaultValue, String help) {
    return new Option(name, valueName, false, defaultValue, help, false);
  }

  public static Option flag(String name, String help) {
    return new Option(name, null, false, null, help, false);
  }

  /** An option given once per value, e.g. {@code --param a=1 --param b=2}. */
  public static Option repeatable(String name, String valueName, String help) {
    return new Option(name, valueName, false, null, help, true);
  }

  /**
   * {@code --warehouse DIR} of a command that reads a warehouse: resolved by {@link
   * Arguments#queryWarehouse} from the option, then {@value #WAREHOUSE_VARIABLE}, then {@code
   * ./warehouse} (where {@code ./mhcs demo} writes).
   */
  public static Option queryWarehouse() {
    return optional(
        "warehouse",
        "DIR",
        null,
        "warehouse folder (default: $"
            + WAREHOUSE_VARIABLE
            + ", else ./"
            + DEFAULT_WAREHOUSE
            + ")");
  }

  public boolean isFlag() {
    return valueName == null;
  }
}
