package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.CapturedStderr;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Report contents, CORS, a failing source and internal failures, over HTTP against a service started in-process on port 0. */
class ApiBehaviourTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
  private static final String ORIGIN = "https://dash.example";
  private static final String API = PerformanceRoutes.BASE;

  private PerfWatchService service;
  private ApiClient client;
  private HttpServer prometheus;

  private void start(MonitoringSettings settings) {
    service = new PerfWatchService(ServiceConfig.onPort(0).withMonitoring(settings)).start();
    client = new ApiClient(service.baseUri());
  }

  @AfterEach
  void stop() {
    service.stop();
    if (prometheus != null) {
      prometheus.stop(0);
    }
  }

  /** Sends demo requests and waits until perfwatch has recorded them. */
  private void traffic(String path, int times) {
    long expected = service.perfWatch().stats().live().requestsTotal() + times;
    for (int i = 0; i < times; i++) {
      client.get(path);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() >= expected);
  }

  private JsonNode detailedReport() {
    traffic("/api/transactions/1", 3);
    traffic("/api/users/1/summary", 2);
    traffic("/demo/status/404", 1);
    return json(client.get(API + "/report?hours=1&format=detailed", AUTH));
  }

  @Test
  void detailedReportSectionsCountWhatWasSent() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));

    JsonNode report = detailedReport();

    assertThat(report.get("hours").asInt()).isEqualTo(1);
    assertThat(report.at("/summary/total_requests").asLong()).isEqualTo(6);
    assertThat(report.at("/request_analysis/total_requests").asLong()).isEqualTo(6);
    assertThat(report.at("/request_analysis/status_codes").toString()).isEqualTo("{\"200\":5,\"404\":1}");
    assertThat(report.at("/request_analysis/endpoints").findValuesAsText("endpoint")).containsExactlyInAnyOrder(
        "GET /api/transactions/:id", "GET /api/users/:id/summary", "GET /demo/status/:code");
    assertThat(report.at("/database_analysis/queries_by_table/users").asLong()).isEqualTo(2);
    assertThat(report.at("/database_analysis/queries_by_table/transactions").asLong()).isEqualTo(5);
    assertThat(report.at("/database_analysis/n_plus_one/0/endpoint").asText()).isEqualTo("GET /api/users/:id/summary");
    assertThat(report.at("/database_analysis/n_plus_one/0/occurrences").asLong()).isEqualTo(2);
    assertThat(report.at("/system_analysis/samples").asInt()).isPositive();
    assertThat(report.at("/bottleneck_analysis/alerts").asInt()).isZero();
    assertThat(report.at("/trend_analysis/previous_requests").asLong()).isZero();
    assertThat(report.at("/trend_analysis/request_change_percent").isNull()).isTrue();
    assertThat(report.at("/trend_analysis/direction").asText()).isEqualTo("insufficient_data");
  }

  @Test
  void bottleneckAnalysisListsTheAlertsOfTheWindow() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));
    traffic("/api/users/1/summary", 1);
    client.send("POST", API + "/analyze", AUTH);

    JsonNode bottlenecks = json(client.get(API + "/report?hours=1&format=detailed", AUTH)).get("bottleneck_analysis");

    assertThat(bottlenecks.get("alerts").asInt()).isEqualTo(1);
    assertThat(bottlenecks.get("by_detector").toString()).isEqualTo("{\"n_plus_one\":1}");
    assertThat(bottlenecks.get("by_severity").toString()).isEqualTo("{\"medium\":1}");
    assertThat(bottlenecks.at("/items/0/rule").asText()).isEqualTo("n-plus-one-queries");
  }

  @Test
  void recommendationNamesTheTableOfTheNPlusOneRoute() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));

    JsonNode recommendations = detailedReport().get("recommendations");

    assertThat(recommendations).anySatisfy(r -> {
      assertThat(r.get("category").asText()).isEqualTo("database");
      assertThat(r.get("evidence").asText()).isEqualTo("GET /api/users/:id/summary / categories");
      assertThat(r.get("detail").asText()).isEqualTo("Load the categories rows in one query (WHERE id IN (...)) "
          + "or a JOIN instead of one per row: SELECT id, name FROM categories WHERE id = ?");
    });
  }

  @Test
  void corsHeadersOnlyForConfiguredOrigins() {
    start(new MonitoringSettings(TOKEN, Optional.empty(), List.of(ORIGIN), Map.of()));

    HttpResponse<String> allowed = client.get(API + "/health", "Origin", ORIGIN);
    HttpResponse<String> other = client.get(API + "/health", "Origin", "https://elsewhere.example");

    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void preflightAnswers204WithTheAllowedMethodsAndHeaders() {
    start(new MonitoringSettings(TOKEN, Optional.empty(), List.of(ORIGIN), Map.of()));

    HttpResponse<String> preflight = client.send("OPTIONS", API + "/report", "Origin", ORIGIN,
        "Access-Control-Request-Method", "GET");

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, OPTIONS");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Authorization, Content-Type");
  }

  @Test
  void noCorsHeadersByDefault() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));

    HttpResponse<String> response = client.get(API + "/health", "Origin", ORIGIN);
    HttpResponse<String> preflight = client.send("OPTIONS", API + "/health", "Origin", ORIGIN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.statusCode()).isEqualTo(404);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  /** A Prometheus server that fails every query makes reading the window fail: a genuine internal error. */
  @Test
  void aFailingPrometheusLeavesHealth200AndDataEndpoints503WithoutDetails() throws IOException {
    prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prometheus.createContext("/", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    prometheus.start();
    start(new MonitoringSettings(TOKEN, Optional.empty(), List.of(),
        Map.of("PERFORMANCE_PROMETHEUS_URL", "http://127.0.0.1:" + prometheus.getAddress().getPort())));

    HttpResponse<String> health = client.get(API + "/health");
    HttpResponse<String> metrics = client.get(API + "/metrics");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).at("/source/up").asBoolean()).isFalse();
    assertThat(json(health).at("/source/last_error").asText()).isEqualTo("HTTP 503, empty body");
    assertThat(OpenApiSpec.load().response("GET", API + "/health", 200).violations(json(health))).isEmpty();
    assertThat(metrics.statusCode()).isEqualTo(503);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(metrics).at("/error/code").asText()).isEqualTo("source_unavailable");
    assertThat(json(metrics).at("/error/message").asText()).isEqualTo("the metrics source is unavailable (HTTP 503, "
        + "empty body); GET /api/v1/performance/health shows since when");
    assertThat(health.body() + metrics.body()).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("127.0.0.1");
    assertThat(OpenApiSpec.load().response("GET", API + "/metrics", 503).violations(json(metrics))).isEmpty();
  }

  /**
   * A route of the running service that fails with an exception nobody expected (a bug): 500 internal_error whose
   * error_id the log has next to the stack trace; the body has neither the trace nor the exception's message, and
   * the build log stays clean.
   */
  @Test
  void anUnexpectedExceptionIs500WithAnErrorIdLoggedNextToTheStackTrace() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));
    service.service().get(API + "/failing", (req, res) -> {
      throw new IllegalStateException("cache at /var/lib/secret is corrupt");
    });

    HttpResponse<String> response;
    List<String> log;
    try (CapturedStderr stderr = CapturedStderr.quiet()) {
      response = client.get(API + "/failing");
      log = stderr.lines();
    }
    JsonNode error = json(response).get("error");
    String id = error.get("error_id").asText();

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(error.get("code").asText()).isEqualTo("internal_error");
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(error.get("message").asText()).isEqualTo("the server failed to answer this request; quote error id "
        + id + " to its operators");
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "secret", "corrupt");
    assertThat(OpenApiSpec.load().component("InternalError").violations(json(response))).isEmpty();
    int at = log.indexOf(log.stream().filter(l -> l.contains("internal error " + id)).findFirst().orElseThrow());
    assertThat(log.get(at)).endsWith("ERROR io.perfwatch.service.api.ApiErrors - internal error " + id + " on GET "
        + API + "/failing");
    assertThat(log.get(at + 1)).isEqualTo("java.lang.IllegalStateException: cache at /var/lib/secret is corrupt");
    assertThat(log.get(at + 2)).startsWith("\tat io.perfwatch.service.api.ApiBehaviourTest.");
  }
}
