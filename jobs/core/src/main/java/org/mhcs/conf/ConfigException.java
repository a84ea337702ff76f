package org.mhcs.conf;

import java.util.List;

/** Configuration or schema files that cannot be used; lists every problem found at once. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        "the configuration has "
            + problems.size()
            + " problem(s); fix them and run again:\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
