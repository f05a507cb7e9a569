package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.reliability.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user sees: the start-up screen names the index, the API and its document; {@code GET /} lists them. */
class StartupScreenTest {

  @Test
  void theStartUpScreenAndTheIndexNameTheApi(@TempDir Path dir) throws Exception {
    try (ServiceProcess service = new ServiceProcess(Main.class, Map.of("PERFORMANCE_HTTP_PORT", "0"), dir)) {
      String base = "http://localhost:" + service.port();
      await().atMost(Duration.ofSeconds(30)).until(() -> service.output().contains("  metrics:  "));

      assertThat(service.output()).contains(
          "  index:    " + base + "/\n",
          "  api:      " + base + "/api/v1/performance/health\n",
          "  openapi:  " + base + "/api/v1/performance/openapi.yaml\n",
          "  metrics:  " + base + "/metrics\n");

      TestClient.Reply index = new TestClient(service.baseUri()).get("/");
      assertThat(index.status()).isEqualTo(200);
      assertThat(index.contentType()).startsWith("application/json");
      JsonNode body = new ObjectMapper().readTree(index.body());
      assertThat(body.get("service").asText()).isEqualTo("perfwatch");
      List<String> links = new ArrayList<>();
      body.get("links").forEach(l -> links.add(l.get("auth").asText() + " " + l.get("path").asText()));
      assertThat(links).containsExactly("none /api/v1/performance/openapi.yaml", "none /api/v1/performance/health",
          "none /api/v1/performance/metrics", "admin /api/v1/performance/report", "admin /api/v1/performance/alerts",
          "none /metrics");
      for (JsonNode link : body.get("links")) { // every public link answers
        if (link.get("auth").asText().equals("none")) {
          assertThat(new TestClient(service.baseUri()).get(link.get("path").asText()).status()).isEqualTo(200);
        }
      }
    }
  }
}
