package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.HOUR;
import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsStoreMemoryTest {
  private static final int REQUESTS = 1_000_000;
  private static final int ROUTES = 200;
  private static final int HISTORY_HOURS = 24;
  private static final long SPAN_MILLIS = 48 * HOUR;
  private static final int ROLLUP_CAP = ROUTES * (History.MINUTE_SLOTS + HISTORY_HOURS);

  @Test
  void millionRequestsOverTwoDaysStayWithinTheCaps() {
    Records.FakeClock clock = new Records.FakeClock(T0);
    MetricsStore store = MetricsStore.builder().clock(clock::now).historyHours(HISTORY_HOURS).retention(10_000).build();
    int maxRollups = 0;

    for (int i = 0; i < REQUESTS; i++) {
      record(store, clock, i);
      if (i % 10_000 == 0) {
        int rollups = store.retainedRollups();
        maxRollups = Math.max(maxRollups, rollups);
        assertThat(rollups).isLessThanOrEqualTo(ROLLUP_CAP);
        assertThat(store.trackedEndpoints()).isLessThanOrEqualTo(ROUTES);
      }
    }

    assertThat(store.retainedRollups()).isBetween(ROUTES * (60 + HISTORY_HOURS - 1), ROLLUP_CAP);
    assertThat(maxRollups).isLessThanOrEqualTo(ROLLUP_CAP);
    // one writer thread: the whole retention
    assertThat(store.recentRequests()).hasSize(10_000);
    assertThat(store.totalRequests()).isEqualTo(REQUESTS);
    long inLastDay = store.window(Duration.ofHours(HISTORY_HOURS)).total().count();
    assertThat(inLastDay).isBetween((long) (REQUESTS / 2), (long) (REQUESTS / 2 + REQUESTS / 48));
  }

  /** Prints heap per retained rollup; a measurement for the javadoc, not an assertion, as GC makes it noisy. */
  @Test
  void measureHeapPerRollup() {
    Records.FakeClock clock = new Records.FakeClock(T0);
    long before = usedHeapAfterGc();
    MetricsStore store = MetricsStore.builder().clock(clock::now).historyHours(HISTORY_HOURS).retention(1).build();
    for (int i = 0; i < REQUESTS; i++) {
      record(store, clock, i);
    }
    int rollups = store.retainedRollups();
    long after = usedHeapAfterGc();

    System.out.printf("MetricsStore heap: %d rollups over %d endpoints, %d bytes in total, %d bytes per rollup%n",
        rollups, store.trackedEndpoints(), after - before, (after - before) / rollups);
    assertThat(store.totalRequests()).isEqualTo(REQUESTS); // keeps the store reachable until after the measurement
  }

  private static final Random DURATIONS = new Random(7);

  /** Request i of REQUESTS, evenly spread over SPAN_MILLIS; durations 5..500 ms, log-uniform like web latencies. */
  private static void record(MetricsStore store, Records.FakeClock clock, int i) {
    long timestamp = T0 + i * (SPAN_MILLIS / 1000) / (REQUESTS / 1000);
    clock.set(timestamp);
    double millis = 5 * Math.pow(100, DURATIONS.nextDouble());
    int status = i % 50 == 0 ? 500 : (i % 20 == 0 ? 404 : 200);
    store.recordRequest(request("GET", "/api/route/" + (i % ROUTES), status, millis, timestamp));
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
