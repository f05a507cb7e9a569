package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.SystemMetrics;
import java.time.Duration;
import java.util.List;

/**
 * The JVM's long-lived heap right after garbage collection over a window's samples (NaN readings, taken before the
 * first collection or from sources without the reading, skipped): the least-squares slope in MB per minute, the span
 * the readings cover, and how the reading moved. It only moves when a collection runs, so repeated readings are
 * steps of a staircase, not evidence: a leak raises it at (nearly) every change; a healthy heap, whose old garbage
 * is collected, goes up and down. Host memory (every process on the machine) is never read.
 *
 * @param changes steps where the reading changed
 * @param rises the changes that went up
 */
record MemoryTrend(int samples, double spanMinutes, double slopeMbPerMinute, int changes, int rises, double firstMb,
    double lastMb) {
  static final int MIN_RISES = 3;
  static final double MIN_RISING_SHARE = 0.8;

  static MemoryTrend of(List<SystemMetrics> system) {
    List<SystemMetrics> valid = system.stream().filter(s -> !Double.isNaN(s.heapAfterGcMb())).toList();
    int n = valid.size();
    if (n == 0) {
      return new MemoryTrend(0, 0, Double.NaN, 0, 0, Double.NaN, Double.NaN);
    }
    long t0 = valid.get(0).timestampMillis();
    double sumX = 0;
    double sumY = 0;
    double sumXy = 0;
    double sumXx = 0;
    int changes = 0;
    int rises = 0;
    for (int i = 0; i < n; i++) {
      double x = (valid.get(i).timestampMillis() - t0) / 60_000.0;
      double y = valid.get(i).heapAfterGcMb();
      sumX += x;
      sumY += y;
      sumXy += x * y;
      sumXx += x * x;
      if (i > 0 && y != valid.get(i - 1).heapAfterGcMb()) {
        changes++;
        rises += y > valid.get(i - 1).heapAfterGcMb() ? 1 : 0;
      }
    }
    double denominator = n * sumXx - sumX * sumX;
    double slope = denominator == 0 ? Double.NaN : (n * sumXy - sumX * sumY) / denominator;
    double span = (valid.get(n - 1).timestampMillis() - t0) / 60_000.0;
    return new MemoryTrend(n, span, slope, changes, rises, valid.get(0).heapAfterGcMb(),
        valid.get(n - 1).heapAfterGcMb());
  }

  /** The readings cover at least half the window: a verdict on less would extrapolate a start-up transient. */
  boolean covers(Duration window) {
    return spanMinutes * 60_000 >= window.toMillis() / 2.0;
  }

  /** Rose at least three times, in at least 80 % of the changes. */
  boolean steady() {
    return rises >= MIN_RISES && rises >= MIN_RISING_SHARE * changes;
  }

  double risingShare() {
    return changes == 0 ? 0 : (double) rises / changes;
  }
}
