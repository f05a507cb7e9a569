package io.perfwatch.service.report;

import io.perfwatch.rules.alert.Alert;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An alert as the API shows it: lower-case severity and state, ISO timestamps. */
public record AlertView(
    String id,
    String rule,
    String detector,
    String severity,
    String state,
    Map<String, String> scope,
    double value,
    double threshold,
    Instant startedAt,
    @Nullable Instant firingAt,
    @Nullable Instant resolvedAt,
    String summary,
    String recommendation,
    Map<String, String> labels,
    Map<String, Object> details) {

  public static AlertView of(Alert a) {
    return new AlertView(a.id(), a.rule(), a.detector(), a.severity().label(), a.state().label(), a.scope(),
        Round.of(a.value()), a.threshold(), a.startedAt(), a.firingAt(), a.resolvedAt(), a.summary(),
        a.recommendation(), a.labels(), a.details());
  }
}
