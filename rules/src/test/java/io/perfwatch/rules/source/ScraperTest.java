package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScraperTest {
  private static final long T0 = Instant.parse("2026-01-15T10:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private final AtomicLong clock = new AtomicLong(T0);

  @Test
  void recordsExactIncrementsOfARealInstrumentedService() {
    try (InstrumentedService service = new InstrumentedService();
        Scraper scraper = Scraper.builder().targets(service.metricsUrl()).build()) {
      scraper.scrapeOnce(); // baseline: the set-up statements are not counted
      service.get("/api/items/1", 5, 200);
      service.get("/api/fail", 2, 500);
      service.get("/api/users/1/orders", 1, 200);
      scraper.scrapeOnce();

      StatsSource source = scraper.source(service.metricsUrl());
      WindowStats stats = source.window(source.nowMillis() - 5 * MINUTE, source.nowMillis());

      EndpointStats items = stats.endpoint("GET", "/api/items/:id").orElseThrow();
      assertThat(items.count()).isEqualTo(5);
      assertThat(items.statusCounts()).isEqualTo(Map.of(200, 5L));
      assertThat(items.avgQueriesPerRequest()).isEqualTo(1.0);
      EndpointStats fail = stats.endpoint("GET", "/api/fail").orElseThrow();
      assertThat(fail.serverErrors()).isEqualTo(2);
      assertThat(fail.errorRatePercent()).isEqualTo(100.0);
      EndpointStats orders = stats.endpoint("GET", "/api/users/:id/orders").orElseThrow();
      assertThat(orders.nPlusOneCount()).isEqualTo(1);
      assertThat(orders.avgQueriesPerRequest()).isEqualTo(7.0);
      assertThat(stats.total().count()).isEqualTo(8);
      assertThat(stats.queries()).singleElement()
          .extracting(q -> q.fingerprint(), q -> q.count()).containsExactly("SELECT orders", 12L);
      assertThat(stats.nPlusOne()).singleElement().extracting(f -> f.table()).isEqualTo("orders");
      assertThat(scraper.targets()).singleElement().extracting(TargetHealth::up).isEqualTo(true);
    }
  }

  @Test
  void firstScrapeOnlySetsTheBaseline() {
    try (FakeTarget target = new FakeTarget().serve(Expositions.http(10, 1));
        Scraper scraper = scraper(target.url())) {
      scraper.scrapeOnce();

      assertThat(window(scraper.source(target.url())).total().count()).isZero();
      assertThat(scraper.targets().get(0).up()).isTrue();
    }
  }

  @Test
  void incrementsAreExactPerStatusWithBucketsAndSystemSample() {
    try (FakeTarget target = new FakeTarget().serve(Expositions.http(10, 1));
        Scraper scraper = scraper(target.url())) {
      scraper.scrapeOnce();
      target.serve(Expositions.http(14, 3));
      clock.addAndGet(15_000);
      scraper.scrapeOnce();

      WindowStats stats = window(scraper.source(target.url()));
      EndpointStats items = stats.endpoint("GET", "/api/items/:id").orElseThrow();
      assertThat(items.statusCounts()).isEqualTo(Map.of(200, 4L, 503, 2L));
      assertThat(items.avgMs()).isCloseTo((4 * 5 + 2 * 50) / 6.0, org.assertj.core.api.Assertions.within(1e-6));
      // the 10 ms bucket's requests enter at their series' _max, 9 ms: never above the target's own maximum
      assertThat(items.p50Ms()).isCloseTo(9.0, org.assertj.core.api.Assertions.withinPercentage(0.79));
      assertThat(items.p99Ms()).isCloseTo(100.0, org.assertj.core.api.Assertions.withinPercentage(1));
      assertThat(stats.system()).singleElement().satisfies(s -> {
        assertThat(s.cpuPercent()).isEqualTo(25.0);
        assertThat(s.memoryPercent()).isEqualTo(25.0);
        assertThat(s.memoryUsedMb()).isEqualTo(1024.0);
        assertThat(s.requestRate()).isEqualTo(24.0); // 6 requests in 15 s
      });
    }
  }

  @Test
  void aLowerCounterMeansARestartAndItsValueIsTheIncrement() {
    try (FakeTarget target = new FakeTarget().serve(Expositions.http(10, 0));
        Scraper scraper = scraper(target.url())) {
      scraper.scrapeOnce();
      target.serve(Expositions.http(15, 0));
      scraper.scrapeOnce(); // +5
      target.serve(Expositions.http(3, 0));
      scraper.scrapeOnce(); // restarted: +3

      assertThat(window(scraper.source(target.url())).total().count()).isEqualTo(8);
    }
  }

  @Test
  void downHangingAndGarbageTargetsAreMarkedDownWithoutAffectingAHealthyOne() throws Exception {
    try (FakeTarget good = new FakeTarget().serve(Expositions.http(1, 0));
        FakeTarget garbage = new FakeTarget().serve("<html><body>login</body></html>");
        FakeTarget failing = new FakeTarget().status(503);
        HangingTarget hanging = new HangingTarget()) {
      String down = closedPortUrl();
      List<URI> urls = List.of(URI.create(good.url()), URI.create(down), URI.create(hanging.url()),
          URI.create(garbage.url()), URI.create(failing.url()));
      // 2 s: long enough that a loaded CI machine answers the good target in time, short enough to show that the
      // hanging one costs one timeout, not one per target.
      try (Scraper scraper = Scraper.builder().targets(urls).timeout(Duration.ofSeconds(2)).clock(clock::get)
          .build()) {
        scraper.scrapeOnce();
        good.serve(Expositions.http(4, 0));
        long started = System.nanoTime();
        scraper.scrapeOnce();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(scraper.targets()).extracting(TargetHealth::up).containsExactly(true, false, false, false, false);
        assertThat(scraper.targets()).extracting(TargetHealth::consecutiveFailures).containsExactly(0, 2, 2, 2, 2);
        assertThat(scraper.targets().get(1).lastError().orElseThrow()).startsWith("ConnectException");
        assertThat(scraper.targets().get(2).lastError()).contains("no response within 2000 ms");
        assertThat(scraper.targets().get(3).lastError())
            .contains("invalid exposition: line 1: expected a metric name, found '<'");
        assertThat(scraper.targets().get(4).lastError()).contains("HTTP 503");
        assertThat(scraper.targets().get(1).lastSuccess()).isEmpty();
        assertThat(window(scraper.source(good.url())).total().count()).isEqualTo(3);
        assertThat(window(scraper.merged()).total().count()).isEqualTo(3);
      }
    }
  }

  @Test
  void aTargetThatGoesDownReportsStalenessAndNoDataAfterItsLastSuccess() {
    FakeTarget target = new FakeTarget().serve(Expositions.http(1, 0));
    try (Scraper scraper = scraper(target.url())) {
      scraper.scrapeOnce();
      target.serve(Expositions.http(6, 0));
      scraper.scrapeOnce();
      long lastSuccess = clock.get();
      target.close();
      clock.addAndGet(3 * MINUTE);
      scraper.scrapeOnce();

      StatsSource source = scraper.source(target.url());
      assertThat(source.staleness()).hasValueSatisfying(reason -> assertThat(reason)
          .startsWith(target.url() + " is down (ConnectException")
          .endsWith("last success " + Instant.ofEpochMilli(lastSuccess) + ", 1 consecutive failures)"));
      assertThat(source.window(lastSuccess + 1, clock.get()).total().count()).isZero();
      assertThat(source.window(lastSuccess - MINUTE, clock.get()).total().count()).isEqualTo(5);
      assertThat(scraper.targets().get(0).lastSuccess()).contains(Instant.ofEpochMilli(lastSuccess));
    }
  }

  @Test
  void aHealthySourceIsNotStale() {
    try (FakeTarget target = new FakeTarget().serve(Expositions.http(1, 0));
        Scraper scraper = scraper(target.url())) {
      scraper.scrapeOnce();

      assertThat(scraper.source(target.url()).staleness()).isEqualTo(Optional.empty());
      assertThat(scraper.source(target.url()).describe()).isEqualTo("scrape of " + target.url());
    }
  }

  @Test
  void aBodyAboveTheSizeCapFailsTheScrape() {
    try (FakeTarget target = new FakeTarget().serve(Expositions.http(1, 0));
        Scraper scraper = Scraper.builder().targets(target.url()).maxBodyBytes(100).clock(clock::get).build()) {
      scraper.scrapeOnce();

      assertThat(scraper.targets().get(0).lastError()).contains("response larger than 100 bytes");
    }
  }

  @Test
  void mergedSourceAddsUpTargets() {
    try (FakeTarget a = new FakeTarget().serve(Expositions.http(1, 0));
        FakeTarget b = new FakeTarget().serve(Expositions.http(100, 0));
        Scraper scraper = scraper(a.url() + "," + b.url())) {
      scraper.scrapeOnce();
      a.serve(Expositions.http(3, 1));
      b.serve(Expositions.http(110, 0));
      scraper.scrapeOnce();

      WindowStats merged = window(scraper.merged());
      assertThat(merged.endpoint("GET", "/api/items/:id").orElseThrow().statusCounts())
          .isEqualTo(Map.of(200, 12L, 503, 1L));
    }
  }

  @Test
  void aPartialExpositionAddsNothing() {
    String hostOnly = "# TYPE system_cpu_usage gauge\nsystem_cpu_usage 0.25\n";
    try (FakeTarget target = new FakeTarget().serve(Expositions.http(2000, 0));
        Scraper scraper = scraper(target.url())) {
      scraper.scrapeOnce();
      target.serve(hostOnly); // the HTTP family is missing from one scrape, then back unchanged
      scraper.scrapeOnce();
      target.serve(Expositions.http(2000, 0));
      scraper.scrapeOnce();

      assertThat(window(scraper.merged()).total().count()).isZero();
      target.serve(Expositions.http(2003, 1));
      scraper.scrapeOnce();
      assertThat(window(scraper.merged()).endpoint("GET", "/api/items/:id").orElseThrow().statusCounts())
          .isEqualTo(Map.of(200, 3L, 503, 1L));
    }
  }

  private Scraper scraper(String targets) {
    return Scraper.builder().targets(targets).timeout(Duration.ofSeconds(2)).clock(clock::get).build();
  }

  private WindowStats window(StatsSource source) {
    return source.window(clock.get() - 5 * MINUTE, clock.get());
  }

  private static String closedPortUrl() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/metrics";
    }
  }
}
