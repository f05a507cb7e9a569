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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor evaluates over a real Prometheus that dies and comes back. Prometheus sits behind a forwarding
 * proxy (502 while nothing answers behind it) so that the restarted server has the same URL. Meanwhile the monitor
 * stays healthy: {@code /health} answers 200 with the source marked down, data endpoints 503, one outage (one log
 * line) however many reads fail, and it recovers without a restart.
 */
@Tag("real")
class PrometheusDownRealTest {
  private static final String TOKEN = "fleet-test-token-0123456789";
  private static final String CONFIG = "global:\n  scrape_interval: 1s\nscrape_configs: []\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicReference<URI> backend = new AtomicReference<>();

  @Test
  void prometheusDownLeavesTheMonitorHealthyWithTheSourceMarkedDownAndItRecovers() throws Exception {
    HttpServer proxy = proxy();
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    PrometheusServer first = new PrometheusServer(dir.resolve("a"), CONFIG);
    backend.set(first.uri());
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN,
        "PERFORMANCE_PROMETHEUS_URL", "http://127.0.0.1:" + proxy.getAddress().getPort()));
    try (PerfWatchService service = new PerfWatchService(config).start()) {
      JsonNode up = json(get(service, "/api/v1/performance/health"));
      assertThat(up.at("/source/kind").asText()).isEqualTo("prometheus");
      assertThat(up.at("/source/up").asBoolean()).isTrue();
      assertThat(up.at("/fleet/jobs").size()).isZero();

      first.close();
      HttpResponse<String> health = get(service, "/api/v1/performance/health");
      HttpResponse<String> metrics = get(service, "/api/v1/performance/metrics");
      get(service, "/api/v1/performance/health");

      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode down = json(health);
      assertThat(down.at("/status").asText()).isEqualTo("healthy");
      assertThat(down.at("/source/up").asBoolean()).isFalse();
      assertThat(down.at("/source/down_since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(down.at("/source/last_error").asText()).contains("HTTP 502 with a body that is not JSON");
      // the monitor's own host (CPU stays null until its second sample, a few seconds after the start)
      assertThat(down.at("/system_metrics/memory_percent").isNumber()).isTrue();
      assertThat(down.at("/system_metrics").has("cpu_percent")).isTrue();
      assertThat(metrics.statusCode()).isEqualTo(503);
      assertThat(json(metrics).at("/error/code").asText()).isEqualTo("source_unavailable");
      assertThat(down.at("/source/outages").asLong()).isEqualTo(1); // three failed reads, one outage, one log line

      try (PrometheusServer second = new PrometheusServer(dir.resolve("b"), CONFIG)) {
        backend.set(second.uri());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(json(get(service, "/api/v1/performance/health")).at("/source/up").asBoolean()).isTrue());
        assertThat(get(service, "/api/v1/performance/metrics").statusCode()).isEqualTo(200);
        JsonNode recovered = json(get(service, "/api/v1/performance/health"));
        assertThat(recovered.at("/source/outages").asLong()).isEqualTo(1);
        assertThat(recovered.at("/source/down_since").isNull()).isTrue();
        assertThat(recovered.at("/source/last_error").asText()).contains("HTTP 502");
      }
    } finally {
      proxy.stop(0);
    }
  }

  /** Forwards every GET to the current Prometheus; 502 when it does not answer. */
  private HttpServer proxy() throws IOException {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", exchange -> {
      byte[] body;
      int status;
      try {
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(backend.get().resolve(
            exchange.getRequestURI().toString())).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        status = answer.statusCode();
        body = answer.body();
      } catch (IOException | InterruptedException e) {
        status = 502;
        body = "bad gateway".getBytes();
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
    return proxy;
  }

  private HttpResponse<String> get(PerfWatchService service, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(service.baseUri().resolve(path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
