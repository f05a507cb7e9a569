package io.perfwatch.rules.source;

import java.util.Map;

/** One element of an instant vector returned by {@code /api/v1/query}. */
record VectorSample(Map<String, String> labels, double value) {

  VectorSample {
    labels = Map.copyOf(labels);
  }

  String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
