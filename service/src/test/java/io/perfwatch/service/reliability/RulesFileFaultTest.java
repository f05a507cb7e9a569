package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file is replaced by a broken one, then deleted, while the service evaluates: the last good rules keep
 * running, the rejection is counted and shown by the API, and a valid file is picked up again.
 */
@Tag("reliability")
class RulesFileFaultTest {
  private static final String TOKEN = "rules-fault-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static JsonNode analyze(URI base) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        base.resolve("/api/v1/performance/analyze")).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void brokenAndDeletedRulesFilesKeepTheLastGoodRules() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.copy(Path.of("../rules/perfwatch-rules.yml"), rules);
    MonitoringSettings settings = new MonitoringSettings(TOKEN, Optional.of(rules), List.of(), Map.of());
    try (PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0).withMonitoring(settings)).start()) {
      URI base = service.baseUri();
      assertThat(analyze(base).get("rules_evaluated").asInt()).isEqualTo(13);
      assertThat(analyze(base).get("rules_reload_error").isNull()).isTrue();

      Files.writeString(rules, "groups:\n  - name: broken\n    interval: soon\n");
      await().atMost(Duration.ofSeconds(20)).until(() -> !analyze(base).get("rules_reload_error").isNull());
      JsonNode broken = analyze(base);
      assertThat(broken.get("rules_evaluated").asInt()).isEqualTo(13);
      assertThat(broken.get("rules_origin").asText()).isEqualTo(rules.toString());
      assertThat(broken.get("rules_reload_error").asText()).startsWith("2 problems in " + rules);
      assertThat(service.perfWatch().registry().get("perfwatch.rules.reload.failures").counter().count())
          .isEqualTo(1);

      Files.delete(rules);
      assertThat(analyze(base).get("rules_evaluated").asInt()).isEqualTo(13);

      Files.writeString(rules, """
          groups:
            - name: only
              interval: 30s
              rules:
                - name: slow
                  detector: latency
                  metric: avg
                  threshold: 1000
                  window: 5m
                  severity: medium
          """);
      await().atMost(Duration.ofSeconds(20)).until(() -> analyze(base).get("rules_evaluated").asInt() == 1);
      assertThat(analyze(base).get("rules_reload_error").isNull()).isTrue();
    }
  }
}
