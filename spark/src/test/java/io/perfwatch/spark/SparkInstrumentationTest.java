package io.perfwatch.spark;

import static io.perfwatch.spark.Recorded.awaitRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.IdentityExtractor;
import io.perfwatch.exporter.http.InboundRequest;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.testkit.LoopbackClient;
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
  private final List<PerfWatch> instances = new ArrayList<>();

  @AfterEach
  void stop() {
    services.forEach(Service::stop);
    services.forEach(Service::awaitStop);
    assertThat(instances).allSatisfy(p -> {
      assertThat(p.stats().live().instrumentationErrors()).isZero();
      assertThat(p.stats().live().activeRequests()).isZero();
    });
  }

  private PerfWatch perfwatch(PerfWatchConfig config) {
    PerfWatch perfwatch = PerfWatch.builder().config(config).build();
    instances.add(perfwatch);
    return perfwatch;
  }

  private PerfWatch perfwatch() {
    return perfwatch(PerfWatchConfig.defaults());
  }

  private Service app(PerfWatch perfwatch) {
    Service http = Service.ignite().port(0).threadPool(10, 2, 30_000); // few threads: requests reuse them
    http.initExceptionHandler(e -> { }); // Spark's default would System.exit the test JVM; awaitInitialization fails
    services.add(http);
    SparkPerfWatch.instrument(perfwatch, http);
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    http.get("/api/transactions/:id", (req, res) -> "{\"id\":" + req.params("id") + "}");
    http.delete("/api/transactions/:id", (req, res) -> "deleted");
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
    http.get("/rewritten", (req, res) -> "original");
    http.afterAfter("/rewritten", (req, res) -> res.status(202)); // the app's own afterAfter, after perfwatch's
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
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    assertThat(client.get("/api/transactions/42").body()).isEqualTo("{\"id\":42}");
    client.get("/api/transactions/43");
    awaitRequests(perfwatch, 2);

    assertThat(count(perfwatch, "GET", "/api/transactions/:id", "200", "None")).isEqualTo(2);
    String scrape = client.get("/metrics").body();
    assertThat(scrape)
        .contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\","
            + "status=\"200\",uri=\"/api/transactions/:id\"} 2")
        .doesNotContain("/api/transactions/42");
  }

  @Test
  void labelsUnmatchedPathsNotFoundAndTheRootRoute() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    assertThat(client.get("/no/such/page").statusCode()).isEqualTo(404);
    client.get("/");
    awaitRequests(perfwatch, 2);

    assertThat(count(perfwatch, "GET", "NOT_FOUND", "404", "None")).isEqualTo(1);
    assertThat(count(perfwatch, "GET", "root", "200", "None")).isEqualTo(1);
  }

  @Test
  void recordsAThrowingRouteWithTheStatusTheClientReceives() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    assertThat(client.get("/boom").statusCode()).isEqualTo(500);
    HttpResponse<String> handled = client.get("/teapot");
    awaitRequests(perfwatch, 2);

    assertThat(handled.statusCode()).isEqualTo(418);
    assertThat(handled.body()).isEqualTo("handled: no coffee");
    assertThat(count(perfwatch, "GET", "/boom", "500", "IllegalStateException")).isEqualTo(1);
    assertThat(count(perfwatch, "GET", "/teapot", "418", "UnsupportedOperationException")).isEqualTo(1);
  }

  @Test
  void recordsTheStatusAnAppFilterSetsAfterTheRoute() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    assertThat(client.get("/rewritten").statusCode()).isEqualTo(202);
    awaitRequests(perfwatch, 1);

    assertThat(count(perfwatch, "GET", "/rewritten", "202", "None")).isEqualTo(1);
  }

  @Test
  void recordsHaltWithItsStatus() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    assertThat(client.get("/halt").statusCode()).isEqualTo(401);
    awaitRequests(perfwatch, 1);

    assertThat(count(perfwatch, "GET", "/halt", "401", "None")).isEqualTo(1);
  }

  @Test
  void recordsTheMethodSparkRoutedBy() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    assertThat(client.get("/api/transactions/5", "X-HTTP-Method-Override", "DELETE").body()).isEqualTo("deleted");
    awaitRequests(perfwatch, 1);

    assertThat(count(perfwatch, "DELETE", "/api/transactions/:id", "200", "None")).isEqualTo(1);
  }

  @Test
  void skipsExcludedPathsAndTheMetricsRoute() {
    PerfWatch perfwatch = perfwatch(PerfWatchConfig.builder().excludePaths(java.util.Set.of("/health")).build());
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    client.get("/health");
    client.get("/metrics");
    client.get("/");
    awaitRequests(perfwatch, 1);

    assertThat(perfwatch.registry().find("http.server.requests").timers())
        .extracting(t -> t.getId().getTag("uri")).containsExactly("root");
  }

  @Test
  void passesTenantAndUserToTheStoreWithoutLeakingThemIntoTheNextRequest() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    client.get("/api/transactions/1", "X-Tenant-ID", "acme", "X-User-ID", "u-17");
    client.get("/api/transactions/2", "X-Tenant-ID", "<script>", "X-User-ID", "u-18");
    for (int i = 0; i < 8; i++) { // more requests than threads: every thread is reused
      client.get("/nowhere");
    }
    awaitRequests(perfwatch, 10);

    assertThat(perfwatch.registry().get("http.server.tenant.requests").tag("tenant", "acme").counter().count())
        .isEqualTo(1);
    assertThat(perfwatch.registry().get("http.server.tenant.requests").tag("tenant", "INVALID").counter().count())
        .isEqualTo(1);
    List<RequestMetrics> recorded = perfwatch.stats().recentRequests();
    assertThat(recorded.subList(0, 2)).extracting(RequestMetrics::tenantId, RequestMetrics::userId,
        RequestMetrics::route).containsExactlyInAnyOrder(tuple("acme", "u-17", "/api/transactions/:id"),
            tuple("INVALID", "u-18", "/api/transactions/:id"));
    assertThat(recorded.subList(2, 10)).extracting(RequestMetrics::tenantId, RequestMetrics::userId,
        RequestMetrics::route, RequestMetrics::exception).containsOnly(tuple(null, null, "NOT_FOUND", "None"));
  }

  @Test
  void aThrowingIdentityExtractorLeavesTheAppAlone() {
    PerfWatch perfwatch = PerfWatch.builder().identity(new IdentityExtractor() {
      @Override
      public String tenantId(InboundRequest request) {
        throw new IllegalArgumentException("bad token");
      }

      @Override
      public String userId(InboundRequest request) {
        return null;
      }
    }).build();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    HttpResponse<String> response = client.get("/api/transactions/1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"id\":1}");
    awaitRequests(perfwatch, 1);
    assertThat(perfwatch.stats().live().instrumentationErrors()).isEqualTo(1);
    assertThat(perfwatch.stats().live().activeRequests()).isZero();
  }

  @Test
  void countsExactlyUnderConcurrency() throws Exception {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());
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
    awaitRequests(perfwatch, threads * perThread);

    assertThat(ok).isEqualTo(threads * perThread);
    assertThat(count(perfwatch, "GET", "/api/transactions/:id", "200", "None")).isEqualTo(threads * perThread);
    assertThat(perfwatch.stats().live().requestsTotal()).isEqualTo(threads * perThread);
    assertThat(PerfWatchInternals.of(perfwatch).store().totalRequests()).isEqualTo(threads * perThread);
    assertThat(perfwatch.stats().window(java.time.Duration.ofMinutes(5)).total().count())
        .isEqualTo(threads * perThread);
  }

  @Test
  void keepsTheRouteLabelSetWithinItsCap() {
    PerfWatch perfwatch = perfwatch(PerfWatchConfig.builder().maxRoutes(3).build());
    Service http = Service.ignite().port(0);
    services.add(http);
    SparkPerfWatch.instrument(perfwatch, http);
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    for (int i = 0; i < 10; i++) {
      http.get("/r" + i + "/:id", (req, res) -> "x");
    }
    http.awaitInitialization();
    LoopbackClient client = new LoopbackClient(http.port());

    for (int i = 0; i < 10_000; i++) {
      client.get("/r" + (i % 10) + "/" + i);
    }
    awaitRequests(perfwatch, 10_000);

    List<String> uris = perfwatch.registry().find("http.server.requests").timers().stream()
        .map(t -> t.getId().getTag("uri")).distinct().sorted().toList();
    assertThat(uris).hasSize(4).contains("OTHER");
    assertThat(perfwatch.registry().get("perfwatch.dropped.series").tag("label", "uri").counter().count())
        .isEqualTo(7_000);
    assertThat(perfwatch.stats().window(java.time.Duration.ofMinutes(5)).endpoints()).hasSize(4);
    String scrape = client.get("/metrics").body();
    assertThat(scrape).doesNotContain("/r3/3", "/r9/9999").contains("uri=\"OTHER\"");
  }

  @Test
  void refusesToInstrumentAServiceThatAlreadyHasRoutes() {
    PerfWatch perfwatch = perfwatch();
    Service http = Service.ignite().port(0);
    services.add(http);
    http.get("/early", (req, res) -> "x");

    assertThatIllegalStateException().isThrownBy(() -> SparkPerfWatch.instrument(perfwatch, http))
        .withMessage("perfwatch must instrument a Spark Service before its first route or filter: "
            + "call instrument(perfwatch, http) before http.get(...), http.before(...) and the like");
  }

  @Test
  void allowsServerConfigurationAfterInstrumenting() {
    PerfWatch perfwatch = perfwatch();
    Service http = Service.ignite();
    services.add(http);
    SparkPerfWatch.instrument(perfwatch, http);
    http.port(0);
    http.threadPool(10, 2, 30_000);
    http.get("/ok", (req, res) -> "ok");
    http.awaitInitialization();

    assertThat(new LoopbackClient(http.port()).get("/ok").body()).isEqualTo("ok");
  }

  @Test
  void servesOpenMetricsWhenTheScraperAsksForIt() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());
    client.get("/api/transactions/1");

    HttpResponse<String> response = client.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertThat(response.headers().firstValue("Content-Type")).hasValue(
        "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void servesProtobufWhenTheScraperPrefersIt() {
    PerfWatch perfwatch = perfwatch();
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());
    client.get("/api/transactions/1");
    // what Prometheus 2.42 sends with --enable-feature=native-histograms
    String prometheus = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,"
        + "application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    HttpResponse<String> protobuf = client.get("/metrics", "Accept", prometheus);
    HttpResponse<String> text = client.get("/metrics");

    assertThat(protobuf.headers().firstValue("Content-Type")).hasValue(
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
    assertThat(protobuf.body()).contains("http_server_requests_seconds", "/api/transactions/:id")
        .doesNotContain("# TYPE", "uri=\"");
    assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.body()).contains("# TYPE http_server_requests_seconds histogram");
  }

  @Test
  void recordsThreadCpuAndAllocationOnlyWhenDetailedMetricsAreOn() {
    PerfWatch detailed = perfwatch(PerfWatchConfig.builder().collectDetailedMetrics(true).build());
    PerfWatch plain = perfwatch();
    new LoopbackClient(app(detailed).port()).get("/api/transactions/1");
    new LoopbackClient(app(plain).port()).get("/api/transactions/1");
    awaitRequests(detailed, 1);
    awaitRequests(plain, 1);

    RequestMetrics withDetails = detailed.stats().recentRequests().get(0);
    RequestMetrics without = plain.stats().recentRequests().get(0);
    assertThat(withDetails.cpuNanos()).isPositive();
    assertThat(withDetails.memoryDeltaBytes()).isPositive();
    assertThat(without.cpuNanos()).isEqualTo(-1);
    assertThat(without.memoryDeltaBytes()).isEqualTo(-1);
  }

  @Test
  void recordsNothingWhenDisabled() {
    PerfWatch perfwatch = perfwatch(PerfWatchConfig.builder().enabled(false).build());
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:disabled");

    assertThat(client.get("/api/transactions/1").statusCode()).isEqualTo(200);

    assertThat(perfwatch.wrap(h2)).isSameAs(h2);
    assertThat(perfwatch.registry().find("http.server.requests").timers()).isEmpty();
    assertThat(PerfWatchInternals.of(perfwatch).store().totalRequests()).isZero();
  }

  @Test
  void dropsTenantAndUserWhenTrackingIsOff() {
    PerfWatch perfwatch = perfwatch(PerfWatchConfig.builder().trackTenantMetrics(false).trackUserMetrics(false)
        .build());
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    client.get("/api/transactions/1", "X-Tenant-ID", "acme", "X-User-ID", "u-17");
    awaitRequests(perfwatch, 1);

    RequestMetrics recorded = perfwatch.stats().recentRequests().get(0);
    assertThat(recorded.tenantId()).isNull();
    assertThat(recorded.userId()).isNull();
    assertThat(perfwatch.registry().find("http.server.tenant.requests").counters()).isEmpty();
  }

  @Test
  void keepsTheTenantLabelSetWithinItsCap() {
    PerfWatch perfwatch = perfwatch(PerfWatchConfig.builder().maxTenants(5).build());
    LoopbackClient client = new LoopbackClient(app(perfwatch).port());

    for (int i = 0; i < 1000; i++) {
      client.get("/api/transactions/1", "X-Tenant-ID", "tenant-" + i);
    }
    awaitRequests(perfwatch, 1000);

    assertThat(perfwatch.registry().find("http.server.tenant.requests").counters()).hasSize(6);
    assertThat(perfwatch.registry().get("http.server.tenant.requests").tag("tenant", "OTHER").counter().count())
        .isEqualTo(995);
    assertThat(perfwatch.registry().get("perfwatch.dropped.series").tag("label", "tenant").counter().count())
        .isEqualTo(995);
  }

  @Test
  void countsRequestsInFlightPerInstance() throws Exception {
    PerfWatch perfwatch = perfwatch();
    PerfWatch other = perfwatch();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Service http = Service.ignite().port(0);
    services.add(http);
    SparkPerfWatch.instrument(perfwatch, http);
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    http.get("/wait", (req, res) -> release.await(10, java.util.concurrent.TimeUnit.SECONDS) ? "done" : "late");
    http.awaitInitialization();
    LoopbackClient client = new LoopbackClient(http.port());

    java.util.concurrent.CompletableFuture<HttpResponse<String>> waiting =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> client.get("/wait"));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> perfwatch.stats().live().activeRequests() == 1);
    String during = client.get("/metrics").body();
    release.countDown();

    assertThat(waiting.get().body()).isEqualTo("done");
    assertThat(during).contains("http_server_requests_active_seconds_count 1")
        .containsPattern("http_server_requests_active_seconds_max [0-9.E-]+");
    assertThat(other.stats().live().activeRequests()).isZero();
    awaitRequests(perfwatch, 1);
    assertThat(perfwatch.stats().live().activeRequests()).isZero();
    assertThat(client.get("/metrics").body()).contains("http_server_requests_active_seconds_count 0");
  }
}
