package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.PrometheusServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack without Docker: the service in-process with traffic that includes an N+1 route and 500s, and
 * Debian's real Prometheus scraping it every second with the exported alerting rules loaded (their group intervals
 * shortened to 1 s so the test need not wait a minute). Every dashboard query and every alert expression must parse
 * and return data. Run twice: Prometheus as docker-compose.yml starts it, which asks for protobuf
 * ({@link PrometheusStackProtobufRealTest}), and without flags, which asks for OpenMetrics
 * ({@link PrometheusStackOpenMetricsRealTest}).
 *
 * <p>Alert expressions are checked without their threshold: a healthy demo should not fire every alert, but the
 * measured value (the left side of the first {@code >=}) must exist, or the alert could never fire. The degradation
 * baseline looks an hour back ({@code offset 15m} over {@code [1h]}); Prometheus here is seconds old, so for the
 * value check the offset is shortened to 1s, while the full expression, offset included, must still parse.
 */
@Tag("real")
abstract class PrometheusStack {
  private static final String TOKEN = "stack-test-admin-token-0123456789";
  /** An alert's value: what its first line compares with its threshold ({@code >= 80}, {@code == 0}). */
  private static final Pattern LAST_COMPARISON = Pattern.compile("(.*) (?:>=|==|>|<=|<|!=) [0-9.]+");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static PerfWatchService service;
  private static ScheduledExecutorService traffic;
  private static PrometheusServer prometheus;
  private static URI prometheusUri;
  private static String instance;

