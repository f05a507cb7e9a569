package io.perfwatch.exporter.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowRequestLoggerTest {
  private final List<String> warnings = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final SlowRequestLogger logger = new SlowRequestLogger(1000, 5000, warnings::add, errors::add);

  @Test
  void staysQuietUpToTheSlowThreshold() {
    logger.log("GET", "/api/transactions/:id", 200, 1_000_000_000L, 3);

    assertThat(warnings).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void warnsAboveTheSlowThreshold() {
    logger.log("GET", "/api/transactions/:id", 200, 1_234_500_000L, 7);

    assertThat(warnings).containsExactly(
        "Slow request: GET /api/transactions/:id status=200 duration_ms=1234.5 queries=7");
    assertThat(errors).isEmpty();
  }

  @Test
  void logsAnErrorAboveTheVerySlowThreshold() {
    logger.log("POST", "/api/transactions", 503, 6_000_000_000L, 0);

    assertThat(errors).containsExactly(
        "Very slow request: POST /api/transactions status=503 duration_ms=6000.0 queries=0");
    assertThat(warnings).isEmpty();
  }
}
