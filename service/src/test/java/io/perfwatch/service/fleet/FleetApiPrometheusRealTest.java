package io.perfwatch.service.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.PrometheusServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over a real Prometheus scraping two replicas of {@code orders} (the second failing one of its four
 * requests) and one of {@code users}: {@code ?job=}/{@code ?instance=} narrow the answers to a service or replica,
 * each answer names what it covers, a job Prometheus does not scrape is 404, and the public {@code /health} counts
 * the fleet without naming it.
 */
@Tag("real")
class FleetApiPrometheusRealTest {
  private static final String TOKEN = "fleet-prometheus-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void answersNarrowToAServiceOrReplicaAndNameWhatTheyCover() throws Exception {
    Target o1 = new Target();
    Target o2 = new Target();
    Target u1 = new Target();
    try (PrometheusServer prometheus = new PrometheusServer(dir, "global:\n  scrape_interval: 1s\nscrape_configs:\n"
        + "  - job_name: orders\n    static_configs:\n      - targets: ['" + o1.instance() + "', '" + o2.instance()
        + "']\n  - job_name: users\n    static_configs:\n      - targets: ['" + u1.instance() + "']\n");
        PerfWatchService service = new PerfWatchService(ServiceConfig.fromEnvironment(Map.of(
            "PERFORMANCE_HTTP_PORT", "0", "PERFORMANCE_ADMIN_TOKEN", TOKEN,
            "PERFORMANCE_PROMETHEUS_URL", prometheus.uri().toString()))).start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> o1.scrapes.get() >= 2 && o2.scrapes.get() >= 2
          && u1.scrapes.get() >= 2); // every series scraped at 0 first: increase() sees all that follows
      o1.ok.set(4);
      o2.ok.set(3);
      o2.failed.set(1);
      u1.ok.set(2);
      // increase() extrapolates to the end of the range, by less than one scrape interval (1 s) of the time its
      // samples span; past 10 s that is under 10 %, so the replica's counts round to exactly 3 and 1
      long scraped = o2.scrapes.get();
      await().atMost(Duration.ofSeconds(40)).until(() -> o2.scrapes.get() >= scraped + 10);

      JsonNode replica = get(service, "/api/v1/performance/report?hours=1&job=orders&instance=" + o2.instance());
      JsonNode healthyReplica = get(service, "/api/v1/performance/report?hours=1&instance=" + o1.instance());
      JsonNode users = get(service, "/api/v1/performance/endpoints?job=users");
      JsonNode all = get(service, "/api/v1/performance/database");
      HttpResponse<String> unknown = send(service, "/api/v1/performance/alerts?job=billing", TOKEN);
      HttpResponse<String> health = send(service, "/api/v1/performance/health", null);

      assertThat(replica.get("error_rate_percent").asDouble()).isEqualTo(25.0);
      assertThat(replica.get("fleet").toString()).isEqualTo(covers(List.of("orders"), List.of(o2.instance())));
      assertThat(healthyReplica.get("error_rate_percent").asDouble()).isEqualTo(0.0);
      assertThat(healthyReplica.get("total_requests").asLong()).isPositive();
      assertThat(healthyReplica.get("fleet").toString()).isEqualTo(covers(List.of("orders"),
          List.of(o1.instance())));
      assertThat(users.at("/endpoints/0/endpoint").asText()).isEqualTo("GET /api/items/:id");
      assertThat(users.at("/endpoints/0/server_errors").asLong()).isZero();
      assertThat(users.get("fleet").toString()).isEqualTo(covers(List.of("users"), List.of(u1.instance())));
      assertThat(all.get("fleet").toString()).isEqualTo(covers(List.of("orders", "users"),
          List.of(o1.instance(), o2.instance(), u1.instance())));
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no watched target has "
          + "job 'billing'; GET /api/v1/performance/targets lists them\"}}");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(health.body()).get("fleet").toString())
          .isEqualTo("{\"jobs\":2,\"instances\":3,\"targets_up\":3,\"targets_down\":0}");
      assertThat(health.body()).doesNotContain("orders", "users", "127.0.0.1");
    } finally {
      o1.server.stop(0);
      o2.server.stop(0);
      u1.server.stop(0);
    }
  }

  private JsonNode get(PerfWatchService service, String path) throws Exception {
    HttpResponse<String> response = send(service, path, TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(PerfWatchService service, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.baseUri().resolve(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String covers(List<String> jobs, List<String> instances) {
    return "{\"jobs\":" + quoted(jobs) + ",\"instances\":" + quoted(instances.stream().sorted().toList()) + "}";
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").toList().toString().replace(", ", ",");
  }

  /** A service whose one route has served {@code ok} 200s and {@code failed} 500s so far, all under 10 ms. */
  private static final class Target {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong scrapes = new AtomicLong();
    final HttpServer server;

    Target() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/metrics", exchange -> {
        StringBuilder body = new StringBuilder("# TYPE http_server_requests_seconds histogram\n");
        series(body, "200", "SUCCESS", ok.get());
        series(body, "500", "SERVER_ERROR", failed.get());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
        scrapes.incrementAndGet();
      });
      server.start();
    }

    String instance() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void series(StringBuilder out, String status, String outcome, long n) {
      String labels = "method=\"GET\",outcome=\"" + outcome + "\",status=\"" + status + "\",uri=\"/api/items/:id\"";
      out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"0.01\"} ").append(n)
          .append('\n').append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
          .append(n).append('\n').append("http_server_requests_seconds_count{").append(labels).append("} ")
          .append(n).append('\n').append("http_server_requests_seconds_sum{").append(labels).append("} ")
          .append(n * 0.005).append('\n');
    }
  }
}
