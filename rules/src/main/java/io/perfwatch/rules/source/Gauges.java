package io.perfwatch.rules.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The current values of one scrape's samples by series, for gauges (CPU, memory, disks, max durations). */
final class Gauges {
  private final Map<String, List<Sample>> byName = new HashMap<>();

  Gauges(List<MetricFamily> scrape) {
    for (MetricFamily family : scrape) {
      for (Sample sample : family.samples()) {
        byName.computeIfAbsent(sample.name(), n -> new ArrayList<>()).add(sample);
      }
    }
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  /** The first series' value, NaN when the target does not export it. */
  double value(String name) {
    List<Sample> samples = byName.get(name);
    return samples == null ? Double.NaN : samples.get(0).value();
  }

  Map<String, Double> byLabel(String name, String label) {
    Map<String, Double> values = new HashMap<>();
    byName.getOrDefault(name, List.of()).forEach(s -> values.put(s.label(label), s.value()));
    return values;
  }

  /** The largest value among series whose {@code labels} equal {@code values}; NaN when none. */
  double max(String name, List<String> values, String... labels) {
    double max = Double.NaN;
    for (Sample sample : byName.getOrDefault(name, List.of())) {
      boolean matches = true;
      for (int i = 0; i < labels.length; i++) {
        matches &= sample.label(labels[i]).equals(values.get(i));
      }
      if (matches && !Double.isNaN(sample.value())) {
        max = Double.isNaN(max) ? sample.value() : Math.max(max, sample.value());
      }
    }
    return max;
  }
}
