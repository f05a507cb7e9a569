package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.MINUTE;
import static io.perfwatch.exporter.store.Records.SECOND;
import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.nPlusOne;
import static io.perfwatch.exporter.store.Records.query;
import static io.perfwatch.exporter.store.Records.request;
import static io.perfwatch.exporter.store.Records.requestWithQueries;
import static io.perfwatch.exporter.store.Records.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsStoreWindowTest {
  private final Records.FakeClock clock = new Records.FakeClock(T0 + 30 * SECOND);
  private final MetricsStore store = MetricsStore.builder().clock(clock::now).build();

  @Test
  void percentilesOfUniformDistributionAreWithinOnePercent() {
    List<Integer> millis = shuffled(1000);
    millis.forEach(ms -> store.recordRequest(request("GET", "/a", 200, ms, T0 + 10 * SECOND)));

    EndpointStats stats = store.window(Duration.ofMinutes(1)).endpoint("GET", "/a").orElseThrow();

    // exact value of rank floor(q * (n - 1)) in 1..1000 is 500, 950 and 990
    assertThat(stats.p50Ms()).isCloseTo(500.0, withinPercentage(6.25)); // nearest rank: ceil(0.5 * 1000) = 500
    assertThat(stats.p95Ms()).isCloseTo(950.0, withinPercentage(6.25));
    assertThat(stats.p99Ms()).isCloseTo(990.0, withinPercentage(6.25));
    assertThat(stats.avgMs()).isEqualTo(500.5);
    assertThat(stats.maxMs()).isEqualTo(1000.0);
    assertThat(stats.maxMs()).isEqualTo(1000.0);
    assertThat(stats.count()).isEqualTo(1000);
  }

  @Test
  void percentilesStayWithinTheHourTiersErrorAfterHourlyCompaction() {
    List<Integer> millis = shuffled(1000);
    for (int i = 0; i < millis.size(); i++) { // one value every 10 s: 2.8 hours, mostly compacted into hours
      store.recordRequest(request("GET", "/a", 200, millis.get(i), T0 + i * 10 * SECOND));
    }
    clock.set(T0 + Duration.ofHours(3).toMillis());

    EndpointStats stats = store.window(Duration.ofHours(4)).endpoint("GET", "/a").orElseThrow();

    assertThat(stats.count()).isEqualTo(1000);
    assertThat(stats.p50Ms()).isCloseTo(500.0, withinPercentage(6.25)); // nearest rank: ceil(0.5 * 1000) = 500
    assertThat(stats.p95Ms()).isCloseTo(950.0, withinPercentage(6.25));
    assertThat(stats.p99Ms()).isCloseTo(990.0, withinPercentage(6.25));
    assertThat(stats.avgMs()).isEqualTo(500.5);
    assertThat(stats.maxMs()).isEqualTo(1000.0);
  }

  @Test
  void windowsAskedAgainWithinAMinuteSeeWhatWasRecordedInBetween() {
    clock.set(T0 + 2 * MINUTE + 10 * SECOND);
    store.recordRequest(request("GET", "/a", 200, 100, T0 + MINUTE + 5 * SECOND));
    assertThat(store.window(Duration.ofMinutes(5)).total().count()).isEqualTo(1);

    store.recordRequest(request("GET", "/a", 200, 300, T0 + MINUTE + 6 * SECOND)); // late, into the closed minute
    store.recordRequest(request("GET", "/a", 200, 200, T0 + 2 * MINUTE + 8 * SECOND));
    store.recordRequest(request("GET", "/b", 500, 50, T0 + 2 * MINUTE + 9 * SECOND)); // a new key
    clock.set(T0 + 2 * MINUTE + 40 * SECOND);

    WindowStats window = store.window(Duration.ofMinutes(5));
    assertThat(window.endpoint("GET", "/a").orElseThrow()).satisfies(a -> {
      assertThat(a.count()).isEqualTo(3);
      assertThat(a.maxMs()).isEqualTo(300.0);
      assertThat(a.avgMs()).isEqualTo(200.0);
    });
    assertThat(window.total().count()).isEqualTo(4);
    assertThat(window.total().serverErrors()).isEqualTo(1);
    assertThat(store.retainedRollups()).isEqualTo(1); // GET /a's closed minute; the current ones are in stripes
  }

  @Test
  void endpointStatsCountErrorsAndStatusCodes() {
    int[] statuses = {200, 200, 200, 200, 200, 200, 404, 404, 500, 503};
    for (int status : statuses) {
      store.recordRequest(request("POST", "/orders", status, 20, T0));
    }

    EndpointStats stats = store.window(Duration.ofMinutes(5)).endpoint("POST", "/orders").orElseThrow();

    assertThat(stats.count()).isEqualTo(10);
    assertThat(stats.serverErrors()).isEqualTo(2);
    assertThat(stats.clientErrors()).isEqualTo(2);
    assertThat(stats.errorRatePercent()).isEqualTo(20.0);
    assertThat(stats.statusCounts()).isEqualTo(Map.of(200, 6L, 404, 2L, 500, 1L, 503, 1L));
  }

  @Test
  void endpointStatsAverageQueriesAndNPlusOneFindings() {
    store.recordRequest(requestWithQueries("/users", T0, 3, 2.0));
    store.recordRequest(requestWithQueries("/users", T0, 5, 4.0));
    store.recordNPlusOne(nPlusOne("/users", T0 + SECOND));

    WindowStats window = store.window(Duration.ofMinutes(5));
    EndpointStats stats = window.endpoint("GET", "/users").orElseThrow();

    assertThat(stats.avgQueriesPerRequest()).isEqualTo(4.0);
    assertThat(stats.avgQueryTimeMs()).isEqualTo(3.0);
    assertThat(stats.nPlusOneCount()).isEqualTo(1);
    assertThat(window.nPlusOne()).containsExactly(nPlusOne("/users", T0 + SECOND));
  }

  @Test
  void totalMergesAllEndpoints() {
    store.recordRequest(request("GET", "/a", 200, 10, T0));
    store.recordRequest(request("GET", "/b", 500, 30, T0));

    EndpointStats total = store.window(Duration.ofMinutes(1)).total();

    assertThat(total.method()).isEqualTo("*");
    assertThat(total.route()).isEqualTo("*");
    assertThat(total.count()).isEqualTo(2);
    assertThat(total.serverErrors()).isEqualTo(1);
    assertThat(total.avgMs()).isEqualTo(20.0);
    assertThat(total.maxMs()).isEqualTo(30.0);
  }

  @Test
  void queryStatsPerFingerprint() {
    store.recordQuery(query("select * from users where id = ?", 1, T0, "success"));
    store.recordQuery(query("select * from users where id = ?", 2, T0, "success"));
    store.recordQuery(query("select * from users where id = ?", 3, T0, "23505"));

    QueryStats stats = store.window(Duration.ofMinutes(1)).queries().get(0);

    assertThat(stats.fingerprint()).isEqualTo("select * from users where id = ?");
    assertThat(stats.operation()).isEqualTo("SELECT");
    assertThat(stats.table()).isEqualTo("users");
    assertThat(stats.count()).isEqualTo(3);
    assertThat(stats.errorCount()).isEqualTo(1);
    assertThat(stats.avgMs()).isEqualTo(2.0);
    assertThat(stats.maxMs()).isEqualTo(3.0);
    assertThat(stats.totalMs()).isEqualTo(6.0);
    assertThat(stats.p95Ms()).isEqualTo(3.0); // nearest rank ceil(0.95 * 3) = 3: the maximum
  }

  @Test
  void requestsByTenantSkipRequestsWithoutTenant() {
    store.recordRequest(request("GET", "/a", 200, 1, T0, "acme"));
    store.recordRequest(request("GET", "/a", 500, 1, T0, "acme"));
    store.recordRequest(request("GET", "/a", 200, 1, T0, "globex"));
    store.recordRequest(request("GET", "/a", 200, 1, T0, null));

    assertThat(store.window(Duration.ofMinutes(1)).requestsByTenant()).isEqualTo(Map.of("acme", 2L, "globex", 1L));
  }

  @Test
  void windowIncludesWholeMinuteOfItsStartAndExcludesLaterMinutes() {
    store.recordRequest(request("GET", "/a", 200, 1, T0 + 10 * SECOND));
    store.recordRequest(request("GET", "/a", 200, 1, T0 + 70 * SECOND));
    store.recordRequest(request("GET", "/a", 200, 1, T0 + 130 * SECOND));
    clock.set(T0 + 150 * SECOND);

    assertThat(store.window(Duration.ofMinutes(1)).total().count()).isEqualTo(2); // from T0+90s: minute 1 on
    assertThat(store.window(Duration.ofMinutes(2)).total().count()).isEqualTo(3);
    assertThat(store.window(T0, T0 + MINUTE - 1).total().count()).isEqualTo(1);
    assertThat(store.window(T0 + 2 * MINUTE, T0 + 3 * MINUTE).total().count()).isEqualTo(1);
  }

  @Test
  void systemSamplesAreFilteredToTheWindow() {
    store.recordSystem(system(T0 - 5 * MINUTE, 10));
    store.recordSystem(system(T0, 20));
    store.recordSystem(system(T0 + 20 * SECOND, 30));

    assertThat(store.window(Duration.ofMinutes(1)).system()).extracting(SystemMetrics::cpuPercent)
        .containsExactly(20.0, 30.0);
  }

  @Test
  void endpointsAreOrderedBusiestFirst() {
    store.recordRequest(request("GET", "/quiet", 200, 1, T0));
    store.recordRequest(request("GET", "/busy", 200, 1, T0));
    store.recordRequest(request("GET", "/busy", 200, 1, T0));

    assertThat(store.window(Duration.ofMinutes(1)).endpoints()).extracting(EndpointStats::route)
        .containsExactly("/busy", "/quiet");
  }

  @Test
  void recentRequestsKeepTheNewestRetentionOldestFirst() {
    MetricsStore small = MetricsStore.builder().clock(clock::now).retention(3).build();
    for (int i = 1; i <= 5; i++) {
      small.recordRequest(request("GET", "/a", 200, i, T0 + i));
    }

    assertThat(small.recentRequests()).extracting(RequestMetrics::timestampMillis)
        .containsExactly(T0 + 3, T0 + 4, T0 + 5);
    assertThat(small.totalRequests()).isEqualTo(5);
  }

  @Test
  void emptyWindowReportsZeros() {
    EndpointStats total = store.window(Duration.ofMinutes(1)).total();

    assertThat(total.count()).isZero();
    assertThat(total.avgMs()).isZero();
    assertThat(total.p95Ms()).isZero();
    assertThat(total.errorRatePercent()).isZero();
  }

  private static List<Integer> shuffled(int n) {
    List<Integer> values = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      values.add(i);
    }
    Collections.shuffle(values, new Random(42));
    return values;
  }
}
