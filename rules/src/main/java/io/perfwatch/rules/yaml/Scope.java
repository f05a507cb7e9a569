package io.perfwatch.rules.yaml;

import java.util.Locale;

/** What one evaluation covers: each endpoint, all traffic, each SQL fingerprint, the host, or each disk mount. */
public enum Scope {
  ENDPOINT, OVERALL, QUERY, HOST, MOUNT;

  /** The spelling in the rule file: lower snake case, e.g. {@code endpoint}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
