package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.SECOND;
import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.nPlusOne;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsStoreAggregateTest {
  private static final List<Double> BOUNDS = List.of(0.01, 0.1, 1.0, Double.POSITIVE_INFINITY);

  private final Records.FakeClock clock = new Records.FakeClock(T0 + 50 * SECOND);
  private final MetricsStore store = MetricsStore.builder().clock(clock::now).build();

  @Test
  void aggregateCountsStatusesSumsAndQueriesAreExact() {
    store.recordAggregate(aggregate(200, 90, 4.5, List.of(50L, 80L, 90L, 90L), 180));
    store.recordAggregate(aggregate(503, 10, 5.5, List.of(0L, 0L, 10L, 10L), 0));

    EndpointStats stats = store.window(Duration.ofMinutes(1)).endpoint("GET", "/api/items/:id").orElseThrow();

    assertThat(stats.count()).isEqualTo(100);
    assertThat(stats.serverErrors()).isEqualTo(10);
    assertThat(stats.errorRatePercent()).isEqualTo(10.0);
    assertThat(stats.statusCounts()).isEqualTo(Map.of(200, 90L, 503, 10L));
    assertThat(stats.avgMs()).isEqualTo(100.0);
    assertThat(stats.avgQueriesPerRequest()).isEqualTo(1.8);
    assertThat(stats.maxMs()).isEqualTo(900.0);
    assertThat(store.totalRequests()).isEqualTo(100);
  }

  @Test
  void aggregatePercentilesAreTheUpperBoundOfTheirBucketAtMostTheMax() {
    // 40 in (0, 10 ms], 30 in (10, 100 ms], 30 in (100 ms, 1 s]; rank 50 is in the second bucket, rank 95 in the
    // third, whose bound (1 s) is above the slowest request (900 ms)
    store.recordAggregate(aggregate(200, 100, 10.0, List.of(40L, 70L, 100L, 100L), 0));

    EndpointStats stats = store.window(Duration.ofMinutes(1)).endpoint("GET", "/api/items/:id").orElseThrow();

    assertThat(stats.p50Ms()).isCloseTo(100.0, withinPercentage(0.79));
    assertThat(stats.p95Ms()).isEqualTo(900.0);
    assertThat(stats.maxMs()).isEqualTo(900.0);
  }

  @Test
  void infBucketSitsAtTheMaxWhenItIsAboveTheLastBound() {
    store.recordAggregate(new RequestAggregate(T0 + 10 * SECOND, "GET", "/slow", 200, 10, Records.nanos(30_000),
        Records.nanos(4_000), BucketCount.fromCumulative(BOUNDS, List.of(0L, 0L, 0L, 10L)), 0));

    EndpointStats stats = store.window(Duration.ofMinutes(1)).endpoint("GET", "/slow").orElseThrow();

    assertThat(stats.p99Ms()).isEqualTo(4_000.0);
  }

  @Test
  void aggregatesMergeWithRecordedRequests() {
    store.recordRequest(request("GET", "/api/items/:id", 200, 20, T0 + 5 * SECOND));
    store.recordAggregate(aggregate(200, 9, 0.18, List.of(0L, 9L, 9L, 9L), 0));

    EndpointStats stats = store.window(Duration.ofMinutes(1)).endpoint("GET", "/api/items/:id").orElseThrow();

    assertThat(stats.count()).isEqualTo(10);
    assertThat(stats.avgMs()).isCloseTo(20.0, withinPercentage(0.001));
  }

  @Test
  void aggregateWithoutBucketsPutsEveryObservationAtTheAverage() {
    store.recordAggregate(new RequestAggregate(T0, "POST", "/orders", 201, 4, Records.nanos(200), 0, List.of(), 0));

    EndpointStats stats = store.window(Duration.ofMinutes(1)).endpoint("POST", "/orders").orElseThrow();

    assertThat(stats.p99Ms()).isCloseTo(50.0, withinPercentage(1));
  }

  @Test
  void queryAggregateIsStoredUnderItsFingerprint() {
    store.recordAggregate(new QueryAggregate(T0, "SELECT orders", "SELECT", "orders", 20, 2, Records.nanos(2_000),
        Records.nanos(600), BucketCount.fromCumulative(BOUNDS, List.of(0L, 10L, 20L, 20L))));

    QueryStats stats = store.window(Duration.ofMinutes(1)).queries().get(0);

    assertThat(stats).extracting(QueryStats::fingerprint, QueryStats::operation, QueryStats::table,
        QueryStats::count, QueryStats::errorCount).containsExactly("SELECT orders", "SELECT", "orders", 20L, 2L);
    assertThat(stats.avgMs()).isEqualTo(100.0);
    assertThat(stats.maxMs()).isEqualTo(600.0);
    // in the 1 s bucket, entered at the maximum instead (never above it)
    assertThat(stats.p95Ms()).isCloseTo(600.0, withinPercentage(0.79)).isLessThanOrEqualTo(600.0);
  }

  @Test
  void nPlusOneOccurrencesCountExactlyAndFillTheRingLikeSingleRecords() {
    MetricsStore small = MetricsStore.builder().clock(clock::now).retention(5).build();

    small.recordNPlusOne(nPlusOne("/api/users/:id", T0), 7);

    assertThat(small.recentNPlusOne()).hasSize(5);
    assertThat(small.window(Duration.ofMinutes(1)).endpoint("GET", "/api/users/:id").orElseThrow().nPlusOneCount())
        .isEqualTo(7);
  }

  @Test
  void bucketCountsMustAddUpToTheCount() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> aggregate(200, 10, 1.0, List.of(1L, 2L, 3L, 4L), 0))
        .withMessage("bucket counts add up to 4 but count is 10");
  }

  @Test
  void cumulativeCountsMustNotDecrease() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BucketCount.fromCumulative(BOUNDS, List.of(5L, 4L, 5L, 5L)))
        .withMessage("cumulative count 4 at le=0.1 is below the previous bucket's 5");
  }

  private static RequestAggregate aggregate(int status, long count, double sumSeconds, List<Long> cumulative,
      long queries) {
    return new RequestAggregate(T0 + 10 * SECOND, "GET", "/api/items/:id", status, count,
        Math.round(sumSeconds * 1e9), Records.nanos(900), BucketCount.fromCumulative(BOUNDS, cumulative), queries);
  }
}
