package io.perfwatch.bench;

import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.RequestMetrics;
import java.util.Arrays;

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
  private static final int ROUNDS = 5;
  private static final long RECORDS = 10_000_000;

  private StoreContention() {}

  public static void main(String[] args) throws InterruptedException {
    long records = args.length > 0 && "--quick".equals(args[0]) ? 100_000 : RECORDS;
    for (int gap : new int[] {1, 32}) {
      measure(gap, records / 2); // warm-up
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

  private static void measure(int gap, long records) throws InterruptedException {
    nanosPerRecord(gap, true, records);
    nanosPerRecord(gap, false, records);
  }

  /**
   * Two threads {@code gap} ids apart, each recording {@code records} requests; the mean of their ns per record.
   * Fails if the threads were not placed as asked or a record was lost.
   */
  static double nanosPerRecord(int gap, boolean sharedStore, long records) throws InterruptedException {
    MetricsStore shared = MetricsStore.builder().build();
    long[] nanos = new long[2];
    long[] recorded = new long[2];
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int index = t;
      if (t == 1) {
        for (int skip = 1; skip < gap; skip++) {
          new Thread(() -> { }); // takes an id: Thread ids are handed out in order of construction
        }
      }
      threads[t] = new Thread(() -> {
        MetricsStore store = sharedStore ? shared : MetricsStore.builder().build();
        RequestMetrics request = new RequestMetrics("/api/transactions/:id", "GET", 200, 3_000_000,
            System.currentTimeMillis(), null, null, 0, 0, "None", -1, -1);
        long start = System.nanoTime();
        for (long i = 0; i < records; i++) {
          store.recordRequest(request);
        }
        nanos[index] = System.nanoTime() - start;
        recorded[index] = store.totalRequests();
      });
    }
    @SuppressWarnings("deprecation") // Thread.threadId() arrives in Java 19
    long ids = threads[1].getId() - threads[0].getId();
    if (ids != gap) {
      throw new IllegalStateException("thread ids are " + ids + " apart, not " + gap);
    }
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    boolean exact = sharedStore ? shared.totalRequests() == 2 * records
        : recorded[0] == records && recorded[1] == records;
    if (!exact) {
      throw new IllegalStateException("records lost or double-counted: " + shared.totalRequests() + " in the shared "
          + "store, " + Arrays.toString(recorded) + " seen by the threads");
    }
    return (nanos[0] + nanos[1]) / 2.0 / records;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
