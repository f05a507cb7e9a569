package io.perfwatch.rules.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alert: a rule's condition for one scope instance (an endpoint, a query fingerprint, a mount...).
 *
 * @param id stable for the alert's life: rule plus scope, then the start time
 * @param scope what the alert is about, e.g. {@code endpoint=GET /api/transactions/:id}
 * @param value the measured value (ms, percent, count... as the rule's threshold)
 * @param startedAt when the condition first held
 * @param resolvedAt when it resolved, null while pending or firing
 * @param texts summary, recommendation and details of the latest observation, composed when first read
 * @param labels the rule's labels plus {@code alertname} and {@code severity}
 */
public record Alert(
    String id,
    String rule,
    String detector,
    Severity severity,
    AlertState state,
    Map<String, String> scope,
    double value,
    double threshold,
    Instant startedAt,
    @Nullable Instant firingAt,
    @Nullable Instant resolvedAt,
    AlertTexts texts,
    Map<String, String> labels) implements Described {

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(texts, "texts");
    scope = Map.copyOf(scope);
    labels = Map.copyOf(labels);
    if ((state == AlertState.RESOLVED) != (resolvedAt != null)) {
      throw new IllegalArgumentException("resolvedAt must be set exactly when the state is resolved: " + state);
    }
  }

  /** An alert whose texts are already composed. */
  public Alert(String id, String rule, String detector, Severity severity, AlertState state,
      Map<String, String> scope, double value, double threshold, Instant startedAt, @Nullable Instant firingAt,
      @Nullable Instant resolvedAt, String summary, String recommendation, Map<String, String> labels,
      Map<String, ?> details) {
    this(id, rule, detector, severity, state, scope, value, threshold, startedAt, firingAt, resolvedAt,
        AlertTexts.of(summary, recommendation, details), labels);
  }

  /** Rule plus scope: one alert per identity at a time. */
  public String identity() {
    return identity(rule, scope);
  }

  static String identity(String rule, Map<String, String> scope) {
    StringBuilder key = new StringBuilder(rule);
    scope.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> key.append('|').append(e.getKey()).append('=').append(e.getValue()));
    return key.toString();
  }

  Alert with(AlertState newState, Severity newSeverity, double newValue, @Nullable Instant newFiringAt,
      @Nullable Instant newResolvedAt, AlertTexts newTexts, Map<String, String> newLabels) {
    return new Alert(id, rule, detector, newSeverity, newState, scope, newValue, threshold, startedAt, newFiringAt,
        newResolvedAt, newTexts, newLabels);
  }
}
