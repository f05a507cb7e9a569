package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON API of a service started in-process on port 0, driven with demo traffic over HTTP. */
class PerformanceApiTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

  private final PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)
      .withMonitoring(MonitoringSettings.defaults().withAdminToken(TOKEN)));
  private ApiClient client;

  @BeforeEach
  void start() {
    service.start();
    client = new ApiClient(service.baseUri());
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  /** Sends demo requests and waits until perfwatch has recorded them. */
  private void traffic(String path, int times, int status) {
    long expected = service.perfWatch().stats().live().requestsTotal() + times;
    for (int i = 0; i < times; i++) {
      assertThat(client.get(path).statusCode()).as(path).isEqualTo(status);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() >= expected);
  }

  @Test
  void healthHasTheSpecsFields() {
    JsonNode health = json(client.get("/api/v1/performance/health"));

    assertThat(health.get("status").asText()).isIn("healthy", "degraded", "unhealthy");
    assertThat(health.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    // a CPU share needs two host samples, 15 s apart by default: just after start there is none, not a 0.0
    assertThat(health.at("/system_metrics/cpu_percent").isNull()).as("%s", health).isTrue();
    assertThat(health.get("system_metrics").has("memory_percent")).isTrue();
    assertThat(health.get("system_metrics").get("active_requests").asLong()).isZero();
    assertThat(health.get("performance_score").asInt()).isBetween(0, 100);
  }

  @Test
  void summaryReportCountsExactlyWhatWasSent() {
    traffic("/api/transactions/1", 5, 200);
    traffic("/api/users/2/summary", 1, 200);
    traffic("/api/reports/monthly", 1, 200);
    traffic("/demo/status/500", 2, 500);
    traffic("/demo/status/404", 1, 404);

    JsonNode summary = json(client.get("/api/v1/performance/report?hours=1&format=summary", AUTH));
    JsonNode endpoints = json(client.get("/api/v1/performance/endpoints?top_n=10&minutes=60", AUTH));

    assertThat(summary.get("total_requests").asLong()).isEqualTo(10);
    assertThat(summary.get("error_rate_percent").asDouble()).isEqualTo(20.0);
    assertThat(endpoints.get("total_endpoints").asInt()).isEqualTo(4);
    assertThat(endpoints.get("endpoints").findValuesAsText("endpoint")).containsExactlyInAnyOrder(
        "GET /api/transactions/:id", "GET /api/users/:id/summary", "GET /api/reports/monthly",
        "GET /demo/status/:code");
    assertThat(summary.get("critical_alerts").asInt()).isZero();
    assertThat(summary.fieldNames()).toIterable().containsExactly("health_score", "status", "total_requests",
        "error_rate_percent", "avg_response_time_ms", "p95_response_time_ms", "critical_alerts", "high_alerts");
  }

  @Test
  void p95IsWithinTheSketchErrorOfTheExactP95() {
    for (int ms = 10; ms <= 200; ms += 10) {
      traffic("/demo/sleep?ms=" + ms, 1, 200);
    }
    List<Double> exact = service.perfWatch().stats().recentRequests().stream()
        .filter(r -> r.route().equals("/demo/sleep")).map(r -> r.durationNanos() / 1e6).sorted().toList();
    double exactP95 = exact.get((int) Math.ceil(0.95 * exact.size()) - 1);

    JsonNode endpoints = json(client.get("/api/v1/performance/endpoints?top_n=5", AUTH));
    JsonNode sleep = endpoints.get("endpoints").get(0);

    assertThat(sleep.get("endpoint").asText()).isEqualTo("GET /demo/sleep");
    assertThat(sleep.get("total_requests").asLong()).isEqualTo(20);
    assertThat(sleep.get("p95_duration_ms").asDouble()).isCloseTo(exactP95,
        org.assertj.core.data.Offset.offset(exactP95 * 0.01 + 0.1)); // DDSketch: 1 % relative, JSON rounds to 0.1
  }

  @Test
  void nPlusOneRouteRaisesAnAlertThatAnalyzeAndAlertsShow() {
    traffic("/api/users/1/summary", 1, 200);

    JsonNode analyze = json(client.send("POST", "/api/v1/performance/analyze", AUTH));
    JsonNode alerts = json(client.get("/api/v1/performance/alerts?hours=1", AUTH));
    JsonNode highAndAbove = json(client.get("/api/v1/performance/alerts?hours=1&severity=high", AUTH));

    assertThat(analyze.get("rules_evaluated").asInt()).isEqualTo(13);
    assertThat(analyze.get("alerts").findValuesAsText("rule")).contains("n-plus-one-queries");
    JsonNode nPlusOne = alerts.get("alerts").get(0);
    assertThat(nPlusOne.get("rule").asText()).isEqualTo("n-plus-one-queries");
    assertThat(nPlusOne.get("state").asText()).isEqualTo("firing");
    assertThat(nPlusOne.get("severity").asText()).isEqualTo("medium");
    assertThat(nPlusOne.get("scope").properties()).extracting(e -> e.getKey() + "=" + e.getValue().asText())
        .containsExactlyInAnyOrder("method=GET", "uri=/api/users/:id/summary", "table=categories");
    JsonNode details = nPlusOne.get("details");
    assertThat(details.get("count").isIntegralNumber()).as("a number, not a string: %s", details).isTrue();
    assertThat(details.get("count").asLong()).isEqualTo(1);
    assertThat(details.get("max_repeats").isIntegralNumber()).isTrue();
    assertThat(details.get("total_ms").isNumber()).isTrue();
    assertThat(details.get("table").asText()).isEqualTo("categories");
    assertThat(highAndAbove.get("total").asInt()).isZero();
    assertThat(json(client.get("/api/v1/performance/alerts/" + nPlusOne.get("id").asText(), AUTH)))
        .isEqualTo(nPlusOne);
  }

  @Test
  void endpointAnalysisResolvesTemplatesAndConcretePaths() {
    traffic("/api/transactions/3", 2, 200);

    JsonNode byTemplate = json(client.get("/api/v1/performance/analyze/endpoint/api/transactions/:id", AUTH));
    JsonNode byPath = json(client.get("/api/v1/performance/analyze/endpoint/api/transactions/99?method=GET&hours=2",
        AUTH));
    HttpResponse<String> unknown = client.get("/api/v1/performance/analyze/endpoint/api/nothing", AUTH);

    assertThat(byTemplate.get("endpoint").asText()).isEqualTo("GET /api/transactions/:id");
    assertThat(byTemplate.get("total_requests").asLong()).isEqualTo(2);
    // no zero hours before the first request: a service that started just now has one hour to show
    assertThat(byTemplate.get("time_series")).hasSize(1);
    assertThat(byTemplate.get("time_series").elements().next().get("count").asLong()).isEqualTo(2);
    assertThat(byPath.get("endpoint").asText()).isEqualTo("GET /api/transactions/:id");
    assertThat(byPath.get("time_series")).isEqualTo(byTemplate.get("time_series"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").get("message").asText())
        .isEqualTo("no requests recorded for GET '/api/nothing' in the last 24 hours");
  }

  @Test
  void ratesDivideByTheTimeTheServiceHasRunNotTheWholeWindow() {
    long startedBefore = System.currentTimeMillis() - 1; // the service started in @BeforeEach, before this
    traffic("/api/transactions/1", 12, 200);
    long upAtMost = System.currentTimeMillis() - startedBefore + 2_000;

    double perMinute = json(client.get("/api/v1/performance/metrics?minutes=5")).at("/requests/requests_per_minute")
        .asDouble();
    double dayReport = json(client.get("/api/v1/performance/report?hours=24&format=detailed", AUTH))
        .at("/request_analysis/requests_per_minute").asDouble();

    // 12 requests over the full 5 minutes would be 2.4 a minute, over 24 hours 0.00833
    assertThat(perMinute).isGreaterThanOrEqualTo(Math.floor(12 * 60_000.0 / upAtMost)).isLessThanOrEqualTo(720);
    assertThat(dayReport).isGreaterThanOrEqualTo(Math.floor(12 * 60_000.0 / upAtMost)).isLessThanOrEqualTo(720);
  }

  @Test
  void monitoringCallsAreNotCountedAsTraffic() {
    client.get("/api/v1/performance/health");
    client.get("/api/v1/performance/metrics");

    assertThat(service.perfWatch().stats().live().requestsTotal()).isZero();
    assertThat(service.perfWatch().stats().recentRequests()).extracting(RequestMetrics::route).isEmpty();
  }

  /** {@code job} and {@code instance} are fleet parameters: the in-process service refuses them as unknown. */
  @Test
  void inProcessRefusesJobAndInstanceAsUnknownParameters() {
    HttpResponse<String> report = client.get("/api/v1/performance/report?job=orders", AUTH);
    HttpResponse<String> metrics = client.get("/api/v1/performance/metrics?instance=10.0.0.5:8080");

    assertThat(report.statusCode()).isEqualTo(400);
    assertThat(report.body()).isEqualTo("{\"error\":{\"code\":\"unknown_parameter\",\"message\":"
        + "\"unknown parameter 'job'; allowed: hours, format\"}}");
    assertThat(metrics.statusCode()).isEqualTo(400);
    assertThat(json(metrics).at("/error/message").asText())
        .isEqualTo("unknown parameter 'instance'; allowed: minutes, include_system");
  }
}
