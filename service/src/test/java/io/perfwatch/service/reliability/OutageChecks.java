package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.TestClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The checks of {@link DatabaseOutageTest} that both databases share. */
final class OutageChecks {
  static final String TOKEN = "outage-token-0123456789abcdef";

  private OutageChecks() {}

  static ServiceConfig config(String url, String user, String password) {
    return ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0", "PERFORMANCE_DATABASE_URL", url,
        "PERFORMANCE_DATABASE_USER", user, "PERFORMANCE_DATABASE_PASSWORD", password,
        "PERFORMANCE_ADMIN_TOKEN", TOKEN));
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** perfwatch's own API answers while the demo's database is gone; returns the health body. */
  static JsonNode assertHealthAnswers(PerfWatchService service) {
    TestClient.Reply health = new TestClient(service.baseUri()).get("/api/v1/performance/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.contentType()).isEqualTo("application/json");
    JsonNode body = health.json();
    assertThat(body.get("status").asText()).isIn("healthy", "degraded", "unhealthy");
    assertThat(body.get("performance_score").asDouble()).isBetween(0.0, 100.0);
    return body;
  }

  /** The exposition's request counts per status equal what the client received, and so does the store. */
  static void assertEveryAnswerCounted(PerfWatchService service, PhasedTraffic traffic) {
    Map<Integer, Long> received = traffic.byStatus();
    long total = received.values().stream().mapToLong(Long::longValue).sum();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() >= total);
    String scrape = new TestClient(service.baseUri()).get("/metrics").body();
    assertThat(received).containsOnlyKeys(200, 500);
    for (Map.Entry<Integer, Long> status : received.entrySet()) {
      assertThat(Exposition.sum(scrape, "http_server_requests_seconds_count", "status=\"" + status.getKey() + "\""))
          .as("requests with status %d", status.getKey()).isEqualTo(status.getValue());
    }
    assertThat(Exposition.sum(scrape, "http_server_requests_seconds_count")).isEqualTo(total);
    assertThat(PerfWatchInternals.of(service.perfWatch()).store().totalRequests()).isEqualTo(total);
  }

  /**
   * Exactly {@code failed} statements failed, each with {@code sqlState}: in the exposition (outcome error), in the
   * store's recent statements (with the SQLState) and in the JSON API's error count. Returns them from the store.
   */
  static List<DatabaseMetrics> failedStatements(PerfWatchService service, long failed, String sqlState)
      throws Exception {
    String scrape = new TestClient(service.baseUri()).get("/metrics").body();
    assertThat(Exposition.sum(scrape, "db_query_duration_seconds_count", "outcome=\"error\"")).isEqualTo(failed);
    List<DatabaseMetrics> errors = service.perfWatch().stats().recentQueries().stream()
        .filter(DatabaseMetrics::isError).toList();
    assertThat(errors).hasSize((int) failed).extracting(DatabaseMetrics::outcome).containsOnly(sqlState);
    JsonNode database = admin(service, "/api/v1/performance/database?minutes=10");
    assertThat(database.get("error_count").asLong()).isEqualTo(failed);
    return errors;
  }

  static JsonNode admin(PerfWatchService service, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        service.baseUri().resolve(path)).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  static long activeConnectionsGauge(PerfWatchService service) {
    return Exposition.sum(new TestClient(service.baseUri()).get("/metrics").body(), "db_connections_active");
  }
}
