package io.perfwatch.exporter.internal.meter;

import java.time.Duration;

/**
 * Histogram bucket layouts, chosen for {@code histogram_quantile} over web and database latencies instead of
 * Micrometer's 73-bucket default (about 7.7 KB of exposition per series), and documented in the exporter README.
 */
public final class Buckets {
  /**
   * 11 boundaries from 5 ms to 8 s, plus +Inf: 15 lines per HTTP series with count, sum and max. Steps of 1-2.5-5 up
   * to 500 ms, where web latencies live, then doubling: 1 s (slow request), 2 s (p95 threshold), 4 s and 8 s (its
   * high and critical multiples) are boundaries, so those alerts compare exactly; the medium multiple (3 s) is
   * interpolated between 2 and 4 s. Every bucket line is also a Prometheus series, so each boundary costs the
   * Prometheus server memory for every route and status.
   */
  public static final Duration[] HTTP = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2000, 4000, 8000);

  /** 15 boundaries from 0.1 ms to 10 s: index lookups are sub-millisecond, the slow-query threshold is 500 ms. */
  public static final Duration[] DATABASE = millis(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
      10000);

  /** Queries per request, 1 to 100 (Micrometer wants boundaries above 0: requests without queries fall in le="1"). */
  public static final double[] QUERY_COUNT = {1, 2, 3, 5, 10, 20, 50, 100};

  private Buckets() {}

  private static Duration[] millis(double... boundaries) {
    Duration[] result = new Duration[boundaries.length];
    for (int i = 0; i < boundaries.length; i++) {
      result[i] = Duration.ofNanos(Math.round(boundaries[i] * 1_000_000));
    }
    return result;
  }
}
