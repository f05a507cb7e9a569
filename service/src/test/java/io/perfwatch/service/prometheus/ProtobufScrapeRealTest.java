package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.PrometheusServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Prometheus, started with docker-compose.yml's feature flags, asks {@code /metrics} for protobuf and
 * stores exactly the histogram the text exposition shows. Between them sits a relay owned by the test that records
 * what Prometheus asked for and what it got.
 */
@Tag("real")
class ProtobufScrapeRealTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SERIES = "http_server_requests_seconds_bucket{method=\"GET\",status=\"200\","
      + "uri=\"/api/transactions/:id\"}";
  private static final Pattern TEXT_BUCKET = Pattern.compile(
      "^http_server_requests_seconds_bucket\\{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
          + "uri=\"/api/transactions/:id\",le=\"([^\"]+)\"} (\\S+)$", Pattern.MULTILINE);

  @TempDir
  Path dir;

  private final CopyOnWriteArrayList<String> exchanges = new CopyOnWriteArrayList<>();

  @Test
  void prometheusScrapesProtobufAndStoresTheSameBuckets() throws Exception {
    PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)).start();
    HttpServer relay = relay(service.baseUri());
    try (PrometheusServer prometheus = new PrometheusServer(dir, "global:\n  scrape_interval: 1s\n"
        + "scrape_configs:\n  - job_name: relay\n    static_configs:\n      - targets: ['127.0.0.1:"
        + relay.getAddress().getPort() + "']\n", Repo.prometheusFeatureFlags())) {
      for (int i = 0; i < 7; i++) {
        assertThat(get(service.baseUri().resolve("/api/transactions/" + (i + 1))).statusCode()).isEqualTo(200);
      }
      Map<String, Double> text = textBuckets(get(service.baseUri().resolve("/metrics")).body());
      assertThat(text).hasSize(12).containsEntry("+Inf", 7.0);

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(storedBuckets(prometheus.uri())).isEqualTo(text));
      assertThat(exchanges).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith(
          "accept=application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
          .endsWith(" -> application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
              + "encoding=delimited"));
    } finally {
      relay.stop(0);
      service.stop();
    }
  }

  /** Forwards Prometheus's scrape to the service's /metrics with its Accept header, recording both sides. */
  private HttpServer relay(URI service) throws Exception {
    HttpServer relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.createContext("/metrics", exchange -> {
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      try {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(service.resolve("/metrics"))
            .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("none");
        exchanges.add("accept=" + accept + " -> " + type);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(response.statusCode(), response.body().length);
        exchange.getResponseBody().write(response.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    });
    relay.start();
    return relay;
  }

  private static Map<String, Double> textBuckets(String exposition) {
    Map<String, Double> buckets = new TreeMap<>();
    Matcher m = TEXT_BUCKET.matcher(exposition);
    while (m.find()) {
      buckets.put(normalized(m.group(1)), Double.valueOf(m.group(2)));
    }
    return buckets;
  }

  private static Map<String, Double> storedBuckets(URI prometheus) throws Exception {
    JsonNode body = new ObjectMapper().readTree(get(prometheus.resolve("/api/v1/query?query="
        + URLEncoder.encode(SERIES, StandardCharsets.UTF_8))).body());
    Map<String, Double> buckets = new TreeMap<>();
    body.path("data").path("result").forEach(r -> buckets.put(normalized(r.path("metric").path("le").asText()),
        Double.valueOf(r.path("value").path(1).asText())));
    return buckets;
  }

  /** The text writes {@code le="1.0"}, the protobuf a double that Prometheus stores as {@code le="1"}. */
  private static String normalized(String le) {
    return "+Inf".equals(le) ? le : Double.toString(Double.parseDouble(le));
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
