package io.perfwatch.rules.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluation cycle left: when it ran, every alert now pending or firing (newest first), and the evaluation
 * interval of each rule that has been evaluated (Alertmanager's sink derives an alert's validity from it).
 */
public record Cycle(Instant at, List<Alert> active, Map<String, Duration> intervals) {

  public Cycle {
    Objects.requireNonNull(at, "at");
    active = List.copyOf(active);
    intervals = Map.copyOf(intervals);
  }

  /** How often {@code rule} is evaluated; zero when it is not known (a rule removed by a reload). */
  public Duration interval(String rule) {
    return intervals.getOrDefault(rule, Duration.ZERO);
  }
}
