package io.perfwatch.exporter.store;

import java.util.List;

/**
 * Puts pre-aggregated histogram buckets into an accumulator's bins, one representative value per bucket (see
 * {@link MetricsStore#recordAggregate(RequestAggregate)} for the resulting error), and bounds their minimum and
 * maximum, which clamp the percentiles.
 */
final class AggregateSketch {
  private AggregateSketch() {}

  /** The bounds of an aggregate's durations: {@code min} at most the shortest, {@code max} the slowest or above. */
  record Range(long min, long max) {
    static final Range NONE = new Range(Long.MAX_VALUE, 0);
  }

  /**
   * Adds {@code count} durations. Each bucket's enter at its upper bound, at most {@code maxNanos} when known (a
   * bucket's bound above the slowest request would otherwise turn into a percentile above the maximum); the
   * {@code +Inf} bucket's at {@code max(previous bound, maxNanos)}. Without buckets all enter at the average.
   */
  static Range add(LiveBins bins, List<BucketCount> buckets, long count, long sumNanos, long maxNanos) {
    if (count == 0) {
      return Range.NONE;
    }
    if (buckets.isEmpty()) {
      long average = sumNanos / count;
      bins.add(average, count);
      return new Range(0, Math.max(maxNanos, average));
    }
    long previousBound = 0;
    long min = Long.MAX_VALUE;
    long highest = 0;
    for (BucketCount bucket : buckets) {
      double seconds = bucket.upperBoundSeconds();
      long bound = Double.isInfinite(seconds) ? Long.MAX_VALUE : Math.round(seconds * 1e9);
      if (bucket.count() > 0) {
        long value = bound == Long.MAX_VALUE ? Math.max(previousBound, maxNanos) : bound;
        if (maxNanos > 0) {
          value = Math.min(value, maxNanos);
        }
        bins.add(value, bucket.count());
        min = Math.min(min, previousBound);
        highest = Math.max(highest, value);
      }
      previousBound = bound;
    }
    return new Range(min, Math.max(maxNanos, highest));
  }
}
