package io.perfwatch.rules.yaml;

import java.util.Locale;

/** The measurement of a {@code resource} rule: percent for cpu/memory/disk, in-flight requests for concurrency, MB per minute of growth for memory_leak. */
public enum Resource {
  CPU, MEMORY, DISK, CONCURRENCY, MEMORY_LEAK;

  /** The spelling in the rule file: lower snake case, e.g. {@code cpu}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
