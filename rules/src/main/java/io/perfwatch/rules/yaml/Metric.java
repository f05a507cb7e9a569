package io.perfwatch.rules.yaml;

import java.util.Locale;

/** The latency statistic a {@code latency}, {@code slow_query} or {@code degradation} rule compares. */
public enum Metric {
  AVG, P50, P95, P99, MAX;

  /** The spelling in the rule file: lower snake case, e.g. {@code avg}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
