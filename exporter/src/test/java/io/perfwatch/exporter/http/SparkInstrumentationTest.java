package io.perfwatch.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.store.RequestMetrics;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import spark.Service;

class SparkInstrumentationTest {
  private final List<Service> services = new ArrayList<>();

  @AfterEach
  void stop() {
    services.forEach(Service::stop);
    services.forEach(Service::awaitStop);
  }

  private Service app(PerfWatch perfwatch) {
    Service http = Service.ignite().port(0);
    services.add(http);
    perfwatch.instrument(http);
    perfwatch.mountMetrics(http, "/metrics");
    http.get("/api/transactions/:id", (req, res) -> "{\"id\":" + req.params("id") + "}");
    http.get("/", (req, res) -> "home");
    http.get("/health", (req, res) -> "ok");
    http.get("/boom", (req, res) -> {
      throw new IllegalStateException("broken");
    });
    http.get("/teapot", (req, res) -> {
      throw new UnsupportedOperationException("no coffee");
    });
    http.exception(UnsupportedOperationException.class, (e, req, res) -> {
      res.status(418);
      res.body("handled: " + e.getMessage());
    });
    http.get("/halt", (req, res) -> {
      http.halt(401, "go away");
      return null;
    });
    http.awaitInitialization();
    return http;
  }

  private static double count(PerfWatch perfwatch, String method, String uri, String status, String exception) {
    Timer timer = perfwatch.registry().find("http.server.requests")
        .tags("method", method, "uri", uri, "status", status, "exception", exception).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void recordsTheRouteTemplateNotTheRawPath() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());

    assertThat(client.get("/api/transactions/42").body()).isEqualTo("{\"id\":42}");
    client.get("/api/transactions/43");

