package io.perfwatch.rules.yaml;

import java.util.Locale;

/**
 * What a rule looks for, one per bottleneck class of the spec's "Bottleneck Detection", plus {@code target_down}:
 * over a fleet, a watched service or instance that cannot be scraped.
 */
public enum Detector {
  LATENCY, ERROR_RATE, SLOW_QUERY, N_PLUS_ONE, RESOURCE, DEGRADATION, TARGET_DOWN;

  /** The spelling in the rule file: lower snake case, e.g. {@code latency}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
