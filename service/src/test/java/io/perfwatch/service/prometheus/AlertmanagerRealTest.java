package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.AlertmanagerServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * perfwatch's real engine, tracker and Alertmanager sink (the service on port 0, rules evaluated every second)
 * against Debian's real Alertmanager with the inhibit rules of the shipped {@code prometheus/alertmanager.yml}. At
 * every step Alertmanager's active, non-inhibited alerts of a rule must be exactly perfwatch's firing ones, label for
 * label. Error rates are set exactly by the mix of statuses on one route template.
 */
@Tag("real")
class AlertmanagerRealTest {
  private static final String TOKEN = "alertmanager-test-token-0123456789";
  private static final String RULES = """
      groups:
        - name: am
          interval: 1s
          rules:
            - name: demo-errors
              detector: error_rate
              include: ["/demo/**"]
              threshold: 10
              window: 10m
              min_requests: 1
              for: 10s
              severity: {low: 1.0, high: 3.0}
            - name: probe-errors
              detector: error_rate
              include: ["/probe/**"]
              threshold: 10
              window: 10m
              min_requests: 1
              severity: {low: 1.0, high: 3.0, critical: 5.0}
      """;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static AlertmanagerServer alertmanager;
  private static PerfWatchService service;

  @BeforeAll
  static void start() throws Exception {
    String shipped = Files.readString(Repo.ROOT.resolve("prometheus/alertmanager.yml"));
    alertmanager = new AlertmanagerServer(dir, AlertmanagerServer.SHORT_TIMINGS
        + shipped.substring(shipped.indexOf("\ninhibit_rules:") + 1));
    Path rules = Files.writeString(dir.resolve("rules.yml"), RULES);
    service = new PerfWatchService(ServiceConfig.onPort(0).withMonitoring(new MonitoringSettings(TOKEN,
        Optional.of(rules), List.of(), Map.of("PERFORMANCE_ALERTMANAGER_URL", alertmanager.uri().toString()))));
    for (String route : List.of("/probe/a/:code", "/probe/b/:code")) {
      service.service().get(route, (req, res) -> {
        res.status(Integer.parseInt(req.params(":code")));
        return "probe";
      });
    }
    service.start();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.stop();
    }
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @Test
  void escalatingDeEscalatingAndResolvingLeaveAlertmanagerWithExactlyOurFiringAlerts() throws Exception {
    requests("/demo/status/500", 2);
    requests("/demo/status/200", 8); // 20 %: low, pending for 10 s
    JsonNode pending = await().atMost(Duration.ofSeconds(30)).until(() -> ours("demo-errors"), a -> !a.isEmpty())
        .get(0);
    List<JsonNode> pushedWhilePending = theirs("demo-errors", true);
    assertThat(ours("demo-errors")).extracting(a -> a.get("state").asText()).containsExactly("pending");
    assertThat(pushedWhilePending).as("pending alerts are never pushed").isEmpty();

    JsonNode low = step("demo-errors", "low");
    assertThat(low.get("started_at").asText()).isEqualTo(pending.get("started_at").asText());
    JsonNode pushedLow = theirs("demo-errors", false).get(0);
    assertThat(startsAt(pushedLow)).as("startsAt is the firing time, not the pending start")
        .isEqualTo(low.get("firing_at").asText()).isNotEqualTo(low.get("started_at").asText());
    assertThat(Instant.parse(pushedLow.get("endsAt").asText())).as("4 x the 1 min resend delay ahead")
        .isBetween(Instant.now().plus(Duration.ofMinutes(3)), Instant.now().plus(Duration.ofMinutes(4)));
    URI link = URI.create(pushedLow.get("generatorURL").asText());
    assertThat(link).isEqualTo(URI.create("http://" + InetAddress.getLocalHost().getHostName() + ":"
        + service.port() + "/api/v1/performance/alerts/" + low.get("id").asText()));
    assertThat(api(link.getPath()).get("rule").asText()).isEqualTo("demo-errors");

    Instant beforeEscalation = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    requests("/demo/status/500", 8); // 10 of 18, 56 %: high at once, no second `for`
    JsonNode high = step("demo-errors", "high");
    assertThat(high.get("id").asText()).isEqualTo(low.get("id").asText());
    assertThat(Instant.parse(startsAt(theirs("demo-errors", false).get(0))))
        .as("the new severity starts at the change").isBetween(beforeEscalation, Instant.now());

    requests("/demo/status/200", 20); // 10 of 38, 26 %: low again
    step("demo-errors", "low");

    requests("/demo/status/200", 70); // 10 of 108, 9 %: resolved
    await().atMost(Duration.ofSeconds(30)).until(() -> ours("demo-errors").isEmpty());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(theirs("demo-errors", true))
        .as("no alert of the rule left in Alertmanager, inhibited or not").isEmpty());
  }

  @Test
  void aCriticalAlertInhibitsOnlyLowerSeveritiesOfTheSameAlertAndScope() throws Exception {
    requests("/probe/a/500", 6);
    requests("/probe/a/200", 4); // 60 %: critical
    requests("/probe/b/500", 4);
    requests("/probe/b/200", 6); // 40 %: high, on another endpoint: not inhibited
    await().atMost(Duration.ofSeconds(30)).until(() -> severities("probe-errors"),
        s -> s.equals(List.of("critical", "high")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(labels(theirs("probe-errors", false)))
        .isEqualTo(labels(ours("probe-errors"))));

    // What the exported Prometheus rules send next to it: the cumulative low step of the same alert and scope.
    Map<String, String> lowCopy = new TreeMap<>(Map.of("alertname", "probe-errors", "method", "GET", "uri",
        "/probe/a/:code", "severity", "low"));
    post(List.of(Map.of("labels", lowCopy, "startsAt", Instant.now().toString(), "endsAt",
        Instant.now().plus(Duration.ofMinutes(5)).toString())));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<JsonNode> all = theirs("probe-errors", true);
      assertThat(labels(all)).contains(lowCopy).hasSize(3);
      for (JsonNode alert : all) {
        boolean inhibited = !alert.at("/status/inhibitedBy").isEmpty();
        assertThat(inhibited).as(alert.get("labels").toString()).isEqualTo(labels(alert).equals(lowCopy));
      }
    });
    assertThat(labels(theirs("probe-errors", false))).isEqualTo(labels(ours("probe-errors")));
  }

  @Test
  void amtoolAcceptsTheShippedConfiguration() throws Exception {
    Process amtool = new ProcessBuilder("amtool", "check-config", "prometheus/alertmanager.yml")
        .directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
    String output = new String(amtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(amtool.waitFor()).as(output).isZero();
    assertThat(output).contains("SUCCESS", "3 inhibit rules");
  }

  /** Waits until perfwatch's firing alert of {@code rule} has {@code severity}, then until Alertmanager agrees. */
  private static JsonNode step(String rule, String severity) throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> severities(rule), s -> s.equals(List.of(severity)));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Set<Map<String, String>> before = labels(ours(rule));
      Set<Map<String, String>> pushed = labels(theirs(rule, false));
      assertThat(pushed).isEqualTo(before).isEqualTo(labels(ours(rule)));
    });
    return ours(rule).get(0);
  }

  private static void requests(String path, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + service.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
    }
  }

  private static JsonNode api(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + service.port() + path)).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** perfwatch's pending and firing alerts of {@code rule}, as its JSON API lists them. */
  private static List<JsonNode> ours(String rule) throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode a : api("/api/v1/performance/alerts?hours=1").get("alerts")) {
      if (a.get("rule").asText().equals(rule) && !a.get("state").asText().equals("resolved")) {
        alerts.add(a);
      }
    }
    return alerts;
  }

  /** The severities of perfwatch's firing alerts of {@code rule}, sorted by name. */
  private static List<String> severities(String rule) throws Exception {
    return ours(rule).stream().filter(a -> a.get("state").asText().equals("firing"))
        .map(a -> a.get("severity").asText()).sorted().toList();
  }

  /** Alertmanager's alerts of {@code rule}: active and not inhibited, or everything it holds. */
  private static List<JsonNode> theirs(String rule, boolean all) throws Exception {
    String filter = URLEncoder.encode("alertname=\"" + rule + "\"", StandardCharsets.UTF_8);
    String flags = all ? "&active=true&silenced=true&inhibited=true&unprocessed=true"
        : "&active=true&silenced=false&inhibited=false&unprocessed=true";
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(alertmanager.uri().resolve(
        "/api/v2/alerts?filter=" + filter + flags)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> alerts = new ArrayList<>();
    JSON.readTree(response.body()).forEach(alerts::add);
    return alerts;
  }

  private static void post(List<Map<String, Object>> alerts) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(alertmanager.uri().resolve("/api/v2/alerts"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Alertmanager's labels of an alert of either side: perfwatch's are its scope plus its labels. */
  private static Map<String, String> labels(JsonNode alert) {
    Map<String, String> labels = new TreeMap<>();
    (alert.has("scope") ? List.of(alert.get("scope"), alert.get("labels")) : List.of(alert.get("labels")))
        .forEach(node -> node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText())));
    return labels;
  }

  /** The label sets of perfwatch's firing alerts, or of Alertmanager's alerts. */
  private static Set<Map<String, String>> labels(List<JsonNode> alerts) {
    Set<Map<String, String>> sets = new HashSet<>();
    alerts.stream().filter(a -> !a.has("state") || a.get("state").asText().equals("firing"))
        .forEach(a -> sets.add(labels(a)));
    return sets;
  }

  /** Alertmanager's startsAt to the second, as perfwatch's API writes times. */
  private static String startsAt(JsonNode pushed) {
    return Instant.parse(pushed.get("startsAt").asText()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
