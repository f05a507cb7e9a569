package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The observations of one histogram bucket: those above the previous bucket's bound and at most
 * {@code upperBoundSeconds} (per bucket, not cumulative as in the Prometheus exposition).
 *
 * @param upperBoundSeconds the bucket's {@code le}; {@link Double#POSITIVE_INFINITY} for the last bucket
 */
public record BucketCount(double upperBoundSeconds, long count) {

  public BucketCount {
    if (Double.isNaN(upperBoundSeconds) || upperBoundSeconds < 0) {
      throw new IllegalArgumentException("upperBoundSeconds must be a number >= 0, was " + upperBoundSeconds);
    }
    if (count < 0) {
      throw new IllegalArgumentException("bucket count must not be negative, was " + count);
    }
  }

  /**
   * Per-bucket counts from Prometheus' cumulative ones ({@code _bucket{le=...}} values in ascending {@code le}).
   * A cumulative count lower than the one before it is not a histogram and is refused.
   */
  public static List<BucketCount> fromCumulative(List<Double> upperBoundsSeconds, List<Long> cumulativeCounts) {
    if (upperBoundsSeconds.size() != cumulativeCounts.size()) {
      throw new IllegalArgumentException("got " + upperBoundsSeconds.size() + " bounds but "
          + cumulativeCounts.size() + " counts");
    }
    List<BucketCount> buckets = new ArrayList<>(upperBoundsSeconds.size());
    long previous = 0;
    for (int i = 0; i < upperBoundsSeconds.size(); i++) {
      long cumulative = cumulativeCounts.get(i);
      if (cumulative < previous) {
        throw new IllegalArgumentException("cumulative count " + cumulative + " at le=" + upperBoundsSeconds.get(i)
            + " is below the previous bucket's " + previous);
      }
      buckets.add(new BucketCount(upperBoundsSeconds.get(i), cumulative - previous));
      previous = cumulative;
    }
    return List.copyOf(buckets);
  }

  /** Checks bounds ascend and counts add up to {@code count}; an empty list means "no buckets known". */
  static List<BucketCount> checked(List<BucketCount> buckets, long count) {
    List<BucketCount> copy = List.copyOf(buckets);
    long total = 0;
    for (int i = 0; i < copy.size(); i++) {
      if (i > 0 && copy.get(i).upperBoundSeconds() <= copy.get(i - 1).upperBoundSeconds()) {
        throw new IllegalArgumentException("bucket bounds must ascend, got " + copy.get(i - 1).upperBoundSeconds()
            + " then " + copy.get(i).upperBoundSeconds());
      }
      total += copy.get(i).count();
    }
    if (!copy.isEmpty() && total != count) {
      throw new IllegalArgumentException("bucket counts add up to " + total + " but count is " + count);
    }
    return copy;
  }
}
