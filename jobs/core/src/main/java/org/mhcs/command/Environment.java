package org.mhcs.command;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command line runs in besides its arguments: the environment variables and the working
 * directory, which relative paths and the default warehouse ({@code ./warehouse}) resolve against.
 * Passed in so tests can run a command line in any of them.
 */
public record Environment(Map<String, String> variables, Path workingDirectory) {
  public Environment {
    variables = Map.copyOf(variables);
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** This process's environment and working directory. */
  public static Environment current() {
    return new Environment(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** The variable's value, or null when it is unset or blank. */
  public String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
