package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinksTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

  private static Observation seen(String endpoint, Severity severity) {
    return new Observation("latency", "latency", TestRules.endpoint(endpoint), 2500, 2000, severity, "slow",
        "cache", Map.of(), Map.of());
  }

  private double gauge(SimpleMeterRegistry registry, String severity, String state) {
    return registry.get("perfwatch.alerts").tags("alertname", "latency", "severity", severity, "state", state)
        .gauge().value();
  }

  @Test
  void alertsGaugeCountsPendingAndFiringAndReturnsToZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AlertTracker tracker = new AlertTracker(Clock.fixed(T0, ZoneOffset.UTC), HistoryLimits.defaults(),
        List.of(new MetricsSink(registry)));
    TestRules rule = TestRules.rule("latency", Detector.LATENCY);
    rule.forDuration = Duration.ofMinutes(1);
    RuleDefinition latency = rule.build();

    tracker.apply(latency, List.of(seen("GET /a", Severity.HIGH), seen("GET /b", Severity.HIGH)), T0);
    tracker.publish();
    assertThat(gauge(registry, "high", "pending")).isEqualTo(2.0);

    tracker.apply(latency, List.of(seen("GET /a", Severity.HIGH), seen("GET /b", Severity.LOW)), T0.plusSeconds(60));
    tracker.publish();
    assertThat(gauge(registry, "high", "pending")).isEqualTo(0.0);
    assertThat(gauge(registry, "high", "firing")).isEqualTo(1.0);
    assertThat(gauge(registry, "low", "firing")).isEqualTo(1.0);

    tracker.apply(latency, List.of(), T0.plusSeconds(90));
    tracker.publish();
    assertThat(gauge(registry, "high", "firing")).isEqualTo(0.0);
    assertThat(gauge(registry, "low", "firing")).isEqualTo(0.0);
    assertThat(registry.get("perfwatch.alerts").gauges()).hasSize(3);
  }

  @Test
  void everyLoadedRuleHasItsSeriesAtZeroFromTheStartAndAReloadRemovesTheOldOnes() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    java.util.concurrent.atomic.AtomicReference<Map<String, java.util.Set<Severity>>> rules =
        new java.util.concurrent.atomic.AtomicReference<>(Map.of("latency", java.util.Set.of(Severity.LOW,
            Severity.HIGH), "errors", java.util.Set.of(Severity.CRITICAL)));
    MetricsSink sink = new MetricsSink(registry, rules::get);

    assertThat(registry.get("perfwatch.alerts").gauges()).hasSize(6)
        .allSatisfy(g -> assertThat(g.value()).isZero());
    assertThat(gauge(registry, "low", "pending")).isZero();
    assertThat(gauge(registry, "high", "firing")).isZero();

    rules.set(Map.of("latency", java.util.Set.of(Severity.LOW, Severity.HIGH)));
    sink.cycle(List.of());
    assertThat(registry.get("perfwatch.alerts").gauges()).hasSize(4);
    assertThat(registry.find("perfwatch.alerts").tag("alertname", "errors").gauges()).isEmpty();
  }

  @Test
  void logLineNamesStateSeverityRuleScopeValueAndThreshold() {
    Alert alert = new Alert("id", "latency", "latency", Severity.HIGH, AlertState.FIRING,
        Map.of("method", "GET", "uri", "/a", "table", "t"), 2500.5, 2000, T0, T0, null, "s", "r", Map.of(), Map.of());

    assertThat(LogSink.line(alert)).isEqualTo(
        "alert firing severity=high rule=latency scope={method=GET, table=t, uri=/a} value=2500.5 threshold=2000.0");
  }
}
