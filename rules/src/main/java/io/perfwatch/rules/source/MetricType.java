package io.perfwatch.rules.source;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A family's {@code # TYPE}, with the sample name suffixes it owns besides its own name. */
public enum MetricType {
  COUNTER(Set.of("_total", "_created")),
  GAUGE(Set.of()),
  HISTOGRAM(Set.of("_bucket", "_count", "_sum", "_created")),
  GAUGEHISTOGRAM(Set.of("_bucket", "_gcount", "_gsum")),
  SUMMARY(Set.of("_count", "_sum", "_created")),
  INFO(Set.of("_info")),
  STATESET(Set.of()),
  UNTYPED(Set.of());

  private final Set<String> suffixes;

  MetricType(Set<String> suffixes) {
    this.suffixes = suffixes;
  }

  public boolean owns(String familyName, String sampleName) {
    return sampleName.equals(familyName) || (sampleName.startsWith(familyName)
        && suffixes.contains(sampleName.substring(familyName.length())));
  }

  /** The type named in a TYPE line; OpenMetrics' {@code unknown} is 0.0.4's {@code untyped}. */
  static Optional<MetricType> named(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals("UNKNOWN")) {
      return Optional.of(UNTYPED);
    }
    for (MetricType type : values()) {
      if (type.name().equals(upper) && name.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
