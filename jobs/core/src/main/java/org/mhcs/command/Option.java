package org.mhcs.command;

/**
 * A command-line option of one subcommand.
 *
 * @param name without the leading dashes
 * @param valueName shown in help (e.g. DIR); null for a flag that takes no value
 * @param defaultValue null when the option is required or has no default
 */
public record Option(
    String name, String valueName, boolean required, String defaultValue, String help) {
  public static Option required(String name, String valueName, String help) {
    return new Option(name, valueName, true, null, help);
  }

  public static Option optional(String name, String valueName, String defaultValue, String help) {
    return new Option(name, valueName, false, defaultValue, help);
  }

  public static Option flag(String name, String help) {
    return new Option(name, null, false, null, help);
  }

  public boolean isFlag() {
    return valueName == null;
  }
}
