package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.HOUR;
import static io.perfwatch.exporter.store.Records.MINUTE;
import static io.perfwatch.exporter.store.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random traffic over up to 26 hours replayed into the store and into a reference that keeps every raw value (the
 * store's window semantics with exact numbers: what the store answered before its rollups were packed, minus the
 * sketch's error). At 1 min, 5 min, 1 h and 24 h every count, error count, status count, sum, average and maximum
 * matches exactly, and every percentile is within the tier's error: 0.79 % while only the last 61 minutes are
 * involved, 6.25 % once older data (hours) is.
 */
class ReplayProperties {
  private static final String[][] ENDPOINTS = {{"GET", "/a"}, {"POST", "/a"}, {"GET", "/b/:id"}};
  private static final String[] FINGERPRINTS = {"select * from a where id = ?", "update b set x = ? where id = ?"};
  private static final String[] TENANTS = {null, "acme", "globex"};
  private static final int[] STATUSES = {200, 200, 200, 201, 404, 500, 503};
  private static final Duration[] WINDOWS = {
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24)};

  @Property(tries = 40)
  void windowsMatchTheExactReference(
      @ForAll @IntRange(min = 1, max = 3_000) int n, @ForAll @IntRange(min = 1, max = 26 * 60) int spanMinutes,
      @ForAll long seed) {
    Random random = new Random(seed);
    long span = spanMinutes * MINUTE;
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = T0 + (long) (random.nextDouble() * span);
    }
    Arrays.sort(times);
    long now = times[n - 1] + random.nextInt(120_000);
    Records.FakeClock clock = new Records.FakeClock(times[0]);
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();
    List<RequestMetrics> requests = new ArrayList<>();
    List<DatabaseMetrics> queries = new ArrayList<>();
    long[] durations = Exact.sample(random, n, random.nextInt(Exact.SHAPES));
    for (int i = 0; i < n; i++) {
      if (random.nextInt(10) < 7) {
        String[] endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
        RequestMetrics r = new RequestMetrics(endpoint[1], endpoint[0], STATUSES[random.nextInt(STATUSES.length)],
            durations[i], times[i], TENANTS[random.nextInt(TENANTS.length)], null, random.nextInt(4),
            durations[i] / 3, "None", -1, -1);
        store.recordRequest(r);
        requests.add(r);
      } else {
        DatabaseMetrics q = new DatabaseMetrics(FINGERPRINTS[random.nextInt(FINGERPRINTS.length)], "SELECT", "a",
            durations[i], times[i], null, -1, 0, random.nextInt(5) == 0 ? "23505" : "success", null);
        store.recordQuery(q);
        queries.add(q);
      }
    }
    clock.set(now);

    for (Duration window : WINDOWS) {
      Predicate<Long> in = included(now, window);
      // hour-tier data (older than 61 minutes; a window touching its hour includes it) has the coarse error
      boolean coarse = LongStream.of(times).anyMatch(t -> in.test(t) && t / MINUTE < now / MINUTE - 60);
      double error = coarse ? 1 / 16.0 : 1 / 128.0;
      WindowStats stats = store.window(window);
      checkEndpoints(stats, requests.stream().filter(r -> in.test(r.timestampMillis())).toList(), error);
      checkQueries(stats, queries.stream().filter(q -> in.test(q.timestampMillis())).toList(), error);
    }
  }

  /**
   * Which timestamps a window at {@code now} covers: the minutes it touches while they are among the last 61
   * minutes, older data by the hours it touches, nothing before the 24 hours of history.
   */
  private static Predicate<Long> included(long now, Duration window) {
    long from = now - window.toMillis();
    long nowMinute = Math.floorDiv(now, MINUTE);
    return t -> {
      long minute = Math.floorDiv(t, MINUTE);
      if (minute >= nowMinute - 60) {
        return minute >= Math.floorDiv(from, MINUTE) && minute <= nowMinute;
      }
      long hour = Math.floorDiv(t, HOUR);
      return hour >= Math.floorDiv(from, HOUR) && hour >= Math.floorDiv(now - 24 * HOUR, HOUR);
    };
  }

  private static void checkEndpoints(WindowStats stats, List<RequestMetrics> requests, double error) {
    Map<String, List<RequestMetrics>> byEndpoint = new TreeMap<>();
    Map<String, Long> byTenant = new HashMap<>();
    for (RequestMetrics r : requests) {
      byEndpoint.computeIfAbsent(r.method() + " " + r.route(), k -> new ArrayList<>()).add(r);
      if (r.tenantId() != null) {
        byTenant.merge(r.tenantId(), 1L, Long::sum);
      }
    }
    assertThat(stats.endpoints()).hasSize(byEndpoint.size());
    assertThat(stats.requestsByTenant()).isEqualTo(byTenant);
    checkEndpoint(stats.total(), requests, error);
    for (EndpointStats e : stats.endpoints()) {
      checkEndpoint(e, byEndpoint.get(e.method() + " " + e.route()), error);
    }
  }

  private static void checkEndpoint(EndpointStats e, List<RequestMetrics> expected, double error) {
    long[] nanos = expected.stream().mapToLong(RequestMetrics::durationNanos).sorted().toArray();
    Map<Integer, Long> statuses = new HashMap<>();
    expected.forEach(r -> statuses.merge(r.status(), 1L, Long::sum));
    long sum = Arrays.stream(nanos).sum();
    long queryCount = expected.stream().mapToLong(RequestMetrics::queryCount).sum();
    long queryNanos = expected.stream().mapToLong(RequestMetrics::queryNanos).sum();
    assertThat(e.count()).isEqualTo(nanos.length);
    assertThat(e.serverErrors()).isEqualTo(expected.stream().filter(r -> r.status() >= 500).count());
    assertThat(e.clientErrors()).isEqualTo(expected.stream().filter(r -> r.status() / 100 == 4).count());
    assertThat(e.statusCounts()).isEqualTo(statuses);
    if (nanos.length == 0) {
      return;
    }
    assertThat(e.avgMs()).isEqualTo((double) sum / nanos.length / 1e6);
    assertThat(e.maxMs()).isEqualTo(nanos[nanos.length - 1] / 1e6);
    assertThat(e.avgQueriesPerRequest()).isEqualTo((double) queryCount / nanos.length);
    assertThat(e.avgQueryTimeMs()).isEqualTo((double) queryNanos / nanos.length / 1e6);
    assertWithin(e.p50Ms(), Exact.rank(nanos, 0.50), error);
    assertWithin(e.p95Ms(), Exact.rank(nanos, 0.95), error);
    assertWithin(e.p99Ms(), Exact.rank(nanos, 0.99), error);
    assertThat(e.p50Ms()).isLessThanOrEqualTo(e.p95Ms());
    assertThat(e.p95Ms()).isLessThanOrEqualTo(e.p99Ms());
    assertThat(e.p99Ms()).isLessThanOrEqualTo(e.maxMs());
  }

  private static void checkQueries(WindowStats stats, List<DatabaseMetrics> queries, double error) {
    Map<String, List<DatabaseMetrics>> byFingerprint = new TreeMap<>();
    queries.forEach(q -> byFingerprint.computeIfAbsent(q.normalizedSql(), k -> new ArrayList<>()).add(q));
    assertThat(stats.queries()).hasSize(byFingerprint.size());
    for (QueryStats q : stats.queries()) {
      List<DatabaseMetrics> expected = byFingerprint.get(q.fingerprint());
      long[] nanos = expected.stream().mapToLong(DatabaseMetrics::durationNanos).sorted().toArray();
      long sum = Arrays.stream(nanos).sum();
      assertThat(q.count()).isEqualTo(nanos.length);
      assertThat(q.errorCount()).isEqualTo(expected.stream().filter(DatabaseMetrics::isError).count());
      assertThat(q.avgMs()).isEqualTo((double) sum / nanos.length / 1e6);
      assertThat(q.totalMs()).isEqualTo(sum / 1e6);
      assertThat(q.maxMs()).isEqualTo(nanos[nanos.length - 1] / 1e6);
      assertWithin(q.p95Ms(), Exact.rank(nanos, 0.95), error);
      assertThat(q.p95Ms()).isLessThanOrEqualTo(q.maxMs());
    }
  }

  private static void assertWithin(double ms, long exactNanos, double error) {
    double exact = exactNanos / 1e6;
    assertThat(ms).isBetween(exact * (1 - error) - 1e-9, exact * (1 + error) + 1e-9);
  }
}
