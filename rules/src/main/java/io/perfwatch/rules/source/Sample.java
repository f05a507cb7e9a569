package io.perfwatch.rules.source;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One sample line: {@code name{labels} value [timestamp]}.
 *
 * @param labels unescaped label values, sorted by label name
 * @param timestampMillis epoch milliseconds, when the line had a timestamp
 */
public record Sample(String name, Map<String, String> labels, double value, OptionalLong timestampMillis) {

  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timestampMillis, "timestampMillis");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  public static Sample of(String name, Map<String, String> labels, double value) {
    return new Sample(name, labels, value, OptionalLong.empty());
  }

  /** The label's value, or "" as Prometheus treats a missing label. */
  public String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
