package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.testkit.PrometheusServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus (Debian's package) on a free port scrapes a real instrumented Spark service every second;
 * the fleet source must report exactly the traffic the test sent.
 *
 * <p>Why the counts are exact: {@code increase()} extrapolates the samples it sees to the edges of its range. The
 * test primes every series (one request per method, uri and status) so that no series starts inside the window,
 * takes {@code first} = the timestamp of a sample scraped after priming and before the traffic and {@code last} = one
 * scraped after all traffic, and asks for the window ({@code first - 1 ms}, {@code last}] at {@code last}. Then the
 * range ends on a sample and starts 1 ms before one, so the extrapolation factor is (S + 1 ms) / S for S the seconds
 * between the samples: at most 0.1% of 20 requests, which rounds away.
 */
@Tag("real")
class PrometheusQuerySourceRealTest {

  @TempDir
  static Path dir;
  private static InstrumentedService service;
  private static PrometheusServer prometheus;
  private static URI prometheusUri;

  @BeforeAll
  static void startPrometheus() throws Exception {
    service = new InstrumentedService();
    URI target = URI.create(service.metricsUrl());
    prometheus = new PrometheusServer(dir, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        + "scrape_configs:\n  - job_name: service\n    metrics_path: /metrics\n    static_configs:\n"
        + "      - targets: ['127.0.0.1:" + target.getPort() + "']\n");
    prometheusUri = prometheus.uri();
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void fleetWindowReportsExactlyTheTrafficSent() {
    PrometheusApi api = new PrometheusApi(prometheusUri, Duration.ofSeconds(5));
    service.get("/api/items/1", 1, 200);
    service.get("/api/fail", 1, 500);
    awaitCounts(api, 1, 1);
    long first = latestSampleMillis(api);

    service.get("/api/items/1", 20, 200);
    service.get("/api/fail", 5, 500);
    awaitCounts(api, 21, 6);
    long last = latestSampleMillis(api);

    WindowStats stats = new PrometheusQuerySource(prometheusUri, Duration.ofSeconds(5), System::currentTimeMillis)
        .window(first - 1, last);

    EndpointStats items = stats.endpoint("GET", "/api/items/:id").orElseThrow();
    assertThat(items.count()).isEqualTo(20);
    assertThat(items.statusCounts()).isEqualTo(Map.of(200, 20L));
    assertThat(items.avgQueriesPerRequest()).isCloseTo(1.0, within(1e-9));
    assertThat(items.avgMs()).isPositive().isLessThanOrEqualTo(items.maxMs());
    assertThat(items.p95Ms()).isPositive();
    // percentiles are computed from the bucket rates exactly as Prometheus's histogram_quantile computes them
    String range = "[" + (last - first + 1) + "ms]";
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      double expected = api.query("histogram_quantile(" + q + ", sum by (le, method, uri) "
          + "(rate(http_server_requests_seconds_bucket{uri=\"/api/items/:id\"}" + range + ")))", last).join()
          .get(0).value() * 1000;
      assertThat(q == 0.5 ? items.p50Ms() : q == 0.95 ? items.p95Ms() : items.p99Ms()).as("p" + q)
          .isEqualTo(expected);
      double total = api.query("histogram_quantile(" + q + ", sum by (le) "
          + "(rate(http_server_requests_seconds_bucket" + range + ")))", last).join().get(0).value() * 1000;
      EndpointStats all = stats.total();
      assertThat(q == 0.5 ? all.p50Ms() : q == 0.95 ? all.p95Ms() : all.p99Ms()).as("total p" + q)
          .isCloseTo(total, within(total * 1e-12)); // the same rates, added up in another order
    }
    EndpointStats fail = stats.endpoint("GET", "/api/fail").orElseThrow();
    assertThat(fail.count()).isEqualTo(5);
    assertThat(fail.serverErrors()).isEqualTo(5);
    assertThat(fail.errorRatePercent()).isEqualTo(100.0);
    assertThat(stats.total().count()).isEqualTo(25);
    assertThat(stats.queries()).filteredOn(q -> q.fingerprint().equals("SELECT orders")).singleElement()
        .extracting(q -> q.count()).isEqualTo(20L);
    assertThat(stats.system()).singleElement().satisfies(s -> assertThat(s.memoryUsedMb()).isPositive());
  }

  private static void awaitCounts(PrometheusApi api, long items, long failed) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        value(api, "http_server_requests_seconds_count{uri=\"/api/items/:id\"}") == items
            && value(api, "http_server_requests_seconds_count{uri=\"/api/fail\"}") == failed);
  }

  /** The timestamp of the newest scrape Prometheus has stored. */
  private static long latestSampleMillis(PrometheusApi api) {
    return Math.round(value(api, "timestamp(http_server_requests_seconds_count{uri=\"/api/items/:id\"})") * 1000);
  }

  private static double value(PrometheusApi api, String promql) {
    List<VectorSample> result = api.query(promql, System.currentTimeMillis()).join();
    return result.isEmpty() ? Double.NaN : result.get(0).value();
  }
}
