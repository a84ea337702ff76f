package org.mhcs.notebook;

import java.util.List;

/**
 * A notebook that cannot be run as written (not Databricks source format, an unsupported magic, a
 * parameter no widget declares, a bad chart line). Lists every problem found, each with its file
 * and line, so one edit fixes them all.
 */
public final class NotebookException extends RuntimeException {
  private final List<String> problems;

  public NotebookException(List<String> problems) {
    super(
        problems.size() == 1
            ? problems.get(0)
            : problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public NotebookException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
