package io.perfwatch.rules.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code perfwatch.alerts{alertname,severity,state}} gauge: pending and firing alerts per rule, severity and
 * state. A series, once seen, stays and drops to 0 when its alerts resolve, so graphs and {@code absent()} behave;
 * the series are bounded by rules x 4 severities x 2 states.
 */
public final class MetricsSink implements AlertSink {
  private final MeterRegistry registry;
  private final Map<List<String>, AtomicInteger> gauges = new HashMap<>();

  public MetricsSink(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void transition(Alert alert) {}

  @Override
  public synchronized void cycle(List<Alert> active) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (Alert alert : active) {
      counts.merge(List.of(alert.rule(), alert.severity().label(), alert.state().label()), 1, Integer::sum);
    }
    gauges.forEach((key, gauge) -> gauge.set(counts.getOrDefault(key, 0)));
    counts.forEach((key, count) -> gauges.computeIfAbsent(key, this::register).set(count));
  }

  private AtomicInteger register(List<String> key) {
    AtomicInteger value = new AtomicInteger();
    Gauge.builder("perfwatch.alerts", value, AtomicInteger::get)
        .description("Pending and firing alerts per rule, severity and state")
        .tags("alertname", key.get(0), "severity", key.get(1), "state", key.get(2))
        .register(registry);
    return value;
  }
}
