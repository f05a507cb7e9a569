package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.MINUTE;
import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsStoreConcurrencyTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 250_000;
  private static final String[] ROUTES = {"/a", "/b", "/c", "/d"};

  @Test
  void concurrentWritersGiveExactCountsWhileQueriesRun() throws Exception {
    Records.FakeClock clock = new Records.FakeClock(T0 + 5 * MINUTE);
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();
    CyclicBarrier start = new CyclicBarrier(THREADS + 1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong queriesRun = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        writers.add(CompletableFuture.runAsync(() -> {
          await(start);
          for (int i = 0; i < PER_THREAD; i++) { // timestamps cross five minutes, so rollovers and late records race
            long timestamp = T0 + (long) i * 5 * MINUTE / PER_THREAD;
            store.recordRequest(request("GET", ROUTES[i % ROUTES.length], i % 10 == 0 ? 500 : 200, 3, timestamp));
          }
        }, pool));
      }
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        await(start);
        do {
          store.window(Duration.ofMinutes(10));
          queriesRun.incrementAndGet();
        } while (writing.get());
      }, pool);
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
      writing.set(false);
      reader.get();
    } finally {
      pool.shutdownNow();
    }

    WindowStats window = store.window(Duration.ofMinutes(10));
    long expected = (long) THREADS * PER_THREAD;
    assertThat(window.total().count()).isEqualTo(expected);
    assertThat(window.total().serverErrors()).isEqualTo(expected / 10);
    assertThat(window.total().statusCounts()).containsEntry(200, expected * 9 / 10).containsEntry(500, expected / 10);
    assertThat(window.endpoints()).extracting(EndpointStats::count).containsOnly(expected / ROUTES.length);
    assertThat(store.totalRequests()).isEqualTo(expected);
    assertThat(store.endpointSeries("GET", "/a", Duration.ofMinutes(10), Duration.ofMinutes(1)).stream()
        .mapToLong(SeriesPoint::count).sum()).isEqualTo(expected / ROUTES.length);
    assertThat(queriesRun.get()).isPositive();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
