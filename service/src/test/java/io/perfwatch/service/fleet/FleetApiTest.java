package io.perfwatch.service.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The service scraping two services (real HTTP servers on port 0): the API answers per job and per instance, says
 * which jobs and instances it covers, lists the targets' health and exports it as metrics.
 */
class FleetApiTest {
  private static final String TOKEN = "fleet-api-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void answersPerJobAndInstanceAndSaysWhatItCovers() throws Exception {
    AtomicLong ordersScrapes = new AtomicLong();
    HttpServer orders = target(() -> 10 * ordersScrapes.getAndIncrement()); // 10 more requests per scrape
    HttpServer users = target(() -> 5); // no traffic after the first scrape
    String o = "127.0.0.1:" + orders.getAddress().getPort();
    String u = "127.0.0.1:" + users.getAddress().getPort();
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_SCRAPE_INTERVAL_SECONDS", "1",
        "PERFORMANCE_SCRAPE_TARGETS", "orders=http://" + o + "/metrics,users=http://" + u + "/metrics"));
    try (PerfWatchService service = new PerfWatchService(config).start()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> ordersScrapes.get() >= 3);

      JsonNode ordersOnly = get(service, "/api/v1/performance/metrics?job=orders");
      JsonNode usersOnly = get(service, "/api/v1/performance/metrics?job=users&instance=" + u);
      JsonNode targets = get(service, "/api/v1/performance/targets");
      JsonNode health = get(service, "/api/v1/performance/health");

      assertThat(ordersOnly.at("/requests/total_requests").asLong()).isPositive()
          .satisfies(n -> assertThat(n % 10).isZero());
      assertThat(ordersOnly.at("/fleet").toString()).isEqualTo("{\"jobs\":1,\"instances\":1}");
      assertThat(usersOnly.at("/requests/total_requests").asLong()).isZero();
      assertThat(usersOnly.at("/fleet/jobs").asLong()).isEqualTo(1);
      assertThat(targets.at("/targets")).hasSize(2);
      assertThat(targets.at("/targets/0/job").asText()).isEqualTo("orders");
      assertThat(targets.at("/targets/0/instance").asText()).isEqualTo(o);
      assertThat(targets.at("/targets/0/target").asText()).isEqualTo("http://" + o + "/metrics");
      assertThat(targets.at("/targets/0/up").asBoolean()).isTrue();
      assertThat(targets.at("/targets/0/series").asLong()).isEqualTo(6);
      assertThat(get(service, "/api/v1/performance/targets?job=users").at("/targets")).hasSize(1);
      assertThat(health.at("/source/kind").asText()).isEqualTo("scrape");
      assertThat(health.at("/fleet/jobs").asLong()).isEqualTo(2);
      assertThat(targets.at("/jobs").toString()).isEqualTo("[\"orders\",\"users\"]");
      assertThat(health.at("/fleet/targets_up").asLong()).isEqualTo(2);
      String exposition = client.send(HttpRequest.newBuilder(service.baseUri().resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(exposition).contains("perfwatch_target_up{instance=\"" + o + "\",job=\"orders\"} 1.0",
          "perfwatch_target_up{instance=\"" + u + "\",job=\"users\"} 1.0",
          "perfwatch_target_series{instance=\"" + o + "\",job=\"orders\"} 6.0");
    } finally {
      orders.stop(0);
      users.stop(0);
    }
  }

  private JsonNode get(PerfWatchService service, String path) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(service.baseUri().resolve(path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** A service whose one route has served {@code count} requests, all 200 and under 10 ms. */
  private static HttpServer target(java.util.function.LongSupplier count) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      long n = count.getAsLong();
      String labels = "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/items/:id\"";
      byte[] body = ("# TYPE http_server_requests_seconds histogram\n"
          + "http_server_requests_seconds_bucket{" + labels + ",le=\"0.01\"} " + n + "\n"
          + "http_server_requests_seconds_bucket{" + labels + ",le=\"+Inf\"} " + n + "\n"
          + "http_server_requests_seconds_count{" + labels + "} " + n + "\n"
          + "http_server_requests_seconds_sum{" + labels + "} " + n * 0.005 + "\n"
          + "# TYPE system_cpu_usage gauge\nsystem_cpu_usage 0.25\n"
          + "# TYPE system_memory_used_bytes gauge\nsystem_memory_used_bytes 1073741824\n")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }
}
