package io.perfwatch.service.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the reliability runs read about alerts: the rule file they load, the alert log lines, the alerts API. */
final class AlertWatch {
  static final String TOKEN = "reliability-admin-token-0123456789";
  static final String SHORT_LEAK_RULE = "memory-leak-short";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AlertWatch() {}

  /**
   * The shipped rules verbatim, plus {@value #SHORT_LEAK_RULE}: the shipped memory-leak rule with a {@code window}
   * a run can cover (the shipped 30 minutes asks for 15 minutes of readings before any verdict).
   */
  static Path rulesWithShortLeakWindow(Path dir, Duration window) throws IOException {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, Files.readString(Path.of("../rules/perfwatch-rules.yml")) + "\n"
        + "  - name: leak-check\n"
        + "    interval: 15s\n"
        + "    rules:\n"
        + "      - name: " + SHORT_LEAK_RULE + "\n"
        + "        detector: resource\n"
        + "        resource: memory_leak\n"
        + "        threshold: 10\n"
        + "        window: " + window.toMinutes() + "m\n"
        + "        severity: {medium: 1.0, high: 3.0}\n");
    return file;
  }

  /** The lines perfwatch's log sink wrote: one per transition (pending, firing, escalation, resolved). */
  static List<String> alertLines(String output) {
    return output.lines().filter(l -> l.contains(" io.perfwatch.alerts - alert ")).toList();
  }

  /** Every alert of the last hour in any state, from {@code GET /api/v1/performance/alerts}. */
  static List<JsonNode> alerts(URI base) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(
        "/api/v1/performance/alerts?hours=1&severity=low")).header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET alerts answered " + response.statusCode() + ": " + response.body());
    }
    List<JsonNode> alerts = new ArrayList<>();
    JSON.readTree(response.body()).path("alerts").forEach(alerts::add);
    return alerts;
  }
}
