package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyDetectorTest {
  private final Fixture f = new Fixture();

  private static TestRules latency() {
    TestRules rule = rule("high-avg-latency", Detector.LATENCY).threshold(2000);
    rule.minRequests = 20;
    rule.keepFiringFor = Duration.ofMinutes(2);
    rule.labels = Map.of("team", "payments");
    return rule;
  }

  @Test
  void slowEndpointFiresWithSeverityFromTheExceedanceRatio() {
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    f.requests(30, "GET", "/api/accounts", 200, 100);

    List<Alert> alerts = f.evaluate(latency());

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo("high-avg-latency");
      assertThat(a.detector()).isEqualTo("latency");
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.severity()).isEqualTo(Severity.LOW);
      assertThat(a.scope()).isEqualTo(Map.of("method", "GET", "uri", "/api/transactions"));
      assertThat(a.value()).isEqualTo(2500.0);
      assertThat(a.threshold()).isEqualTo(2000.0);
      assertThat(a.labels()).isEqualTo(Map.of("team", "payments", "alertname", "high-avg-latency",
          "severity", "low"));
      assertThat(a.summary()).isEqualTo(
          "Average latency of GET /api/transactions is 2500 ms (threshold 2000 ms, 30 requests)");
      assertThat(a.recommendation()).isEqualTo("Most of the time is spent outside the database: profile the "
          + "handler, cache repeated reads (e.g. in Redis) and move slow work to asynchronous tasks.");
    });
  }

  @Test
  void escalatesWhenLatencyWorsensAndResolvesAfterKeepFiringFor() {
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    Alert first = f.evaluate(latency()).get(0);

    f.advance(Duration.ofSeconds(30));
    f.requests(30, "GET", "/api/transactions", 200, 10_000, 12, 9_000);
    Alert worse = f.evaluate(latency()).get(0);
    assertThat(worse.id()).isEqualTo(first.id());
    assertThat(worse.value()).isEqualTo(6250.0);
    assertThat(worse.severity()).isEqualTo(Severity.HIGH);
    assertThat(worse.recommendation()).startsWith("72% of the time is spent in SQL (6 queries per request)");

    f.advance(Duration.ofSeconds(30));
    f.requests(2000, "GET", "/api/transactions", 200, 10);
    assertThat(f.evaluate(latency())).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    f.advance(Duration.ofMinutes(2));
    assertThat(f.evaluate(latency())).isEmpty();

    assertThat(f.sink.lines()).containsExactly(
        "firing low high-avg-latency {method=GET, uri=/api/transactions}",
        "firing high high-avg-latency {method=GET, uri=/api/transactions}",
        "resolved high high-avg-latency {method=GET, uri=/api/transactions}");
    assertThat(f.tracker.history().get(0).resolvedAt()).isEqualTo(Fixture.T0.plusSeconds(180));
  }

  @Test
  void noVerdictBelowMinRequests() {
    f.requests(19, "GET", "/api/transactions", 200, 2500);
    assertThat(f.evaluate(latency())).isEmpty();

    f.requests(1, "GET", "/api/transactions", 200, 2500);
    assertThat(f.evaluate(latency())).hasSize(1);
  }

  @Test
  void includeAndExcludeFilterRoutes() {
    TestRules rule = latency();
    rule.include = List.of("/api/*");
    rule.exclude = List.of("/api/reports/*");
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    f.requests(30, "GET", "/api/reports/:id", 200, 2500);
    f.requests(30, "GET", "/internal/export", 200, 2500);

    assertThat(f.evaluate(rule)).extracting(Alert::scope)
        .containsExactly(Map.of("method", "GET", "uri", "/api/transactions"));
  }

  @Test
  void overallScopeMergesEveryEndpoint() {
    TestRules rule = latency();
    rule.scope = Scope.OVERALL;
    f.requests(30, "GET", "/api/transactions", 200, 3000);
    f.requests(30, "GET", "/api/accounts", 200, 1000);

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("scope", "overall"));
      assertThat(a.value()).isEqualTo(2000.0);
    });
  }

  @Test
  void p95UsesTheSketchWithinOnePercent() {
    TestRules rule = latency();
    rule.metric = Metric.P95;
    f.requests(90, "GET", "/api/transactions", 200, 100);
    f.requests(10, "GET", "/api/transactions", 200, 5000);

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.value()).isCloseTo(5000, within(50.0));
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void annotationsAreRenderedWithTheMeasuredValues() {
    TestRules rule = latency();
    rule.annotations = Map.of("summary", "avg latency of {{endpoint}} is {{value}} ms (threshold {{threshold}} ms)",
        "recommendation", "Cache {{endpoint}} ({{count}} requests); {{unknown}} stays");
    f.requests(10, "GET", "/api/transactions", 200, 2000);
    f.requests(10, "GET", "/api/transactions", 200, 2001);

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.summary()).isEqualTo("avg latency of GET /api/transactions is 2000.5 ms (threshold 2000 ms)");
      assertThat(a.recommendation()).isEqualTo("Cache GET /api/transactions (20 requests); {{unknown}} stays");
    });
  }

  @Test
  void forKeepsTheAlertPendingUntilItHasHeld() {
    TestRules rule = latency();
    rule.forDuration = Duration.ofMinutes(1);
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    assertThat(f.evaluate(rule)).extracting(Alert::state).containsExactly(AlertState.PENDING);

    f.advance(Duration.ofSeconds(30));
    assertThat(f.evaluate(rule)).extracting(Alert::state).containsExactly(AlertState.PENDING);

    f.advance(Duration.ofSeconds(30));
    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.startedAt()).isEqualTo(Fixture.T0);
      assertThat(a.firingAt()).isEqualTo(Fixture.T0.plusSeconds(60));
    });
  }
}
