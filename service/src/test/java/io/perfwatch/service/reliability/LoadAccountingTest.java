package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thirty seconds of loopback load on the demo service while /metrics is scraped every 100 ms and the admin API is
 * called every 200 ms. Afterwards the exposition and the store account for every response exactly, perfwatch's own
 * endpoints never answered 5xx, and the JSON API's p95 (DDSketch, 1 %) falls into the histogram bucket that
 * Prometheus would interpolate within.
 */
@Tag("reliability")
class LoadAccountingTest {
  private static final String TOKEN = "reliability-token-0123456789";
  private static final Duration LOAD = Duration.ofSeconds(30);
  private static final String[] ROUTES = {"/api/transactions/1", "/api/transactions/2", "/api/transactions?limit=5",
      "/api/users/3/summary", "/demo/status/500", "/demo/status/404", "/api/transactions/999999"};

  @Test
  void everyResponseIsCountedExactlyUnderLoad() throws Exception {
    try (PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)
        .withMonitoring(MonitoringSettings.defaults().withAdminToken(TOKEN))).start()) {
      URI base = service.baseUri();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      AtomicLong responses = new AtomicLong();
      ConcurrentLinkedQueue<String> ownFailures = new ConcurrentLinkedQueue<>();
      long deadline = System.nanoTime() + LOAD.toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        jobs.add(pool.submit(() -> {
          for (long i = offset; System.nanoTime() < deadline; i++) {
            String path = ROUTES[(int) (i % ROUTES.length)];
            send(client, base.resolve(path), null);
            responses.incrementAndGet();
          }
          return null;
        }));
      }
      jobs.add(pool.submit(() -> {
        watch(client, base.resolve("/metrics"), null, 100, deadline, ownFailures);
        return null;
      }));
      jobs.add(pool.submit(() -> {
        watch(client, base.resolve("/api/v1/performance/report?hours=1&format=detailed"), TOKEN, 200, deadline,
            ownFailures);
        return null;
      }));
      for (Future<?> job : jobs) {
        job.get();
      }
      pool.shutdown();
      long sent = responses.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() >= sent);

      String scrape = new TestClient(base).get("/metrics").body();
      assertThat(ownFailures).isEmpty();
      assertThat(sent).isGreaterThan(1000);
      assertThat(sumOf(scrape, "http_server_requests_seconds_count{")).isEqualTo(sent);
      assertThat(PerfWatchInternals.of(service.perfWatch()).store().totalRequests()).isEqualTo(sent);
      JsonNode metrics = new ObjectMapper().readTree(
          new TestClient(base).get("/api/v1/performance/metrics?minutes=5&include_system=false").body());
      assertThat(metrics.get("requests").get("total_requests").asLong()).isEqualTo(sent);
      assertThat(service.perfWatch().stats().live().activeRequests()).isZero();
      assertThat(service.perfWatch().stats().live().activeConnections()).isZero();
      assertP95AgreesWithTheHistogram(service, scrape);
      System.out.printf("Load %d s: %d responses, each counted once in the timer, the store and the JSON API%n",
          LOAD.toSeconds(), sent);
    }
  }

  /** The sketch's p95 lies in the bucket where histogram_quantile(0.95, ...) would interpolate. */
  private static void assertP95AgreesWithTheHistogram(PerfWatchService service, String scrape) {
    String series = "http_server_requests_seconds_bucket{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\","
        + "status=\"200\",uri=\"/api/transactions/:id\",le=\"";
    List<double[]> buckets = new ArrayList<>(); // {upper bound, cumulative count}
    scrape.lines().filter(l -> l.startsWith(series)).forEach(l -> {
      String le = l.substring(series.length(), l.indexOf('"', series.length()));
      buckets.add(new double[] {"+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
          Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))});
    });
    double total = buckets.get(buckets.size() - 1)[1];
    double lower = 0;
    double upper = Double.POSITIVE_INFINITY;
    for (double[] bucket : buckets) {
      if (bucket[1] >= 0.95 * total) {
        upper = bucket[0];
        break;
      }
      lower = bucket[0];
    }
    double sketchP95Seconds = service.perfWatch().stats().window(Duration.ofMinutes(5))
        .endpoint("GET", "/api/transactions/:id").orElseThrow().p95Ms() / 1000;
    // The sketch's p95 mixes 200 and 404 answers of the route; both are fast reads of one row.
    assertThat(sketchP95Seconds).isBetween(lower * 0.99 - 0.001, upper * 1.01 + 0.001);
  }

  private static void watch(HttpClient client, URI uri, String token, long everyMillis, long deadline,
      ConcurrentLinkedQueue<String> failures) throws Exception {
    while (System.nanoTime() < deadline) {
      int status = send(client, uri, token);
      if (status >= 500) {
        failures.add(uri.getPath() + " answered " + status);
      }
      long pause = System.nanoTime() + everyMillis * 1_000_000;
      await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5))
          .until(() -> System.nanoTime() >= pause);
    }
  }

  private static int send(HttpClient client, URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static long sumOf(String scrape, String prefix) {
    return scrape.lines().filter(l -> l.startsWith(prefix))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
