package io.perfwatch.service;

import java.util.List;

/** Invalid service settings, all of them at once; each line names the variable, the value and what is allowed. */
public final class ServiceConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ServiceConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return "Invalid perfwatch setting: " + problems.get(0);
    }
    return problems.size() + " invalid perfwatch settings:\n  " + String.join("\n  ", problems);
  }
}
