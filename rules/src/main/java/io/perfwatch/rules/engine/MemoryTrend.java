package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.SystemMetrics;
import java.util.List;

/**
 * Used memory over a window's host samples (NaN readings skipped): the least-squares slope in MB per minute and
 * the share of consecutive samples that rose. A leak climbs steadily; a busy heap saws up and down.
 */
record MemoryTrend(int samples, double slopeMbPerMinute, double risingShare, double firstMb, double lastMb) {
  static final int MIN_SAMPLES = 3;
  static final double MIN_RISING_SHARE = 0.8;

  static MemoryTrend of(List<SystemMetrics> system) {
    List<SystemMetrics> valid = system.stream().filter(s -> !Double.isNaN(s.memoryUsedMb())).toList();
    int n = valid.size();
    if (n < 2) {
      return new MemoryTrend(n, Double.NaN, 0, n == 0 ? Double.NaN : valid.get(0).memoryUsedMb(),
          n == 0 ? Double.NaN : valid.get(0).memoryUsedMb());
    }
    long t0 = valid.get(0).timestampMillis();
    double sumX = 0;
    double sumY = 0;
    double sumXy = 0;
    double sumXx = 0;
    int rising = 0;
    for (int i = 0; i < n; i++) {
      double x = (valid.get(i).timestampMillis() - t0) / 60_000.0;
      double y = valid.get(i).memoryUsedMb();
      sumX += x;
      sumY += y;
      sumXy += x * y;
      sumXx += x * x;
      if (i > 0 && y > valid.get(i - 1).memoryUsedMb()) {
        rising++;
      }
    }
    double denominator = n * sumXx - sumX * sumX;
    double slope = denominator == 0 ? Double.NaN : (n * sumXy - sumX * sumY) / denominator;
    return new MemoryTrend(n, slope, (double) rising / (n - 1), valid.get(0).memoryUsedMb(),
        valid.get(n - 1).memoryUsedMb());
  }

  /** Enough samples, and rising in at least 80 % of the steps. */
  boolean steady() {
    return samples >= MIN_SAMPLES && risingShare >= MIN_RISING_SHARE;
  }
}
