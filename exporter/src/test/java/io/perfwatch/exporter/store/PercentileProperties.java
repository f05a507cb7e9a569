package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.HOUR;
import static io.perfwatch.exporter.store.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The store's percentiles against exact nearest-rank ones ({@link Exact}) on random samples: within 0.79 % for
 * windows up to an hour (minute tier), within 6.25 % once the values are in the hour tier; always ordered and never
 * above the maximum, which is exact.
 */
class PercentileProperties {
  private static final double[] QUANTILES = {0.50, 0.95, 0.99};

  @Property(tries = 60)
  void minuteTierPercentilesAreWithinTheFineError(
      @ForAll @IntRange(min = 1, max = 10_000) int n, @ForAll("shapes") int shape, @ForAll long seed) {
    long[] nanos = Exact.sample(new Random(seed), n, shape);
    Records.FakeClock clock = new Records.FakeClock(T0 + 59_000);
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();
    for (int i = 0; i < n; i++) {
      store.recordRequest(Records.request("GET", "/a", 200, nanos[i] / 1e6, T0 + i % 59_000));
    }

    check(store.window(Duration.ofMinutes(1)).endpoint("GET", "/a").orElseThrow(), nanos, 1 / 128.0);
  }

  @Property(tries = 30)
  void hourTierPercentilesAreWithinTheCoarseError(
      @ForAll @IntRange(min = 1, max = 10_000) int n, @ForAll("shapes") int shape, @ForAll long seed) {
    long[] nanos = Exact.sample(new Random(seed), n, shape);
    Records.FakeClock clock = new Records.FakeClock(T0 + 3 * HOUR);
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();
    for (int i = 0; i < n; i++) { // spread over the first hour, compacted into it two hours later
      store.recordRequest(Records.request("GET", "/a", 200, nanos[i] / 1e6, T0 + (long) i * HOUR / n));
    }

    check(store.window(Duration.ofHours(4)).endpoint("GET", "/a").orElseThrow(), nanos, 1 / 16.0);
  }

  @Property(tries = 40)
  void queryPercentileIsWithinTheFineError(
      @ForAll @IntRange(min = 1, max = 10_000) int n, @ForAll("shapes") int shape, @ForAll long seed) {
    long[] nanos = Exact.sample(new Random(seed), n, shape);
    MetricsStore store = MetricsStore.builder().clock(() -> T0 + 59_000).build();
    for (int i = 0; i < n; i++) {
      store.recordQuery(Records.query("select 1", nanos[i] / 1e6, T0 + i % 59_000, "success"));
    }

    QueryStats stats = store.window(Duration.ofMinutes(1)).queries().get(0);
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    assertThat(stats.p95Ms()).isBetween(Exact.ms(Exact.rank(sorted, 0.95)) * (1 - 1 / 128.0) - 1e-9,
        Exact.ms(Exact.rank(sorted, 0.95)) * (1 + 1 / 128.0) + 1e-9);
    assertThat(stats.p95Ms()).isLessThanOrEqualTo(stats.maxMs());
    assertThat(stats.maxMs()).isEqualTo(Exact.ms(sorted[n - 1]));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> shapes() {
    return net.jqwik.api.Arbitraries.integers().between(0, Exact.SHAPES - 1);
  }

  private static void check(EndpointStats stats, long[] nanos, double error) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double[] got = {stats.p50Ms(), stats.p95Ms(), stats.p99Ms()};
    for (int q = 0; q < QUANTILES.length; q++) {
      double exact = Exact.ms(Exact.rank(sorted, QUANTILES[q]));
      assertThat(got[q]).as("p%s of %d values", QUANTILES[q], nanos.length)
          .isBetween(exact * (1 - error) - 1e-9, exact * (1 + error) + 1e-9);
    }
    assertThat(stats.count()).isEqualTo(nanos.length);
    assertThat(stats.maxMs()).isEqualTo(Exact.ms(sorted[sorted.length - 1]));
    assertThat(stats.p50Ms()).isLessThanOrEqualTo(stats.p95Ms());
    assertThat(stats.p95Ms()).isLessThanOrEqualTo(stats.p99Ms());
    assertThat(stats.p99Ms()).isLessThanOrEqualTo(stats.maxMs());
  }
}
