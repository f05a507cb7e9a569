package io.perfwatch.rules.yaml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Which rule keys, metrics and scopes each detector accepts. One table for the parser's messages, the record's
 * invariants and (by hand) the JSON schema.
 *
 * @param metrics allowed values of {@code metric}; empty when the detector takes no metric
 * @param keys every key a rule of this detector may have, in the order messages list them
 */
record DetectorSpec(List<Metric> metrics, List<String> keys) {

  static final List<String> COMMON_KEYS = List.of("name", "detector", "scope", "threshold", "window", "for",
      "keep_firing_for", "severity", "labels", "annotations");

  /** Every key of any detector: a key outside this set is a typo rather than a key of another detector. */
  static final Set<String> ALL_KEYS = allKeys();

  static DetectorSpec of(Detector detector) {
    return switch (detector) {
      case LATENCY, DEGRADATION -> spec(List.of(Metric.values()), "metric", "include", "exclude", "min_requests",
          detector == Detector.DEGRADATION ? "baseline" : "");
      case SLOW_QUERY -> spec(List.of(Metric.AVG, Metric.P95, Metric.MAX), "metric", "min_requests");
      case ERROR_RATE -> spec(List.of(), "include", "exclude", "min_requests", "include_4xx");
      case N_PLUS_ONE -> spec(List.of(), "include", "exclude");
      case RESOURCE -> spec(List.of(), "resource");
    };
  }

  /** The scopes a detector (and, for resource rules, its resource) allows; the first is the default. */
  static List<Scope> scopes(Detector detector, @Nullable Resource resource) {
    return switch (detector) {
      case LATENCY, ERROR_RATE, N_PLUS_ONE, DEGRADATION -> List.of(Scope.ENDPOINT, Scope.OVERALL);
      case SLOW_QUERY -> List.of(Scope.QUERY);
      case RESOURCE -> List.of(resource == Resource.DISK ? Scope.MOUNT : Scope.HOST);
    };
  }

  /** Whether the threshold is a percentage of a whole, so values above 100 can never be reached. */
  /** Whether the threshold is in percent: of a whole, or the degradation's increase over its baseline. */
  static boolean isPercent(Detector detector, @Nullable Resource resource) {
    return detector == Detector.DEGRADATION || isPercentOfWhole(detector, resource);
  }

  static boolean isPercentOfWhole(Detector detector, @Nullable Resource resource) {
    return detector == Detector.ERROR_RATE
        || (detector == Detector.RESOURCE && resource != null
            && Set.of(Resource.CPU, Resource.MEMORY, Resource.DISK).contains(resource));
  }

  /** The detectors that accept {@code key}, for "does not apply" messages. */
  static List<String> detectorsWithKey(String key) {
    return Stream.of(Detector.values()).filter(d -> of(d).keys().contains(key)).map(Detector::yamlName).toList();
  }

  private static DetectorSpec spec(List<Metric> metrics, String... extra) {
    List<String> keys = new ArrayList<>(COMMON_KEYS);
    Stream.of(extra).filter(k -> !k.isEmpty()).forEach(keys::add);
    return new DetectorSpec(List.copyOf(metrics), List.copyOf(keys));
  }

  private static Set<String> allKeys() {
    Set<String> keys = new LinkedHashSet<>();
    Stream.of(Detector.values()).forEach(d -> keys.addAll(of(d).keys()));
    return Set.copyOf(keys);
  }
}
