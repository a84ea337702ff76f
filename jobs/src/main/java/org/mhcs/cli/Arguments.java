package org.mhcs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subcommand's parsed arguments: {@code --name value} or {@code --name=value} for declared
 * options, repeatable {@code --set key=value}, and positional words. Anything undeclared is a usage
 * error naming the command's help. An option given twice keeps its last value for {@link #get};
 * {@link #all} returns every value, for options a command lets you repeat.
 */
public final class Arguments {
  private final String command;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, List<String>> repeated = new LinkedHashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();
  private boolean help;

  private Arguments(String command) {
    this.command = command;
  }

  public static Arguments parse(String command, List<Option> options, String[] args) {
    Arguments parsed = new Arguments(command);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        parsed.help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        parsed.positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("set")) {
        if (value == null) {
          value = next(command, "set", args, ++i);
        }
        int kv = value.indexOf('=');
        if (kv <= 0) {
          throw new UsageException("--set takes key=value, not '" + value + "'");
        }
        parsed.settings.put(value.substring(0, kv), value.substring(kv + 1));
        continue;
      }
      Option option = find(command, options, name);
      if (option.isFlag()) {
        if (value != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        parsed.values.put(name, "true");
      } else {
        String given = value != null ? value : next(command, name, args, ++i);
        parsed.values.put(name, given);
        parsed.repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(given);
      }
    }
    if (!parsed.help) {
      for (Option o : options) {
        if (o.required() && !parsed.values.containsKey(o.name())) {
          throw new UsageException(
              "missing --"
                  + o.name()
                  + " "
                  + o.valueName()
                  + " ("
                  + o.help()
                  + "); see ./mhcs "
                  + command
                  + " --help");
        }
        if (o.defaultValue() != null) {
          parsed.values.putIfAbsent(o.name(), o.defaultValue());
        }
      }
    }
    return parsed;
  }

  private static Option find(String command, List<Option> options, String name) {
    return options.stream()
        .filter(o -> o.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "unknown option --"
                        + name
                        + " for '"
                        + command
                        + "'; see ./mhcs "
                        + command
                        + " --help"));
  }

  private static String next(String command, String name, String[] args, int i) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException("--" + name + " needs a value; see ./mhcs " + command + " --help");
    }
    return args[i];
  }

  public boolean help() {
    return help;
  }

  public String get(String name) {
    return values.get(name);
  }

  /** Every value given for a repeatable option, in order; empty when it was not given. */
  public List<String> all(String name) {
    return List.copyOf(repeated.getOrDefault(name, List.of()));
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  public Map<String, String> settings() {
    return settings;
  }

  public List<String> positional() {
    return positional;
  }

  /** A folder that must already exist. */
  public Path existingFolder(String name) {
    Path path = Path.of(get(name)).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new UsageException("--" + name + " " + get(name) + ": no such folder");
    }
    return path;
  }

  /** A folder that may not exist yet; refuses a path that is an existing file. */
  public Path folder(String name) {
    Path path = Path.of(get(name)).toAbsolutePath().normalize();
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new UsageException("--" + name + " " + get(name) + " is a file, not a folder");
    }
    return path;
  }

  public double number(String name) {
    try {
      return Double.parseDouble(get(name));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, not '" + get(name) + "'");
    }
  }

  public long whole(String name) {
    try {
      return Long.parseLong(get(name));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not '" + get(name) + "'");
    }
  }
}
