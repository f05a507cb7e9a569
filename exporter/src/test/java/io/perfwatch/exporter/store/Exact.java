package io.perfwatch.exporter.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/** Exact nearest-rank percentiles and the random duration samples the properties compare them on. */
final class Exact {
  static final int SHAPES = 4;

  private Exact() {}

  /** The value of rank {@code ceil(q * n)} (at least 1) of {@code sorted}, in decimal arithmetic. */
  static long rank(long[] sorted, double quantile) {
    long rank = new BigDecimal(Double.toString(quantile)).multiply(BigDecimal.valueOf(sorted.length))
        .setScale(0, RoundingMode.CEILING).longValueExact();
    return sorted[(int) Math.max(1, rank) - 1];
  }

  /** Milliseconds as the store reports them. */
  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /**
   * {@code n} durations in whole microseconds (as the store's fixtures take milliseconds with three decimals): 0
   * log-uniform 1 µs..10 s, 1 uniform 1..1000 ms, 2 a few repeated values, 3 mostly fast with a slow tail.
   */
  static long[] sample(Random random, int n, int shape) {
    long[] nanos = new long[n];
    long[] few = {1_000, 25_000, 1_000_000, 7_777_000, 400_000_000};
    for (int i = 0; i < n; i++) {
      long micros = switch (shape) {
        case 0 -> (long) Math.pow(10, 7 * random.nextDouble());
        case 1 -> 1_000 + random.nextInt(999_001);
        case 2 -> few[random.nextInt(few.length)] / 1_000;
        default -> random.nextInt(100) < 97 ? 2_000 + random.nextInt(3_000) : 500_000 + random.nextInt(4_500_000);
      };
      nanos[i] = Math.max(1, micros) * 1_000;
    }
    return nanos;
  }
}
