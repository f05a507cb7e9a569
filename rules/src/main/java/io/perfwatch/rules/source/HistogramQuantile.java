package io.perfwatch.rules.source;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Prometheus's {@code histogram_quantile} over classic buckets, computed here rather than by Prometheus so that one
 * query for the bucket rates answers p50, p95 and p99 of every endpoint and of the total at once (Prometheus would
 * read every bucket series once per quantile). The same steps as Prometheus 2.x's {@code bucketQuantile}: buckets
 * sorted by upper bound, equal bounds merged, counts forced monotonic, NaN without a {@code +Inf} bucket, fewer than
 * two buckets or no observations; the quantile interpolates linearly inside its bucket, the first bucket starting at
 * 0 (or being its own bound when that is 0 or less), and a rank in the {@code +Inf} bucket answers the highest
 * finite bound.
 */
final class HistogramQuantile {
  private HistogramQuantile() {}

  /**
   * The {@code q}-quantile of {@code bounds[i]} (the {@code le} values) with cumulative {@code counts[i]}; the arrays
   * are not changed.
   */
  static double of(double q, double[] bounds, double[] counts) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (bounds.length == 0) {
      return Double.NaN;
    }
    Integer[] order = new Integer[bounds.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> bounds[i]));
    if (bounds[order[order.length - 1]] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[] upper = new double[bounds.length];
    double[] count = new double[bounds.length];
    int n = 0;
    for (Integer i : order) { // equal bounds (e.g. "1" and "1.0") are one bucket
      if (n > 0 && upper[n - 1] == bounds[i]) {
        count[n - 1] += counts[i];
      } else {
        upper[n] = bounds[i];
        count[n++] = counts[i];
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) { // rates of separately scraped buckets can dip: never let a count go down
      if (count[i] > max) {
        max = count[i];
      } else if (count[i] < max) {
        count[i] = max;
      }
    }
    if (n < 2 || count[n - 1] == 0) {
      return Double.NaN;
    }
    double rank = q * count[n - 1];
    int b = 0;
    while (b < n - 1 && !(count[b] >= rank)) {
      b++;
    }
    if (b == n - 1) {
      return upper[n - 2];
    }
    if (b == 0 && upper[0] <= 0) {
      return upper[0];
    }
    double start = 0;
    double inBucket = count[b];
    if (b > 0) {
      start = upper[b - 1];
      inBucket -= count[b - 1];
      rank -= count[b - 1];
    }
    return start + (upper[b] - start) * (rank / inBucket);
  }
}
