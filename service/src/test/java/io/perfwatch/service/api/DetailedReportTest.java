package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detailed report of a service started on port 0, after demo traffic sent over HTTP. */
class DetailedReportTest {
  private static final String TOKEN = "detailed-token-0123456789";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

  /** With detailed metrics on, so requests carry their CPU time and allocation. */
  private final PerfWatchService service = new PerfWatchService(new ServiceConfig(0, Optional.empty(), false,
      PerfWatchConfig.builder().collectDetailedMetrics(true).build(),
      MonitoringSettings.defaults().withAdminToken(TOKEN)));
  private ApiClient client;

  @BeforeEach
  void start() throws IOException, InterruptedException {
    service.start();
    client = new ApiClient(service.baseUri());
    long before = service.perfWatch().stats().live().requestsTotal();
    assertThat(client.get("/demo/sleep?ms=150", "X-Tenant-ID", "acme", "X-User-ID", "u-7").statusCode())
        .isEqualTo(200);
    assertThat(client.get("/api/users/1/summary").statusCode()).isEqualTo(200);
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        service.baseUri().resolve("/api/transactions")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\": 3, \"category_id\": 1, \"amount\": 42.5, "
            + "\"currency\": \"EUR\", \"description\": \"lunch\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> service.perfWatch().stats().live().requestsTotal() >= before + 3);
    assertThat(client.send("POST", "/api/v1/performance/analyze", AUTH).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  @Test
  void slowestRequestsCarryTheSpecsPerRequestFields() {
    JsonNode report = json(client.get("/api/v1/performance/report?hours=1&format=detailed", AUTH));
    JsonNode slowest = report.at("/request_analysis/slowest_requests/0");

    assertThat(report.at("/request_analysis/slowest_requests")).hasSize(3);
    assertThat(slowest.get("endpoint").asText()).isEqualTo("GET /demo/sleep");
    assertThat(slowest.get("status_code").asInt()).isEqualTo(200);
    assertThat(slowest.get("duration_ms").asDouble()).isGreaterThanOrEqualTo(150);
    assertThat(slowest.get("tenant_id").asText()).isEqualTo("acme");
    assertThat(slowest.get("user_id").asText()).isEqualTo("u-7");
    assertThat(slowest.get("query_count").asInt()).isZero();
    assertThat(slowest.get("memory_delta_mb").asDouble()).as("%s", slowest).isPositive();
    assertThat(slowest.get("cpu_usage_percent").asDouble()).isBetween(0.0, 100.0);
    JsonNode summary = find(report.at("/request_analysis/slowest_requests"), "endpoint", "GET /api/users/:id/summary");
    assertThat(summary.get("query_count").asInt()).isGreaterThan(2);
    assertThat(summary.get("tenant_id").isNull()).isTrue();
  }

  @Test
  void slowestStatementsCarryRowsAffected() {
    JsonNode statements = json(client.get("/api/v1/performance/report?hours=1&format=detailed", AUTH))
        .at("/database_analysis/slowest_statements");

    JsonNode insert = find(statements, "operation", "INSERT");
    assertThat(insert.get("rows_affected").asLong()).isEqualTo(1);
    assertThat(insert.get("table").asText()).isEqualTo("transactions");
    assertThat(insert.get("route").asText()).isEqualTo("/api/transactions");
    assertThat(insert.get("outcome").asText()).isEqualTo("success");
    assertThat(find(statements, "operation", "SELECT").get("rows_affected").isNull()).isTrue();
    assertThat(json(client.get("/api/v1/performance/database?include_slow_queries=false", AUTH))
        .get("slowest_statements")).isEmpty();
  }

  @Test
  void theNPlusOneFindingIsRecommendedOnce() {
    JsonNode recommendations = json(client.get("/api/v1/performance/report?hours=1&format=detailed", AUTH))
        .get("recommendations");

    List<String> nPlusOne = new ArrayList<>();
    recommendations.forEach(r -> {
      if (r.get("title").asText().contains("/api/users/:id/summary") && r.get("category").asText().equals("database")
          && (r.get("title").asText().contains("N+1") || r.get("title").asText().contains("same query"))) {
        nPlusOne.add(r.get("title").asText());
      }
    });
    assertThat(nPlusOne).as("%s", recommendations).hasSize(1);
  }

  @Test
  void theTrendComparesTheTrendingWindows() {
    JsonNode trend = json(client.get("/api/v1/performance/report?hours=24&format=detailed", AUTH))
        .get("trend_analysis");

    assertThat(trend.get("window_minutes").asInt()).isEqualTo(60);
    assertThat(trend.get("requests").asLong()).isEqualTo(3);
    assertThat(trend.get("previous_requests").asLong()).isZero();
    assertThat(trend.get("previous_avg_response_time_ms").isNull()).isTrue();
    assertThat(trend.get("direction").asText()).isEqualTo("insufficient_data");
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode item : array) {
      if (item.get(field).asText().equals(value)) {
        return item;
      }
    }
    throw new AssertionError("no item with " + field + "=" + value + " in " + array);
  }
}
