package io.perfwatch.rules.yaml;

import java.util.Locale;

/** The history a {@code degradation} rule compares the current window with. */
public enum Baseline {
  PREVIOUS_HOUR, SAME_HOUR_YESTERDAY;

  /** The spelling in the rule file: lower snake case, e.g. {@code previous_hour}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