    assertThat(count(perfwatch, "GET", "/api/transactions/:id", "200", "None")).isEqualTo(2);
    String scrape = client.get("/metrics").body();
    assertThat(scrape)
        .contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\","
            + "status=\"200\",uri=\"/api/transactions/:id\"} 2")
        .doesNotContain("/api/transactions/42");
  }

  @Test
  void labelsUnmatchedPathsNotFoundAndTheRootRoute() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());

    assertThat(client.get("/no/such/page").statusCode()).isEqualTo(404);
    client.get("/");

    assertThat(count(perfwatch, "GET", "NOT_FOUND", "404", "None")).isEqualTo(1);
    assertThat(count(perfwatch, "GET", "root", "200", "None")).isEqualTo(1);
  }

  @Test
  void recordsAThrowingRouteWithTheStatusTheClientReceives() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());

    assertThat(client.get("/boom").statusCode()).isEqualTo(500);
    HttpResponse<String> handled = client.get("/teapot");

    assertThat(handled.statusCode()).isEqualTo(418);
    assertThat(handled.body()).isEqualTo("handled: no coffee");
    assertThat(count(perfwatch, "GET", "/boom", "500", "IllegalStateException")).isEqualTo(1);
    assertThat(count(perfwatch, "GET", "/teapot", "418", "UnsupportedOperationException")).isEqualTo(1);
  }

  @Test
  void recordsHaltWithItsStatus() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());

    assertThat(client.get("/halt").statusCode()).isEqualTo(401);

    assertThat(count(perfwatch, "GET", "/halt", "401", "None")).isEqualTo(1);
  }

  @Test
  void skipsExcludedPaths() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());

    client.get("/health");
    client.get("/metrics");

    assertThat(perfwatch.registry().find("http.server.requests").timers()).isEmpty();
    assertThat(perfwatch.http().requestCount()).isZero();
  }

  @Test
  void passesTenantAndUserToTheStoreAndCountsTenants() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());

    client.get("/api/transactions/1", "X-Tenant-ID", "acme", "X-User-ID", "u-17");
    client.get("/api/transactions/2", "X-Tenant-ID", "<script>", "X-User-ID", "u-18");

    assertThat(perfwatch.registry().get("http.server.tenant.requests").tag("tenant", "acme").counter().count())
        .isEqualTo(1);
    assertThat(perfwatch.registry().get("http.server.tenant.requests").tag("tenant", "INVALID").counter().count())
        .isEqualTo(1);
    List<RequestMetrics> recorded = perfwatch.store().recentRequests();
    assertThat(recorded).extracting(RequestMetrics::tenantId, RequestMetrics::userId, RequestMetrics::route)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", "u-17", "/api/transactions/:id"),
            org.assertj.core.groups.Tuple.tuple("INVALID", "u-18", "/api/transactions/:id"));
  }

  @Test
  void countsExactlyUnderConcurrency() throws Exception {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        int ok = 0;
        for (int i = 0; i < perThread; i++) {
          ok += client.get("/api/transactions/" + (thread * perThread + i)).statusCode() == 200 ? 1 : 0;
        }
        return ok;
      }));
    }
    int ok = 0;
    for (Future<Integer> f : done) {
      ok += f.get();
    }
    pool.shutdown();

    assertThat(ok).isEqualTo(threads * perThread);
    assertThat(count(perfwatch, "GET", "/api/transactions/:id", "200", "None")).isEqualTo(threads * perThread);
    assertThat(perfwatch.http().requestCount()).isEqualTo(threads * perThread);
    assertThat(perfwatch.http().activeRequests()).isZero();
  }

  @Test
  void keepsTheRouteLabelSetWithinItsCap() {
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.builder().maxRoutes(3).build()).build();
    Service http = Service.ignite().port(0);
    services.add(http);
    perfwatch.instrument(http);
    for (int i = 0; i < 10; i++) {
      http.get("/r" + i + "/:id", (req, res) -> "x");
    }
    http.awaitInitialization();
    TestClient client = new TestClient(http.port());

    for (int i = 0; i < 10_000; i++) {
      client.get("/r" + (i % 10) + "/" + i);
    }

    List<String> uris = perfwatch.registry().find("http.server.requests").timers().stream()
        .map(t -> t.getId().getTag("uri")).distinct().sorted().toList();
    assertThat(uris).hasSize(4).contains("OTHER");
    assertThat(perfwatch.registry().get("perfwatch.dropped.series").tag("label", "uri").counter().count())
        .isEqualTo(7_000);
  }

  @Test
  void refusesToInstrumentAServiceThatAlreadyHasRoutes() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    Service http = Service.ignite().port(0);
    services.add(http);
    http.get("/early", (req, res) -> "x");

    assertThatIllegalStateException().isThrownBy(() -> perfwatch.instrument(http))
        .withMessage("perfwatch must instrument a Spark Service before its first route or filter: "
            + "call instrument(http) right after Service.ignite() and port(...)");
  }

  @Test
  void servesOpenMetricsWhenTheScraperAsksForIt() {
    PerfWatch perfwatch = PerfWatch.builder().build();
    TestClient client = new TestClient(app(perfwatch).port());
    client.get("/api/transactions/1");

    HttpResponse<String> response = client.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertThat(response.headers().firstValue("Content-Type")).hasValue(
        "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void recordsThreadCpuAndAllocationOnlyWhenDetailedMetricsAreOn() {
    PerfWatch detailed = PerfWatch.builder().config(PerfWatchConfig.builder().collectDetailedMetrics(true).build())
        .build();
    PerfWatch plain = PerfWatch.builder().build();
    new TestClient(app(detailed).port()).get("/api/transactions/1");
    new TestClient(app(plain).port()).get("/api/transactions/1");

    RequestMetrics withDetails = detailed.store().recentRequests().get(0);
    RequestMetrics without = plain.store().recentRequests().get(0);
    assertThat(withDetails.cpuNanos()).isPositive();
    assertThat(withDetails.memoryDeltaBytes()).isPositive();
    assertThat(without.cpuNanos()).isEqualTo(-1);
    assertThat(without.memoryDeltaBytes()).isEqualTo(-1);
  }

  @Test
  void recordsNothingWhenDisabled() {
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.builder().enabled(false).build()).build();
    TestClient client = new TestClient(app(perfwatch).port());

    assertThat(client.get("/api/transactions/1").statusCode()).isEqualTo(200);

    assertThat(perfwatch.registry().find("http.server.requests").timers()).isEmpty();
    assertThat(perfwatch.store().totalRequests()).isZero();
  }

  @Test
  void dropsTenantAndUserWhenTrackingIsOff() {
    PerfWatch perfwatch = PerfWatch.builder()
        .config(PerfWatchConfig.builder().trackTenantMetrics(false).trackUserMetrics(false).build()).build();
    TestClient client = new TestClient(app(perfwatch).port());

    client.get("/api/transactions/1", "X-Tenant-ID", "acme", "X-User-ID", "u-17");

    RequestMetrics recorded = perfwatch.store().recentRequests().get(0);
    assertThat(recorded.tenantId()).isNull();
    assertThat(recorded.userId()).isNull();
    assertThat(perfwatch.registry().find("http.server.tenant.requests").counters()).isEmpty();
  }

  @Test
  void keepsTheTenantLabelSetWithinItsCap() {
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.builder().maxTenants(5).build()).build();
    TestClient client = new TestClient(app(perfwatch).port());

    for (int i = 0; i < 1000; i++) {
      client.get("/api/transactions/1", "X-Tenant-ID", "tenant-" + i);
    }

    assertThat(perfwatch.registry().find("http.server.tenant.requests").counters()).hasSize(6);
    assertThat(perfwatch.registry().get("http.server.tenant.requests").tag("tenant", "OTHER").counter().count())
        .isEqualTo(995);
    assertThat(perfwatch.registry().get("perfwatch.dropped.series").tag("label", "tenant").counter().count())
        .isEqualTo(995);
  }
}
