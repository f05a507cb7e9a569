package io.perfwatch.bench;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.RequestMetrics;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * What two threads recording the same endpoint into one store cost each other, per record, against each thread
 * recording into a store of its own (which shares nothing, so it is the cost without interference). Two cases, by
 * where the threads start: their thread ids one apart (neighbouring stripes) or 32 apart (the same stripe for any
 * stripe count, which one pair of a server's threads in four hit by chance with four stripes). JMH cannot place its
 * worker threads this way, so this is a plain two-thread run: median of {@code ROUNDS} rounds after a warm-up.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.perfwatch.bench.StoreContention</pre>
 */
public final class StoreContention {
  private static final int ROUNDS = 3;
  private static final long RECORDS = 10_000_000;
  private static final String ROUTE = "/api/transactions/:id";

  private StoreContention() {}

  public static void main(String[] args) throws InterruptedException {
    long records = args.length > 0 && "--quick".equals(args[0]) ? 100_000 : RECORDS;
    for (int gap : new int[] {1, 32}) {
      warmUp(gap, records / 2);
      double[] shared = new double[ROUNDS];
      double[] own = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        shared[round] = nanosPerRecord(gap, true, records);
        own[round] = nanosPerRecord(gap, false, records);
      }
      System.out.printf("store-contention case=%s shared_ns=%.1f own_ns=%.1f%n",
          gap == 1 ? "neighbouring-stripes" : "same-stripe", median(shared), median(own));
    }
  }

  private static void warmUp(int gap, long records) throws InterruptedException {
    nanosPerRecord(gap, true, records);
    nanosPerRecord(gap, false, records);
  }

  /**
   * Two threads {@code gap} ids apart, each recording {@code records} requests; the mean of their ns per record.
   * Fails if the threads could not be placed as asked or the endpoint's count is not exactly what was recorded.
   */
  static double nanosPerRecord(int gap, boolean sharedStore, long records) throws InterruptedException {
    long now = System.currentTimeMillis();
    MetricsStore shared = MetricsStore.builder().build();
    MetricsStore[] stores = {sharedStore ? shared : MetricsStore.builder().build(),
        sharedStore ? shared : MetricsStore.builder().build()};
    long[] nanos = new long[2];
    Thread[] threads = placed(gap, index -> () -> {
      RequestMetrics request = new RequestMetrics(ROUTE, "GET", 200, 3_000_000, now, null, null, 0, 0, "None", -1,
          -1);
      long start = System.nanoTime();
      for (long i = 0; i < records; i++) {
        stores[index].recordRequest(request);
      }
      nanos[index] = System.nanoTime() - start;
    });
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long expected = sharedStore ? 2 * records : records;
    for (MetricsStore store : stores) {
      long counted = store.window(now - 60_000, now + 60_000).endpoints().stream().mapToLong(EndpointStats::count)
          .sum();
      if (counted != expected) {
        throw new IllegalStateException("the endpoint counted " + counted + " requests, not " + expected);
      }
    }
    return (nanos[0] + nanos[1]) / 2.0 / records;
  }

  /**
   * Two threads whose ids are {@code gap} apart (ids are handed out in order of construction; a thread created
   * elsewhere meanwhile spoils a placement, which is then tried again).
   */
  @SuppressWarnings("deprecation") // Thread.threadId() arrives in Java 19
  private static Thread[] placed(int gap, IntFunction<Runnable> work) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Thread first = new Thread(work.apply(0));
      for (int skip = 1; skip < gap; skip++) {
        new Thread(() -> { }); // takes an id
      }
      Thread second = new Thread(work.apply(1));
      if (second.getId() - first.getId() == gap) {
        return new Thread[] {first, second};
      }
    }
    throw new IllegalStateException("could not create two threads " + gap + " ids apart in 10 attempts");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
