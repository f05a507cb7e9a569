package io.perfwatch.rules.source;

import static io.perfwatch.rules.source.FakePrometheus.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusQuerySourceTest {
  private static final long TO = Instant.parse("2026-01-15T10:00:00Z").toEpochMilli();
  private static final long FROM = TO - 300_000;
  private static final String ITEMS = "\"method\":\"GET\",\"uri\":\"/api/items/:id\"";
  private static final String OTHER = "\"method\":\"GET\",\"uri\":\"/api/other\"";

  @Test
  void computesEndpointStatsFromTheQueryAnswers() {
    try (FakePrometheus prometheus = new FakePrometheus()
        .vector("sum by (method, uri, status) (increase(http_server_requests_seconds_count[300000ms]))",
            element(ITEMS + ",\"status\":\"200\"", "9.8"), element(ITEMS + ",\"status\":\"503\"", "2.1"))
        .vector("increase(http_server_requests_seconds_sum[300000ms])", element(ITEMS, "1.19"))
        .vector("sum by (le, method, uri) (rate(http_server_requests_seconds_bucket[300000ms]))",
            element(ITEMS + ",\"le\":\"0.1\"", "2"), element(ITEMS + ",\"le\":\"0.5\"", "10"),
            element(ITEMS + ",\"le\":\"+Inf\"", "10"), element(OTHER + ",\"le\":\"0.1\"", "10"),
            element(OTHER + ",\"le\":\"0.5\"", "10"), element(OTHER + ",\"le\":\"+Inf\"", "10"))
        .vector("max_over_time(http_server_requests_seconds_max", element(ITEMS, "0.75"))
        .vector("increase(db_queries_per_request_sum", element(ITEMS, "24.5"))
        .vector("increase(db_queries_per_request_count", element(ITEMS, "12.25"))
        .vector("increase(db_n_plus_one_total", element(ITEMS + ",\"table\":\"orders\"", "3.1"))) {
      WindowStats stats = source(prometheus, Duration.ofSeconds(5)).window(FROM, TO);

      EndpointStats items = stats.endpoint("GET", "/api/items/:id").orElseThrow();
      assertThat(items.count()).isEqualTo(12);
      assertThat(items.statusCounts()).isEqualTo(Map.of(200, 10L, 503, 2L));
      assertThat(items.serverErrors()).isEqualTo(2);
      assertThat(items.avgMs()).isCloseTo(100.0, within(1e-9)); // 1.19 s / 11.9 requests
      // as histogram_quantile: rank 9.5 of 10 is 7.5 of the 8 in (0.1 s, 0.5 s]
      assertThat(items.p95Ms()).isEqualTo((0.1 + (0.5 - 0.1) * (7.5 / 8)) * 1000);
      assertThat(items.p50Ms()).isEqualTo((0.1 + (0.5 - 0.1) * (3.0 / 8)) * 1000);
      assertThat(items.maxMs()).isEqualTo(750.0);
      assertThat(items.avgQueriesPerRequest()).isEqualTo(2.0);
      assertThat(items.nPlusOneCount()).isEqualTo(3);
      assertThat(stats.nPlusOne()).hasSize(3).allSatisfy(f -> assertThat(f.table()).isEqualTo("orders"));
      assertThat(stats.total().count()).isEqualTo(12);
      // the total sums every endpoint's buckets: 12 below 0.1 s, 20 in all; rank 19.8 is 7.8 of the 8 above
      assertThat(stats.total().p99Ms()).isCloseTo((0.1 + (0.5 - 0.1) * (7.8 / 8)) * 1000, within(1e-9));
    }
  }

  @Test
  void withoutBucketsPercentilesAreUnknownNotZero() {
    try (FakePrometheus prometheus = new FakePrometheus()
        .vector("increase(http_server_requests_seconds_count", element(ITEMS + ",\"status\":\"200\"", "5"))) {
      EndpointStats items = source(prometheus, Duration.ofSeconds(5)).window(FROM, TO)
          .endpoint("GET", "/api/items/:id").orElseThrow();

      assertThat(items.count()).isEqualTo(5);
      assertThat(new double[] {items.p50Ms(), items.p95Ms(), items.p99Ms()}).containsOnly(Double.NaN);
    }
  }

  @Test
  void asksOnlyForTheStatisticsTheRulesRead() {
    try (FakePrometheus prometheus = new FakePrometheus()
        .vector("increase(http_server_requests_seconds_count",
            element("\"job\":\"orders\"," + ITEMS + ",\"status\":\"500\"", "4"))) {
      PrometheusQuerySource source = source(prometheus, Duration.ofSeconds(5));

      Map<Identity, WindowStats> windows = source.windows(FROM, TO, Aggregation.SERVICE,
          EnumSet.of(Statistic.REQUESTS));
      assertThat(source.queries()).isEqualTo(1);
      assertThat(windows.get(new Identity("orders", "")).endpoint("GET", "/api/items/:id").orElseThrow()
          .serverErrors()).isEqualTo(4);

      source.windows(FROM, TO, Aggregation.INSTANCE, EnumSet.of(Statistic.HOST));
      assertThat(source.queries()).isEqualTo(1 + 1); // every host gauge in one query
      source.windows(FROM, TO, Aggregation.SERVICE, EnumSet.of(Statistic.REQUESTS, Statistic.DURATION,
          Statistic.PERCENTILES, Statistic.MAX, Statistic.QUERIES_PER_REQUEST, Statistic.N_PLUS_ONE));
      assertThat(source.queries()).isEqualTo(2 + 7); // requests, time, buckets, max, 2 per request, N+1
      source.window(FROM, TO);
      assertThat(source.queries()).isEqualTo(9 + 13); // the above, host, 4 of statements and 1 of tenants
    }
  }

  @Test
  void mapsSlowQueriesByOperationAndTable() {
    String orders = "\"operation\":\"SELECT\",\"table\":\"orders\"";
    try (FakePrometheus prometheus = new FakePrometheus()
        .vector("increase(db_query_duration_seconds_count",
            element(orders + ",\"outcome\":\"success\"", "19.6"), element(orders + ",\"outcome\":\"error\"", "1"))
        .vector("increase(db_query_duration_seconds_sum", element(orders, "12.3"))
        .vector("histogram_quantile(0.95, sum by (le, operation, table)", element(orders, "0.9"))
        .vector("max_over_time(db_query_duration_seconds_max", element(orders, "1.5"))) {
      WindowStats stats = source(prometheus, Duration.ofSeconds(5)).window(FROM, TO);

      assertThat(stats.queries()).singleElement().satisfies(q -> {
        assertThat(q.fingerprint()).isEqualTo("SELECT orders");
        assertThat(q.count()).isEqualTo(21);
        assertThat(q.errorCount()).isEqualTo(1);
        assertThat(q.avgMs()).isCloseTo(12_300 / 20.6, within(1e-9));
        assertThat(q.p95Ms()).isEqualTo(900.0);
        assertThat(q.maxMs()).isEqualTo(1500.0);
      });
    }
  }

  @Test
  void readsOneHostSamplePerInstance() {
    String instance = "\"instance\":\"orders:8080\",\"gauge\":";
    try (FakePrometheus prometheus = new FakePrometheus()
        .vector("label_replace(max by (job, instance) (last_over_time(system_cpu_usage[",
            element(instance + "\"system_cpu_usage\"", "0.5"),
            element(instance + "\"system_memory_used_bytes\"", "1073741824"),
            element(instance + "\"system_memory_total_bytes\"", "4294967296"),
            element(instance + "\"system_disk_used_bytes\",\"mount\":\"/\"", "30"),
            element(instance + "\"system_disk_total_bytes\",\"mount\":\"/\"", "120"),
            element(instance + "\"system_disk_total_bytes\",\"mount\":\"/data\"", "120"))) {
      WindowStats stats = source(prometheus, Duration.ofSeconds(5)).window(FROM, TO);

      assertThat(stats.system()).singleElement().satisfies(s -> {
        assertThat(s.cpuPercent()).isEqualTo(50.0);
        assertThat(s.memoryPercent()).isEqualTo(25.0);
        assertThat(s.memoryUsedMb()).isEqualTo(1024.0);
        assertThat(s.diskUsagePercent()).isEqualTo(Map.of("/", 25.0));
        assertThat(s.processCpuPercent()).isNaN();
        assertThat(s.activeConnections()).isEqualTo(-1);
      });
    }
  }

  @Test
  void anErrorStatusFromPrometheusThrows() {
    try (FakePrometheus prometheus = new FakePrometheus().answer("http_server_requests_seconds_count", 400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:2: parse error: unexpected\"}")) {
      assertThatExceptionOfType(PrometheusQueryException.class)
          .isThrownBy(() -> source(prometheus, Duration.ofSeconds(5)).window(FROM, TO))
          .withMessage("Prometheus at " + prometheus.uri() + "/ failed query 'sum by (method, uri, status) "
              + "(increase(http_server_requests_seconds_count[300000ms]))': HTTP 400, bad_data: 1:2: parse error: "
              + "unexpected");
    }
  }

  @Test
  void aBodyThatIsNotJsonThrows() {
    try (FakePrometheus prometheus = new FakePrometheus().answer("db_n_plus_one_total", 200, "<html>")) {
      assertThatExceptionOfType(PrometheusQueryException.class)
          .isThrownBy(() -> source(prometheus, Duration.ofSeconds(5)).window(FROM, TO))
          .withMessageEndingWith("(increase(db_n_plus_one_total[300000ms]))': HTTP 200 with a body that is not JSON");
    }
  }

  @Test
  void aPrometheusThatDoesNotAnswerThrowsAfterTheTimeout() throws Exception {
    try (HangingTarget hanging = new HangingTarget()) {
      PrometheusQuerySource source = new PrometheusQuerySource(
          java.net.URI.create(hanging.url().replace("/metrics", "")), Duration.ofMillis(300), () -> TO);

      assertThatExceptionOfType(PrometheusQueryException.class).isThrownBy(() -> source.window(FROM, TO))
          .withMessageEndingWith(": no response within 300 ms");
      // the other queries in flight time out too; of the 11 waiting their turn none is sent, but one that another
      // in-flight query's timeout frees a slot for while the first failure is still cancelling them
      Thread.sleep(600);
      assertThat(source.queries()).isBetween((long) PrometheusApi.IN_FLIGHT, 2L * PrometheusApi.IN_FLIGHT - 1);
    }
  }

  @Test
  void theUrlMustBeHttp() {
    assertThatExceptionOfType(SourceConfigException.class).isThrownBy(() -> PrometheusQuerySource.of("prometheus"))
        .withMessage("PERFORMANCE_PROMETHEUS_URL: 'prometheus' is not an http or https URL with a host; expected "
            + "the Prometheus server's base URL such as http://prometheus:9090");
  }

  private static PrometheusQuerySource source(FakePrometheus prometheus, Duration timeout) {
    return new PrometheusQuerySource(prometheus.uri(), timeout, () -> TO);
  }
}
