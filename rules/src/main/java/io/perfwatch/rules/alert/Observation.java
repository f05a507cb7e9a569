package io.perfwatch.rules.alert;

import java.util.Map;
import java.util.Objects;

/**
 * What one evaluation of one rule found for one scope instance whose condition held: the input of the
 * {@link AlertTracker}. Scope instances whose condition did not hold are simply absent. The texts may be composed
 * on first read (see {@link AlertTexts}): most observations only keep an existing alert up to date.
 */
public record Observation(
    String rule,
    String detector,
    Map<String, String> scope,
    double value,
    double threshold,
    Severity severity,
    AlertTexts texts,
    Map<String, String> labels) implements Described {

  public Observation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(texts, "texts");
    scope = Map.copyOf(scope);
    labels = Map.copyOf(labels);
  }

  /** An observation whose texts are already composed. */
  public Observation(String rule, String detector, Map<String, String> scope, double value, double threshold,
      Severity severity, String summary, String recommendation, Map<String, String> labels,
      Map<String, ?> details) {
    this(rule, detector, scope, value, threshold, severity, AlertTexts.of(summary, recommendation, details), labels);
  }
}
