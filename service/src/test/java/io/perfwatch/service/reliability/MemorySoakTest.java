package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.testkit.RetainedHeap;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import spark.Route;
import spark.Service;

/**
 * A soak: the demo service with small caps under high-cardinality traffic (a new raw path, tenant, user and SQL text
 * on nearly every request; three HTTP methods on three times more route templates than the route cap). After the
 * warm-up every bounded part of the store is exactly at its cap, and it stays there; the heap retained after full
 * GCs at the end is within 10 % of the value after the warm-up. 60 s in CI; longer by hand with
 * {@code -Dperfwatch.soak.seconds=600} (see the README's test tiers).
 */
@Tag("reliability")
class MemorySoakTest {
  private static final Duration SOAK = Duration.ofSeconds(Long.getLong("perfwatch.soak.seconds", 60));
  /** Long enough for every cap: the host-sample ring fills last, one sample a second. */
  private static final Duration WARM_UP = Duration.ofSeconds(25);
  private static final int RETENTION = 20;
  private static final int MAX_ROUTES = 10;
  private static final int MAX_TENANTS = 20;
  private static final int MAX_FINGERPRINTS = 30;
  private static final int SOAK_ROUTES = 3 * MAX_ROUTES;
  private static final String OTHER = "OTHER";

  @Test
  void retainedHeapStaysFlatWhileEveryStoreCapHolds() throws Exception {
    assertThat(SOAK).as("perfwatch.soak.seconds must leave time after the warm-up").isGreaterThan(WARM_UP);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:soak-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    long startMillis = System.currentTimeMillis();
    try (PerfWatchService service = new PerfWatchService(config())) {
      addSoakRoutes(service.service(), service.perfWatch().wrap(h2));
      service.start();
      SoakTraffic traffic = new SoakTraffic(service.baseUri(), SOAK_ROUTES);

      long warmUpRequests = traffic.runFor(WARM_UP);
      assertEveryCapReached(service.perfWatch(), traffic.sent(), startMillis);
      long afterWarmUp = RetainedHeap.bytes();
      long soakRequests = traffic.runFor(SOAK.minus(Duration.ofMillis(System.currentTimeMillis() - startMillis)));
      assertEveryCapReached(service.perfWatch(), traffic.sent(), startMillis);
      long atEnd = RetainedHeap.bytes();

      System.out.printf("Soak %d s: %d requests in the warm-up, %d after; retained heap %.1f MB after the warm-up, "
          + "%.1f MB at the end (%+.1f %%); %d sent again after a connection closed before the answer%n", SOAK.toSeconds(),
          warmUpRequests, soakRequests, afterWarmUp / 1e6, atEnd / 1e6, 100.0 * (atEnd - afterWarmUp) / afterWarmUp,
          traffic.retried());
      assertThat(traffic.problems()).isEmpty();
      // a connection closed before its answer is retried (SoakTraffic); it must stay rare, and perfwatch itself must
      // not have failed: an exception in its filter that made Jetty abort a connection would be counted here
      assertThat(traffic.retried()).as("requests sent again of %d", traffic.sent())
          .isLessThanOrEqualTo(traffic.sent() / 10_000);
      assertThat(service.perfWatch().stats().live().instrumentationErrors()).isZero();
      assertThat(soakRequests).isGreaterThan(warmUpRequests / 2);
      assertThat(atEnd).isBetween((long) (afterWarmUp * 0.9), (long) (afterWarmUp * 1.1));
    } finally {
      try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }

  private static ServiceConfig config() {
    return ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_METRICS_RETENTION", String.valueOf(RETENTION), "PERFORMANCE_SYSTEM_SAMPLE_SECONDS", "1",
        "PERFORMANCE_MAX_ROUTES", String.valueOf(MAX_ROUTES), "PERFORMANCE_MAX_TENANTS", String.valueOf(MAX_TENANTS),
        "PERFORMANCE_MAX_QUERY_FINGERPRINTS", String.valueOf(MAX_FINGERPRINTS)));
  }

  /**
   * {@code /soak/<k>/:n} for k below {@link #SOAK_ROUTES}, on GET, POST and PUT: each runs {@code SELECT 1 AS c_<n>},
   * a new SQL fingerprint for every n (the literal is normalized away, the alias is not).
   */
  private static void addSoakRoutes(Service http, DataSource db) {
    Route select = (req, res) -> {
      try (Connection c = db.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT 1 AS c_" + Long.parseLong(req.params("n")))) {
        r.next();
        return "ok";
      }
    };
    for (int k = 0; k < SOAK_ROUTES; k++) {
      http.get("/soak/" + k + "/:n", select);
      http.post("/soak/" + k + "/:n", select);
      http.put("/soak/" + k + "/:n", select);
    }
  }

  /**
   * Every bounded part of the store is exactly at its cap: the four raw rings, the endpoint table (method + route,
   * twice the route cap), the fingerprint and tenant tables, each with the overflow kept under {@code OTHER}. The
   * rollups, capped at 61 minutes plus the history's hours per key, are at most one per key and minute so far.
   */
  private static void assertEveryCapReached(PerfWatch perfwatch, long sent, long startMillis) {
    await().atMost(Duration.ofSeconds(10)).until(() -> perfwatch.stats().live().requestsTotal() >= sent);
    MetricsStore store = PerfWatchInternals.of(perfwatch).store();
    assertThat(store.recentRequests()).hasSize(RETENTION);
    assertThat(store.recentQueries()).hasSize(RETENTION);
    assertThat(store.recentNPlusOne()).hasSize(RETENTION);
    assertThat(store.recentSystem()).hasSize(RETENTION);
    WindowStats window = store.window(Duration.ofHours(1));
    assertThat(window.endpoints()).filteredOn(e -> !OTHER.equals(e.route())).hasSize(2 * MAX_ROUTES);
    assertThat(window.endpoints()).filteredOn(e -> OTHER.equals(e.route())).extracting(EndpointStats::method)
        .containsExactlyInAnyOrder("GET", "POST", "PUT");
    assertThat(window.queries()).filteredOn(q -> !OTHER.equals(q.fingerprint())).hasSize(MAX_FINGERPRINTS);
    assertThat(window.queries()).extracting(QueryStats::fingerprint).contains(OTHER);
    assertThat(window.requestsByTenant()).hasSize(MAX_TENANTS + 1).containsKey(OTHER);
    assertThat(PerfWatchInternals.of(perfwatch).http().routeCount()).isEqualTo(MAX_ROUTES);
    int keys = window.endpoints().size() + window.queries().size() + window.requestsByTenant().size();
    long minutes = System.currentTimeMillis() / 60_000 - startMillis / 60_000 + 1;
    assertThat(store.retainedRollups()).isLessThanOrEqualTo((int) (keys * minutes));
  }
}
