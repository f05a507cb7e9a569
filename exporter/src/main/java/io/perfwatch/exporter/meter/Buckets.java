package io.perfwatch.exporter.meter;

import java.time.Duration;

/**
 * Histogram bucket layouts, chosen for {@code histogram_quantile} over web and database latencies instead of
 * Micrometer's 73-bucket default (about 7.7 KB of exposition per series). HTTP boundaries include the default
 * thresholds and their severity multiples (1, 1.5, 2, 3, 4, 8 s) so that the exported alerts compare at a boundary.
 */
public final class Buckets {
  /** 16 boundaries from 1 ms to 16 s, plus +Inf: 17 bucket lines per HTTP series. */
  public static final Duration[] HTTP = millis(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 1500, 2000, 3000, 4000,
      8000, 16000);

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
