package io.perfwatch.exporter.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.List;

/**
 * Puts pre-aggregated histogram buckets into a rollup's sketch, one representative value per bucket (see
 * {@link MetricsStore#recordAggregate(RequestAggregate)} for the resulting error).
 */
final class AggregateSketch {
  private AggregateSketch() {}

  static void add(DDSketch sketch, List<BucketCount> buckets, long count, long sumNanos, long maxNanos) {
    if (count == 0) {
      return;
    }
    if (buckets.isEmpty()) { // no layout known: every observation at the exact average
      sketch.accept(sumNanos / 1e6 / count, count);
      return;
    }
    double previousBoundMs = 0;
    for (BucketCount bucket : buckets) {
      double boundMs = bucket.upperBoundSeconds() * 1e3;
      if (bucket.count() > 0) {
        double value = Double.isInfinite(boundMs) ? Math.max(previousBoundMs, maxNanos / 1e6) : boundMs;
        sketch.accept(value, bucket.count());
      }
      previousBoundMs = boundMs;
    }
  }
}
