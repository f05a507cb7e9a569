package io.perfwatch.rules.alert;

import java.util.Map;
import java.util.Objects;

/**
 * What one evaluation of one rule found for one scope instance whose condition held: the input of the
 * {@link AlertTracker}. Scope instances whose condition did not hold are simply absent.
 */
public record Observation(
    String rule,
    String detector,
    Map<String, String> scope,
    double value,
    double threshold,
    Severity severity,
    String summary,
    String recommendation,
    Map<String, String> labels,
    Map<String, String> details) {

  public Observation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(recommendation, "recommendation");
    scope = Map.copyOf(scope);
    labels = Map.copyOf(labels);
    details = Map.copyOf(details);
  }
}
