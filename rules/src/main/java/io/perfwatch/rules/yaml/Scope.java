package io.perfwatch.rules.yaml;

import java.util.Locale;

/**
 * What one evaluation covers: each endpoint, all traffic, each SQL fingerprint, the host, each disk mount, or each
 * watched target (by its {@code job} and {@code instance} alone).
 */
public enum Scope {
  ENDPOINT, OVERALL, QUERY, HOST, MOUNT, TARGET;

  /** The spelling in the rule file: lower snake case, e.g. {@code endpoint}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
