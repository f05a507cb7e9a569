package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped slow-query rule's recommendation is the index advice checked against the demo database's real
 * schema (read through DatabaseMetaData), served by the API of a service started on port 0.
 */
class SlowQueryAdviceTest {
  private static final String TOKEN = "advice-token-0123456789abc";
  private static final String BY_ID = "SELECT id, user_id, category_id, amount, currency, description, created_at "
      + "FROM transactions WHERE id = ?";

  @Test
  void aPrimaryKeyLookupIsNeverToldToCreateTheIndexItHas() {
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_MAX_QUERY_TIME_MS", "0.001"));
    try (PerfWatchService service = new PerfWatchService(config).start()) {
      TestClient client = new TestClient(service.baseUri());
      for (int i = 1; i <= 5; i++) { // the slow-query rule wants 5 statements of a fingerprint
        assertThat(client.get("/api/transactions/" + i).status()).isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() == 5);

      // the schema is read in the background at start: the advice is checked once it has been read
      JsonNode alert = await().atMost(Duration.ofSeconds(10)).until(() -> slowQueryAlert(service),
          a -> a.isPresent() && !a.get().get("recommendation").asText().contains("CREATE INDEX")).orElseThrow();

      assertThat(alert.get("recommendation").asText()).startsWith("An index of transactions already serves this "
          + "filter: PRIMARY KEY (id); check the plan with EXPLAIN ANALYZE for what else makes it slow: many rows "
          + "returned, locks, or a function or cast on the column");
      assertThat(alert.at("/details/served_by_index").asText()).isEqualTo("PRIMARY KEY (id)");
      assertThat(alert.at("/details/index").asText()).isEmpty();
    }
  }

  @Test
  void theDetailedReportGivesTheSameAdviceForAStatementNoAlertCovers() throws Exception {
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_MAX_QUERY_TIME_MS", "0.001"));
    try (PerfWatchService service = new PerfWatchService(config).start()) {
      TestClient client = new TestClient(service.baseUri());
      for (int i = 1; i <= 2; i++) { // fewer than the slow-query rule's 5: slower than the threshold, no alert
        assertThat(client.get("/api/transactions/" + i).status()).isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() == 2);

      JsonNode recommendation = await().atMost(Duration.ofSeconds(10)).until(() -> byIdRecommendation(service),
          r -> r.isPresent() && !r.get().get("detail").asText().contains("CREATE INDEX")).orElseThrow();

      assertThat(recommendation.get("category").asText()).isEqualTo("database");
      assertThat(recommendation.get("title").asText()).startsWith("Slow SELECT on transactions: ")
          .endsWith(" ms on average over 2 runs");
      assertThat(recommendation.get("detail").asText()).startsWith("An index of transactions already serves this "
          + "filter: PRIMARY KEY (id); check the plan with EXPLAIN ANALYZE for what else makes it slow: many rows "
          + "returned, locks, or a function or cast on the column");
      assertThat(slowQueryAlert(service)).isEmpty();
    }
  }

  private static Optional<JsonNode> byIdRecommendation(PerfWatchService service) throws Exception {
    HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        service.baseUri().resolve("/api/v1/performance/report?hours=1&format=detailed"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).isEqualTo(200);
    for (JsonNode r : new ObjectMapper().readTree(report.body()).get("recommendations")) {
      if (r.get("evidence").asText().equals(BY_ID)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> slowQueryAlert(PerfWatchService service) throws Exception {
    HttpResponse<String> analyze = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        service.baseUri().resolve("/api/v1/performance/analyze")).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(analyze.statusCode()).isEqualTo(200);
    for (JsonNode alert : new ObjectMapper().readTree(analyze.body()).get("alerts")) {
      if (alert.get("rule").asText().equals("slow-query") && alert.at("/details/fingerprint").asText().equals(BY_ID)) {
        return Optional.of(alert);
      }
    }
    return Optional.empty();
  }
}
