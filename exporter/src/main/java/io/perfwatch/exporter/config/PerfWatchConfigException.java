package io.perfwatch.exporter.config;

import java.util.List;

/** Invalid settings (the exporter's and the service's), all of them at once: each line names the variable (or builder field), the value and what is allowed. */
public final class PerfWatchConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public PerfWatchConfigException(List<String> problems) {
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
