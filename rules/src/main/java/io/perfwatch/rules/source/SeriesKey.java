package io.perfwatch.rules.source;

import java.util.Map;
import java.util.Objects;

/** One time series: a sample name and its labels. */
record SeriesKey(String name, Map<String, String> labels) {

  SeriesKey {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
  }

  static SeriesKey of(Sample sample) {
    return new SeriesKey(sample.name(), sample.labels());
  }

  String label(String label) {
    return labels.getOrDefault(label, "");
  }
}
