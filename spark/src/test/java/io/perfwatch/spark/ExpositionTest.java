package io.perfwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.MetricsServer;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import spark.Service;

class ExpositionTest {

  private static String traffic(PerfWatch perfwatch) throws Exception {
    Service http = Service.ignite().port(0);
    try {
      SparkPerfWatch.instrument(perfwatch, http);
      SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
      http.get("/api/items/:id", (req, res) -> "item");
      http.get("/fail", (req, res) -> {
        res.status(503);
        return "down";
      });
      http.awaitInitialization();
      HttpClient client = HttpClient.newHttpClient();
      for (String path : new String[] {"/api/items/1", "/api/items/2", "/fail", "/missing"}) {
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      Recorded.awaitRequests(perfwatch, 4);
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } finally {
      http.stop();
      http.awaitStop();
    }
  }

  @Test
  void standaloneServerServesTheSameRegistry() throws Exception {
    PerfWatch perfwatch = PerfWatch.builder().build();
    traffic(perfwatch);
    try (MetricsServer server = perfwatch.startMetricsServer(0)) {
      String body = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();

      assertThat(body).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
          + "outcome=\"SERVER_ERROR\",status=\"503\",uri=\"/fail\"} 1");
    }
  }

  @Test
  void httpSeriesUseTheDocumentedBucketLayout() throws Exception {
    String scrape = traffic(PerfWatch.builder().build());

    long buckets = scrape.lines()
        .filter(l -> l.startsWith("http_server_requests_seconds_bucket{") && l.contains("uri=\"/fail\""))
        .count();
    assertThat(buckets).isEqualTo(12);
    assertThat(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket{")
        && l.contains("uri=\"/fail\"")).map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1")))
        .containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.0", "4.0", "8.0", "+Inf");
  }

  @Test
  void everyMeterHasADescription() throws Exception {
    PerfWatch perfwatch = PerfWatch.builder().build();
    traffic(perfwatch);

    assertThat(perfwatch.registry().getMeters())
        .allSatisfy(m -> assertThat(m.getId().getDescription()).as(m.getId().getName()).isNotBlank());
  }

  @Test
  @Tag("real")
  void promtoolFindsNoProblemInTheExposition() throws Exception {
    PerfWatch perfwatch = PerfWatch.builder().build();
    PerfWatchInternals.of(perfwatch).system().sample();
    String scrape = traffic(perfwatch);

    Process promtool = new ProcessBuilder(RealComponents.promtool().toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    promtool.getOutputStream().close();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).isEmpty();
    assertThat(promtool.exitValue()).isZero();
  }

}
