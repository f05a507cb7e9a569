package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Scope;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorRateDetectorTest {
  private final Fixture f = new Fixture();

  private static TestRules errorRate() {
    TestRules rule = rule("high-error-rate", Detector.ERROR_RATE).threshold(5);
    rule.minRequests = 20;
    return rule;
  }

  private void traffic() {
    f.requests(90, "POST", "/api/payments", 201, 50);
    f.requests(6, "POST", "/api/payments", 500, 50);
    f.requests(3, "POST", "/api/payments", 503, 50);
    f.requests(1, "POST", "/api/payments", 404, 50);
  }

  @Test
  void serverErrorRateWithStatusCodeDistribution() {
    traffic();

    assertThat(f.evaluate(errorRate())).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("method", "POST", "uri", "/api/payments"));
      assertThat(a.value()).isEqualTo(9.0);
      assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.details()).isEqualTo(Map.of("status_codes", Map.of("500", 6L, "503", 3L), "errors", 9L,
          "requests", 100L));
      assertThat(a.summary()).isEqualTo("Error rate of POST /api/payments is 9% (9 of 100 requests; threshold 5%)");
      assertThat(a.recommendation()).isEqualTo("Errors are mostly 500 (6 of 9): unhandled exceptions: read the "
          + "stack traces logged for POST /api/payments, then add input validation and error handling.");
    });
  }

  @Test
  void include4xxCountsClientErrorsToo() {
    TestRules rule = errorRate();
    rule.include4xx = true;
    traffic();

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(10.0);
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
      assertThat(a.details()).containsEntry("status_codes", Map.of("404", 1L, "500", 6L, "503", 3L));
    });
  }

  @Test
  void aboveTwentyPercentIsCriticalAndDeescalatesWhenErrorsFade() {
    TestRules rule = errorRate();
    rule.scope = Scope.OVERALL;
    f.requests(75, "GET", "/api/accounts", 200, 50);
    f.requests(25, "GET", "/api/accounts", 503, 50);
    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(25.0);
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.recommendation()).startsWith("Errors are mostly 503 (25 of 25): a dependency is failing");
    });

    f.advance(Duration.ofSeconds(30));
    f.requests(300, "GET", "/api/accounts", 200, 50);
    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(6.25);
      assertThat(a.severity()).isEqualTo(Severity.LOW);
    });
    assertThat(f.sink.lines()).containsExactly("firing critical high-error-rate {scope=overall}",
        "firing low high-error-rate {scope=overall}");
  }

  @Test
  void healthyTrafficRaisesNothing() {
    f.requests(100, "GET", "/api/accounts", 200, 50);
    f.requests(4, "GET", "/api/accounts", 500, 50);

    assertThat(f.evaluate(errorRate())).isEmpty();
  }
}
