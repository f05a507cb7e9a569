package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringTest {
  private static final String TOKEN = "monitoring-token-0123456789";

  /**
   * {@code Main.commandLine(env)} and {@code ServiceConfig.fromEnvironment(env)} read settings from a map, not the
   * process environment: the built-in rules' {@code ${PERFORMANCE_MAX_QUERY_TIME_MS:500}} must come from it too.
   */
  @Test
  void builtInRulesTakeTheirThresholdsFromTheConfiguredEnvironment() throws Exception {
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_MAX_QUERY_TIME_MS", "0.001"));
    try (PerfWatchService service = new PerfWatchService(config).start()) {
      TestClient client = new TestClient(service.baseUri());
      for (int i = 1; i <= 5; i++) { // the slow-query rule wants 5 statements of a fingerprint
        assertThat(client.get("/api/transactions/" + i).status()).isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() == 5);

      HttpResponse<String> analyze = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          service.baseUri().resolve("/api/v1/performance/analyze")).header("Authorization", "Bearer " + TOKEN)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(analyze.statusCode()).isEqualTo(200);
      List<String> slowQueries = new ArrayList<>();
      for (JsonNode alert : new ObjectMapper().readTree(analyze.body()).get("alerts")) {
        if (alert.get("rule").asText().equals("slow-query")) {
          assertThat(alert.get("threshold").asDouble()).isEqualTo(0.001);
          slowQueries.add(alert.at("/details/fingerprint").asText());
        }
      }
      assertThat(slowQueries).contains("SELECT id, user_id, category_id, amount, currency, description, created_at "
          + "FROM transactions WHERE id = ?");
    }
  }

  @Test
  void secretsNeverReachTheRuleFilesEnvironment() {
    MonitoringSettings settings = ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_ADMIN_TOKEN", TOKEN,
        "PERFORMANCE_DATABASE_URL", "jdbc:postgresql://db/app?password=hunter2", "PERFORMANCE_DATABASE_USER", "app",
        "PERFORMANCE_DATABASE_PASSWORD", "hunter2", "PERFORMANCE_MAX_QUERY_TIME_MS", "250", "HOME", "/root"))
        .monitoring();

    assertThat(settings.environment()).isEqualTo(Map.of("PERFORMANCE_MAX_QUERY_TIME_MS", "250"));
  }
}
