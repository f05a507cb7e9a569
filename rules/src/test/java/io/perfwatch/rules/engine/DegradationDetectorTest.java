package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Baseline;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.SeverityLadder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DegradationDetectorTest {
  private final Fixture f = new Fixture();

  private static TestRules degradation() {
    TestRules rule = rule("latency-degradation", Detector.DEGRADATION).threshold(50);
    rule.minRequests = 20;
    rule.severity = SeverityLadder.fixed(Severity.MEDIUM);
    return rule;
  }

  private void requestsAgo(Duration age, int count, double ms, int queries) {
    for (int i = 0; i < count; i++) {
      f.store.recordRequest(new RequestMetrics("/api/transactions", "GET", 200, (long) (ms * 1e6),
          f.nowMillis() - age.toMillis() + i, null, null, queries, 0, "None", -1, -1));
    }
  }

  @Test
  void latencyDoubledAgainstThePreviousHour() {
    requestsAgo(Duration.ofMinutes(30), 50, 100, 2);
    requestsAgo(Duration.ofMinutes(1), 50, 200, 6);

    assertThat(f.evaluate(degradation())).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("method", "GET", "uri", "/api/transactions"));
      assertThat(a.value()).isEqualTo(100.0);
      assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.details()).containsEntry("baseline_ms", 100L).containsEntry("current_ms", 200L)
          .containsEntry("baseline", "previous_hour");
      assertThat(a.summary()).isEqualTo("Average latency of GET /api/transactions rose 100% against the previous "
          + "hour (100 ms to 200 ms; threshold 50%)");
      assertThat(a.recommendation()).isEqualTo("Review the deployments and configuration changes since the "
          + "previous hour; queries per request went from 2 to 6 (new or N+1 queries); if traffic grew, scale out "
          + "or add capacity.");
    });
  }

  @Test
  void needsMinRequestsInBothWindows() {
    requestsAgo(Duration.ofMinutes(30), 19, 100, 2);
    requestsAgo(Duration.ofMinutes(1), 50, 200, 2);

    assertThat(f.evaluate(degradation())).isEmpty();
  }

  @Test
  void aStableEndpointRaisesNothing() {
    requestsAgo(Duration.ofMinutes(30), 50, 100, 2);
    requestsAgo(Duration.ofMinutes(1), 50, 140, 2);

    assertThat(f.evaluate(degradation())).isEmpty();
  }

  @Test
  void sameHourYesterdayComparesTheWindowOneDayEarlier() {
    TestRules rule = degradation();
    rule.baseline = Baseline.SAME_HOUR_YESTERDAY;
    requestsAgo(Duration.ofHours(24).plusMinutes(2), 40, 100, 2);
    requestsAgo(Duration.ofMinutes(30), 40, 1000, 2);
    requestsAgo(Duration.ofMinutes(2), 40, 300, 2);

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(200.0);
      assertThat(a.details()).containsEntry("baseline", "same_hour_yesterday");
    });
  }
}
