package io.perfwatch.rules.yaml;

import java.util.Locale;

/**
 * Over a fleet (scrape targets or Prometheus), what one alert of a rule is about: each service ({@code job}, its
 * instances' traffic together) or each instance ({@code job} and {@code instance}, so one bad replica is never
 * averaged away by healthy ones). The in-process store is one instance of one service, so both mean the same there.
 */
public enum Aggregation {
  SERVICE, INSTANCE;

  /**
   * Without {@code aggregate:}: per instance for resource rules (CPU, memory and disks belong to a host), per
   * service for every other detector.
   */
  public static Aggregation defaultFor(Detector detector) {
    return detector == Detector.RESOURCE ? INSTANCE : SERVICE;
  }

  /** The spelling in the rule file: lower case, e.g. {@code service}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