  /** Starts the service and Prometheus with {@code flags}; each subclass calls it from its {@code @BeforeAll}. */
  static void start(List<String> flags) throws Exception {
    service = new PerfWatchService(ServiceConfig.onPort(0)
        .withMonitoring(MonitoringSettings.defaults().withAdminToken(TOKEN))).start();
    instance = "127.0.0.1:" + service.port();
    traffic = Executors.newSingleThreadScheduledExecutor();
    traffic.scheduleAtFixedRate(PrometheusStack::drive, 0, 250, TimeUnit.MILLISECONDS);

    String rules = Files.readString(Repo.ALERTS).replaceAll("(?m)^(\\s+interval: )\\S+$", "$11s");
    Files.writeString(dir.resolve("perfwatch-alerts.yml"), rules);
    prometheus = new PrometheusServer(dir, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        + "rule_files:\n  - perfwatch-alerts.yml\n"
        + "scrape_configs:\n  - job_name: perfwatch\n    static_configs:\n      - targets: ['" + instance + "']\n",
        flags);
    prometheusUri = prometheus.uri();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> query("up{job=\"perfwatch\"} == 1").size() == 1);
  }

  /** One round of traffic: plain reads, the N+1 route, a 500, and an analysis so perfwatch's own alerts exist. */
  private static void drive() {
    try {
      for (String path : List.of("/api/transactions?limit=5", "/api/transactions/1", "/api/users/1/summary",
          "/api/reports/monthly", "/demo/status/500", "/demo/sleep?ms=20")) {
        HTTP.send(HttpRequest.newBuilder(service.baseUri().resolve(path)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      HTTP.send(HttpRequest.newBuilder(service.baseUri().resolve("/api/v1/performance/analyze"))
          .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      // the next round tries again; a broken service shows up as empty queries
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (traffic != null) {
      traffic.shutdownNow();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void everyDashboardQueryReturnsData() {
    Map<String, String> queries = new LinkedHashMap<>();
    for (Path file : Repo.dashboards()) {
      for (JsonNode panel : Repo.panels(Repo.json(file))) {
        panel.path("targets").forEach(t -> queries.put(file.getFileName() + " / " + panel.path("title").asText()
            + " / " + t.path("refId").asText(), substitute(t.path("expr").asText())));
      }
    }
    assertThat(queries).hasSizeGreaterThan(30);
    awaitAllReturnData(queries);
  }

  @Test
  void everyAlertExpressionParsesAndItsValueReturnsData() {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode rule : Repo.alertingRules()) {
      String expr = rule.path("expr").asText();
      String name = rule.path("alert").asText() + " " + rule.path("labels").path("severity").asText();
      assertThat(status(expr)).as(name + ": " + expr).isEqualTo("success");
      String firstLine = expr.lines().findFirst().orElseThrow();
      Matcher comparison = LAST_COMPARISON.matcher(firstLine);
      assertThat(comparison.matches()).as(name + ": a comparison").isTrue();
      values.put(name, comparison.group(1).replaceAll("offset \\w+", "offset 1s"));
    }
    assertThat(values).hasSize(34);
    awaitAllReturnData(values);
  }

  @Test
  void prometheusFiresTheExportedNPlusOneAlert() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(query("ALERTS{alertname=\"n-plus-one-queries\",alertstate=\"firing\"}"))
            .anySatisfy(s -> assertThat(s.path("metric").path("uri").asText()).isEqualTo("/api/users/:id/summary")));
  }

  @Test
  void routesTableShowsZeroPercent5xxForRoutesWithoutErrors() {
    String expr = substitute(target("perfwatch-endpoints.json", "Routes", "B"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, Double> byUri = new LinkedHashMap<>();
      query(expr).forEach(s -> byUri.put(s.path("metric").path("uri").asText(),
          Double.parseDouble(s.path("value").path(1).asText())));
      assertThat(byUri).containsEntry("/api/transactions/:id", 0.0).containsEntry("/demo/status/:code", 100.0);
    });
  }

  @Test
  void alertsNowTableListsOnlyNonZeroRows() {
    String expr = substitute(target("perfwatch-alerts.json", "perfwatch alerts now", "A"));
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      List<JsonNode> rows = query(expr);
      assertThat(rows).isNotEmpty()
          .allSatisfy(r -> assertThat(Double.parseDouble(r.path("value").path(1).asText())).isPositive());
      assertThat(query(substitute("perfwatch_alerts{job=~\"$job\",instance=~\"$instance\"} == 0")))
          .as("the loaded rules' series at 0 exist, and the table leaves them out").isNotEmpty();
    });
  }

  private static String target(String dashboard, String title, String refId) {
    for (JsonNode panel : Repo.panels(Repo.json(Repo.DASHBOARDS.resolve(dashboard)))) {
      for (JsonNode t : panel.path("targets")) {
        if (panel.path("title").asText().equals(title) && t.path("refId").asText().equals(refId)) {
          return t.path("expr").asText();
        }
      }
    }
    throw new AssertionError(dashboard + " has no panel '" + title + "' with query " + refId);
  }

  @Test
  void liveExpositionPassesPromtoolCheckMetrics() throws Exception {
    String exposition = HTTP.send(HttpRequest.newBuilder(service.baseUri().resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Promtool.Result r = Promtool.run(Repo.ROOT, exposition, "check", "metrics");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isBlank();
  }

  /** Grafana's variables as a user would pick them: this job and instance, every route, Grafana's intervals. */
  private static String substitute(String expr) {
    return expr.replace("$job", "perfwatch").replace("$instance", instance.replace(".", "\\\\."))
        .replace("$uri", ".*").replace("$__rate_interval", "1m").replace("$__range", "5m")
        .replace("$__interval", "15s");
  }

  private static void awaitAllReturnData(Map<String, String> queries) {
    Map<String, String> empty = new LinkedHashMap<>(queries);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        empty.entrySet().removeIf(e -> !queryUnchecked(e.getValue()).isEmpty());
        return empty.isEmpty();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // report which ones, not just that the condition timed out
    }
    assertThat(empty).as("queries without data").isEmpty();
  }

  private static List<JsonNode> query(String promql) throws Exception {
    JsonNode body = get(promql);
    assertThat(body.path("status").asText()).as(promql + ": " + body).isEqualTo("success");
    List<JsonNode> result = new java.util.ArrayList<>();
    body.path("data").path("result").forEach(result::add);
    return result;
  }

  private static List<JsonNode> queryUnchecked(String promql) {
    try {
      return query(promql);
    } catch (Exception e) {
      throw new IllegalStateException(promql, e);
    }
  }

  private static String status(String promql) {
    try {
      JsonNode body = get(promql);
      return body.path("status").asText() + (body.has("error") ? ": " + body.path("error").asText() : "");
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static JsonNode get(String promql) throws Exception {
    URI uri = prometheusUri.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
  }
}
