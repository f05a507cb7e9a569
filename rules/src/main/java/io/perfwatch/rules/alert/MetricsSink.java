package io.perfwatch.rules.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@code perfwatch.alerts{alertname,severity,state}} gauge: pending and firing alerts per rule, severity and
 * state. Every loaded rule has its series at 0 from the start, one per severity of its ladder and state, so graphs,
 * {@code absent()} and "alerts now" tables see a value before the first alert; a series drops back to 0 when its
 * alerts resolve, and goes away when a reload removes its rule. Bounded by rules x 4 severities x 2 states.
 */
public final class MetricsSink implements AlertSink {
  private static final List<String> STATES = List.of(AlertState.PENDING.label(), AlertState.FIRING.label());

  private final MeterRegistry registry;
  private final Supplier<Map<String, Set<Severity>>> loaded;
  private final Map<List<String>, Series> series = new HashMap<>();
  private Map<String, Set<Severity>> declared = Map.of();

  private record Series(AtomicInteger value, Gauge gauge) {}

  /** Series appear with their first alert only; for sinks that do not know the rules. */
  public MetricsSink(MeterRegistry registry) {
    this(registry, Map::of);
  }

  /**
   * @param loaded the severities of every loaded rule by rule name (its ladder's levels), read now and at every
   *     cycle, so a reload declares its new rules' series
   */
  public MetricsSink(MeterRegistry registry, Supplier<Map<String, Set<Severity>>> loaded) {
    this.registry = registry;
    this.loaded = loaded;
    declare(loaded.get());
  }

  @Override
  public void transition(Alert alert) {}

  @Override
  public synchronized void cycle(List<Alert> active) {
    declare(loaded.get());
    Map<List<String>, Integer> counts = new HashMap<>();
    for (Alert alert : active) {
      counts.merge(List.of(alert.rule(), alert.severity().label(), alert.state().label()), 1, Integer::sum);
    }
    series.forEach((key, s) -> s.value().set(counts.getOrDefault(key, 0)));
    counts.forEach((key, count) -> series.computeIfAbsent(key, this::register).value().set(count));
  }

  private synchronized void declare(Map<String, Set<Severity>> rules) {
    if (rules.equals(declared)) {
      return;
    }
    declared = Map.copyOf(rules);
    for (Iterator<Map.Entry<List<String>, Series>> it = series.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<List<String>, Series> e = it.next();
      if (!rules.containsKey(e.getKey().get(0)) && e.getValue().value().get() == 0) {
        registry.remove(e.getValue().gauge());
        it.remove();
      }
    }
    rules.forEach((rule, severities) -> severities.forEach(severity -> STATES.forEach(state ->
        series.computeIfAbsent(List.of(rule, severity.label(), state), this::register))));
  }

  private Series register(List<String> key) {
    AtomicInteger value = new AtomicInteger();
    Gauge gauge = Gauge.builder("perfwatch.alerts", value, AtomicInteger::get)
        .description("Pending and firing alerts per rule, severity and state")
        .tags("alertname", key.get(0), "severity", key.get(1), "state", key.get(2))
        .register(registry);
    return new Series(value, gauge);
  }
}
