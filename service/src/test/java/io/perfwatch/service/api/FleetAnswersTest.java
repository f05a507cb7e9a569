package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.CapturedStderr;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fleet answer over real scrape targets (HTTP servers on port 0): two instances of {@code orders}, the second
 * failing 10 of its 40 requests, and one of {@code users}. Each target serves fixed totals, so every figure is
 * exact. The answers narrow to {@code ?job=}/{@code ?instance=}, say which jobs and instances they cover (by name in
 * admin answers, as counts in public ones), refuse a job no target has, and match the OpenAPI document.
 */
class FleetAnswersTest {
  private static final String TOKEN = "fleet-answers-token-0123456789";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
  private static final String API = PerformanceRoutes.BASE;
  private static final OpenApiSpec SPEC = OpenApiSpec.load();

  @TempDir
  static Path dir;
  private static List<HttpServer> targets;
  private static PerfWatchService service;
  private static ApiClient client;
  private static String o1;
  private static String o2;
  private static String u1;

  @BeforeAll
  static void start() throws IOException {
    targets = List.of(target(40, 0), target(30, 10), target(20, 0));
    o1 = "127.0.0.1:" + targets.get(0).getAddress().getPort();
    o2 = "127.0.0.1:" + targets.get(1).getAddress().getPort();
    u1 = "127.0.0.1:" + targets.get(2).getAddress().getPort();
    Path rules = Files.writeString(dir.resolve("fleet.yml"), """
        groups:
          - name: fleet
            interval: 1h
            rules:
              - {name: errors-per-replica, detector: error_rate, scope: overall, aggregate: instance,
                 threshold: 20, window: 5m, severity: high}
              - {name: errors-per-service, detector: error_rate, scope: overall, threshold: 10, window: 5m,
                 severity: high}
        """);
    service = new PerfWatchService(ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_SCRAPE_INTERVAL_SECONDS", "1",
        "PERFORMANCE_RULES_FILE", rules.toString(), "PERFORMANCE_SCRAPE_TARGETS",
        "orders=http://" + o1 + "/metrics,orders=http://" + o2 + "/metrics,users=http://" + u1 + "/metrics")))
        .start();
    client = new ApiClient(service.baseUri());
    await().atMost(Duration.ofSeconds(20)).until(() -> json(client.get(API + "/report", AUTH))
        .at("/total_requests").asLong() == 100);
    try (CapturedStderr log = CapturedStderr.quiet()) {
      assertThat(client.send("POST", API + "/analyze", AUTH).statusCode()).isEqualTo(200);
      assertThat(log.lines().stream().map(l -> l.substring(l.indexOf("] ") + 2))).containsExactlyInAnyOrder(
          "WARN io.perfwatch.alerts - alert firing severity=high rule=errors-per-replica scope={instance=" + o2
              + ", job=orders, scope=overall} value=25.0 threshold=20.0",
          "WARN io.perfwatch.alerts - alert firing severity=high rule=errors-per-service scope={job=orders, "
              + "scope=overall} value=12.5 threshold=10.0");
    }
  }

  @AfterAll
  static void stop() {
    service.stop();
    targets.forEach(t -> t.stop(0));
  }

  @Test
  void reportsNarrowToAJobOrAnInstanceAndNameWhatTheyCover() {
    JsonNode all = admin("/report");
    JsonNode orders = admin("/report?job=orders");
    JsonNode replica = admin("/report?job=orders&instance=" + o2);
    JsonNode users = admin("/report?format=detailed&job=users");

    assertThat(all.get("total_requests").asLong()).isEqualTo(100);
    assertThat(all.get("fleet").toString()).isEqualTo(covers(List.of("orders", "users"), List.of(o1, o2, u1)));
    assertThat(orders.get("total_requests").asLong()).isEqualTo(80);
    assertThat(orders.get("error_rate_percent").asDouble()).isEqualTo(12.5);
    assertThat(orders.get("high_alerts").asInt()).isEqualTo(2);
    assertThat(orders.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o1, o2)));
    assertThat(replica.get("total_requests").asLong()).isEqualTo(40);
    assertThat(replica.get("error_rate_percent").asDouble()).isEqualTo(25.0);
    assertThat(replica.get("high_alerts").asInt()).isEqualTo(1); // its own: the per-service alert has no instance
    assertThat(replica.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o2)));
    assertThat(users.at("/summary/total_requests").asLong()).isEqualTo(20);
    assertThat(users.at("/summary/high_alerts").asInt()).isZero();
    assertThat(users.at("/request_analysis/total_requests").asLong()).isEqualTo(20);
    assertThat(users.at("/bottleneck_analysis/alerts").asInt()).isZero();
    assertThat(users.get("fleet").toString()).isEqualTo(covers(List.of("users"), List.of(u1)));
  }

  @Test
  void alertsFilterByTheirJobAndInstanceLabels() {
    JsonNode orders = admin("/alerts?job=orders");
    JsonNode badReplica = admin("/alerts?instance=" + o2);
    JsonNode healthyReplica = admin("/alerts?instance=" + o1);
    JsonNode users = admin("/alerts?job=users");

    assertThat(orders.get("total").asInt()).isEqualTo(2);
    assertThat(orders.get("alerts").findValuesAsText("rule")).containsExactlyInAnyOrder("errors-per-replica",
        "errors-per-service");
    assertThat(orders.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o1, o2)));
    assertThat(badReplica.get("total").asInt()).isEqualTo(1);
    assertThat(badReplica.at("/alerts/0/rule").asText()).isEqualTo("errors-per-replica");
    assertThat(badReplica.at("/alerts/0/scope/job").asText()).isEqualTo("orders");
    assertThat(badReplica.at("/alerts/0/scope/instance").asText()).isEqualTo(o2);
    assertThat(badReplica.at("/alerts/0/state").asText()).isEqualTo("firing");
    assertThat(badReplica.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o2)));
    assertThat(healthyReplica.get("total").asInt()).isZero();
    assertThat(healthyReplica.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o1)));
    assertThat(users.get("total").asInt()).isZero();
    assertThat(users.get("fleet").toString()).isEqualTo(covers(List.of("users"), List.of(u1)));
  }

  @Test
  void oneAlertCoversItsInstanceOrItsJobsInstances() {
    JsonNode orders = admin("/alerts?job=orders");
    String replicaId = alertId(orders, "errors-per-replica");
    String serviceId = alertId(orders, "errors-per-service");

    assertThat(admin("/alerts/" + replicaId).get("fleet").toString()).isEqualTo(covers(List.of("orders"),
        List.of(o2)));
    assertThat(admin("/alerts/" + serviceId).get("fleet").toString()).isEqualTo(covers(List.of("orders"),
        List.of(o1, o2)));
  }

  private static String alertId(JsonNode alerts, String rule) {
    for (JsonNode alert : alerts.get("alerts")) {
      if (alert.get("rule").asText().equals(rule)) {
        return alert.get("id").asText();
      }
    }
    throw new AssertionError("no alert of " + rule + " in " + alerts);
  }

  @Test
  void databaseEndpointAnalysisAndAnalyzeSayWhatTheyCover() {
    JsonNode database = admin("/database?job=users");
    JsonNode endpoint = admin("/analyze/endpoint/api/items/7?job=orders&instance=" + o2);
    HttpResponse<String> analyze = client.send("POST", API + "/analyze", AUTH);

    assertThat(database.get("fleet").toString()).isEqualTo(covers(List.of("users"), List.of(u1)));
    assertThat(endpoint.get("endpoint").asText()).isEqualTo("GET /api/items/:id");
    assertThat(endpoint.get("total_requests").asLong()).isEqualTo(40);
    assertThat(endpoint.get("status_codes").toString()).isEqualTo("{\"200\":30,\"500\":10}");
    assertThat(endpoint.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o2)));
    assertThat(analyze.statusCode()).isEqualTo(200);
    assertThat(json(analyze).get("alerts")).hasSize(2);
    assertThat(json(analyze).get("fleet").toString()).isEqualTo(covers(List.of("orders", "users"),
        List.of(o1, o2, u1)));
    assertThat(SPEC.response("POST", API + "/analyze", 200).violations(json(analyze))).isEmpty();
  }

  @Test
  void aJobOrInstanceNoTargetHasIsNotFound() {
    HttpResponse<String> job = client.get(API + "/report?job=billing", AUTH);
    HttpResponse<String> pair = client.get(API + "/metrics?job=orders&instance=" + u1);
    HttpResponse<String> endpoint = client.get(API + "/analyze/endpoint/api/nothing?job=users", AUTH);

    assertThat(job.statusCode()).isEqualTo(404);
    assertThat(json(job).toString()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no watched target "
        + "has job 'billing'; GET /api/v1/performance/targets lists them\"}}");
    assertThat(pair.statusCode()).isEqualTo(404);
    assertThat(json(pair).at("/error/message").asText()).isEqualTo("no watched target has job 'orders' and "
        + "instance '" + u1 + "'; GET /api/v1/performance/targets lists them");
    assertThat(endpoint.statusCode()).isEqualTo(404);
    assertThat(json(endpoint).at("/error/message").asText()).isEqualTo("no requests recorded for GET '/api/nothing' "
        + "in the last 24 hours of job 'users'");
    assertThat(SPEC.response("GET", API + "/report", 404).violations(json(job))).isEmpty();
  }

  @Test
  void aJobNameIsAtMost200Characters() {
    HttpResponse<String> response = client.get(API + "/alerts?job=" + "x".repeat(201), AUTH);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/message").asText()).isEqualTo("'job' must be at most 200 characters, "
        + "was 201");
  }

  @Test
  void publicAnswersCountJobsAndInstancesWithoutNamingThem() {
    HttpResponse<String> health = client.get(API + "/health");
    HttpResponse<String> metrics = client.get(API + "/metrics?job=orders");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("fleet").toString())
        .isEqualTo("{\"jobs\":2,\"instances\":3,\"targets_up\":3,\"targets_down\":0}");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(json(metrics).at("/requests/total_requests").asLong()).isEqualTo(80);
    assertThat(json(metrics).get("fleet").toString()).isEqualTo("{\"jobs\":1,\"instances\":2}");
    for (HttpResponse<String> answer : List.of(health, metrics)) {
      assertThat(answer.body()).doesNotContain("orders", "users", "127.0.0.1");
      assertThat(SPEC.response("GET", answer.uri().getPath(), 200).violations(json(answer))).isEmpty();
    }
  }

  /**
   * Every operation the document lists {@code job}/{@code instance} for takes them over a fleet: a watched one
   * answers 200 with a {@code fleet} block, as documented; one that no target has, 404.
   */
  @Test
  void everyOperationListingJobOrInstanceTakesThem() {
    List<String> checked = new ArrayList<>();
    for (String operation : SPEC.operations().stream().filter(o -> o.startsWith("GET ")).toList()) {
      String path = operation.substring(4);
      String url = path.replace("{path}", "api/items/:id");
      for (JsonNode parameter : SPEC.parameters("GET", path)) {
        if (!parameter.path("x-fleet-only").asBoolean()) {
          continue;
        }
        String name = parameter.get("name").asText();
        HttpResponse<String> watched = client.get(url + "?" + name + "=" + (name.equals("job") ? "orders" : o2), AUTH);
        HttpResponse<String> unknown = client.get(url + "?" + name + "=nowhere", AUTH);

        assertThat(watched.statusCode()).as(watched.uri() + " " + watched.body()).isEqualTo(200);
        assertThat(json(watched).has(path.endsWith("/targets") ? "targets" : "fleet")).as(url).isTrue();
        assertThat(SPEC.response("GET", url, 200).violations(json(watched))).as(url).isEmpty();
        assertThat(unknown.statusCode()).as(unknown.uri().toString()).isEqualTo(404);
        assertThat(SPEC.response("GET", url, 404).violations(json(unknown))).as(url).isEmpty();
        checked.add(path.substring(API.length()) + "?" + name);
      }
    }
    assertThat(checked).containsExactly("/metrics?job", "/metrics?instance", "/targets?job", "/targets?instance",
        "/endpoints?job", "/endpoints?instance", "/database?job", "/database?instance", "/alerts?job",
        "/alerts?instance", "/report?job", "/report?instance", "/analyze/endpoint/{path}?job",
        "/analyze/endpoint/{path}?instance");
  }

  /** A 200 answer of an admin GET, checked against the document. */
  private static JsonNode admin(String pathAndQuery) {
    HttpResponse<String> response = client.get(API + pathAndQuery, AUTH);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(SPEC.response("GET", response.uri().getPath(), 200).violations(body)).isEmpty();
    return body;
  }

  private static String covers(List<String> jobs, List<String> instances) {
    return "{\"jobs\":" + quoted(jobs) + ",\"instances\":" + quoted(instances.stream().sorted().toList()) + "}";
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").toList().toString().replace(", ", ",");
  }

  /**
   * A service whose one route has served {@code ok} 200s and {@code failed} 500s, all under 10 ms, since its first
   * scrape: that one (a scrape source's baseline) has no requests yet, every later one the same totals.
   */
  private static HttpServer target(long ok, long failed) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicBoolean first = new AtomicBoolean(true);
    server.createContext("/metrics", exchange -> {
      StringBuilder body = new StringBuilder("# TYPE http_server_requests_seconds histogram\n");
      if (!first.getAndSet(false)) {
        series(body, "200", "SUCCESS", ok);
        series(body, "500", "SERVER_ERROR", failed);
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static void series(StringBuilder out, String status, String outcome, long n) {
    if (n == 0) {
      return;
    }
    String labels = "method=\"GET\",outcome=\"" + outcome + "\",status=\"" + status + "\",uri=\"/api/items/:id\"";
    out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"0.01\"} ").append(n).append('\n')
        .append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(n).append('\n')
        .append("http_server_requests_seconds_count{").append(labels).append("} ").append(n).append('\n')
        .append("http_server_requests_seconds_sum{").append(labels).append("} ").append(n * 0.005).append('\n');
  }
}
