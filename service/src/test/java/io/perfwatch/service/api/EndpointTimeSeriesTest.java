package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.source.StoreSource;
import io.perfwatch.rules.yaml.RuleSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import spark.Service;

/**
 * {@code /analyze/endpoint}'s hourly series over a store on a controlled clock, served by the API's routes on port
 * 0: hours span real time that a test cannot wait for.
 */
class EndpointTimeSeriesTest {
  private static final String TOKEN = "series-token-0123456789abcdef";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
  private static final Instant START = Instant.parse("2026-01-15T08:10:00Z");

  private final AtomicLong now = new AtomicLong(START.toEpochMilli());
  private final MetricsStore store = MetricsStore.builder().clock(now::get).historyHours(24).build();
  private final PerfWatch perfwatch = PerfWatch.builder().build();
  private final Service http = Service.ignite().port(0);

  @AfterEach
  void stop() {
    http.stop();
    http.awaitStop();
    perfwatch.close();
  }

  @Test
  void anHourWithoutRequestsBetweenTwoWithRequestsHasCountZeroAndNullDurations() {
    ApiClient client = serve();
    requests(2, 200, 120); // 08:10
    now.addAndGet(Duration.ofHours(2).toMillis());
    requests(2, 200, 80); // 10:10
    requests(1, 500, 80);
    now.addAndGet(Duration.ofMinutes(20).toMillis()); // 10:30: the window starts at 07:30

    HttpResponse<String> response = client.get("/api/v1/performance/analyze/endpoint/api/items/:id?hours=3", AUTH);
    JsonNode analysis = json(response);

    assertThat(analysis.get("total_requests").asLong()).isEqualTo(5);
    assertThat(analysis.get("avg_duration_ms").asDouble()).isEqualTo(96.0);
    // 07:00 had no request yet: omitted; 09:00 had none between two hours that had some: count 0, no durations
    assertThat(analysis.get("time_series").toString()).isEqualTo("{"
        + "\"2026-01-15T08:00:00Z\":{\"count\":2,\"avg_ms\":120.0,\"p95_ms\":120.0,\"errors\":0},"
        + "\"2026-01-15T09:00:00Z\":{\"count\":0,\"avg_ms\":null,\"p95_ms\":null,\"errors\":0},"
        + "\"2026-01-15T10:00:00Z\":{\"count\":3,\"avg_ms\":80.0,\"p95_ms\":80.0,\"errors\":1}}");
    assertThat(OpenApiSpec.load().response("GET", response.uri().getPath(), 200).violations(analysis)).isEmpty();
  }

  /** {@code count} requests of {@code GET /api/items/:id} at the clock's time. */
  private void requests(int count, int status, double ms) {
    for (int i = 0; i < count; i++) {
      store.recordRequest(new RequestMetrics("/api/items/:id", "GET", status, (long) (ms * 1e6), now.get(), null,
          null, 0, 0, "None", -1, -1));
    }
  }

  private ApiClient serve() {
    StoreSource source = new StoreSource(store, now::get, "test store");
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    AlertTracker alerts = new AlertTracker(clock, HistoryLimits.defaults(), List.of());
    RuleEngine engine = new RuleEngine(source, alerts, new SimpleMeterRegistry());
    RuleSet rules = new RuleSet(List.of(), "none");
    PerformanceRoutes.register(http, new ApiContext(source, engine, alerts, () -> rules, Optional::empty, perfwatch,
        new AdminAuth(TOKEN, now::get), List.of()));
    http.awaitInitialization();
    return new ApiClient(URI.create("http://localhost:" + http.port()));
  }
}
