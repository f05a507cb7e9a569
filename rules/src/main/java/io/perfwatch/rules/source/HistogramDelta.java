package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.BucketCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The increments of one histogram's series grouped by some of its labels (others, like exception, summed). */
final class HistogramDelta {
  private double count;
  private double sumSeconds;
  private final TreeMap<Double, Double> cumulative = new TreeMap<>();

  /** Groups the {@code <base>_count}, {@code _sum} and {@code _bucket} increments by {@code labels}' values. */
  static Map<List<String>, HistogramDelta> group(Map<SeriesKey, Double> deltas, String base, List<String> labels) {
    Map<List<String>, HistogramDelta> groups = new HashMap<>();
    deltas.forEach((key, delta) -> {
      String suffix = key.name().startsWith(base) ? key.name().substring(base.length()) : "";
      if (!suffix.equals("_count") && !suffix.equals("_sum") && !suffix.equals("_bucket")) {
        return;
      }
      List<String> group = new ArrayList<>(labels.size());
      labels.forEach(label -> group.add(key.label(label)));
      HistogramDelta histogram = groups.computeIfAbsent(List.copyOf(group), g -> new HistogramDelta());
      switch (suffix) {
        case "_count" -> histogram.count += delta;
        case "_sum" -> histogram.sumSeconds += delta;
        default -> {
          Double le = bound(key.label("le"));
          if (le != null) {
            histogram.cumulative.merge(le, delta, Double::sum);
          }
        }
      }
    });
    return groups;
  }

  long count() {
    return Math.round(count);
  }

  double sum() {
    return sumSeconds;
  }

  long sumNanos() {
    return Math.round(sumSeconds * 1e9);
  }

  /**
   * Per-bucket counts adding up to exactly {@link #count()}. Micrometer reads count and buckets one after another, so
   * a scrape racing a request can be off by one between them; the counts win: cumulative counts are made
   * non-decreasing and capped at the count, and the {@code +Inf} bucket is the count.
   */
  List<BucketCount> buckets() {
    if (cumulative.isEmpty()) {
      return List.of();
    }
    List<Double> bounds = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long running = 0;
    long total = count();
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (!bucket.getKey().isInfinite()) {
        running = Math.min(total, Math.max(running, Math.round(bucket.getValue())));
        bounds.add(bucket.getKey());
        counts.add(running);
      }
    }
    bounds.add(Double.POSITIVE_INFINITY);
    counts.add(total);
    return BucketCount.fromCumulative(bounds, counts);
  }

  /** An upper estimate of the slowest observation: the gauge, but not above the highest non-empty bucket. */
  long maxNanos(double gaugeSeconds) {
    List<BucketCount> buckets = buckets();
    double cap = Double.POSITIVE_INFINITY;
    double lastFinite = 0;
    for (BucketCount bucket : buckets) {
      if (bucket.count() > 0) {
        cap = bucket.upperBoundSeconds();
      }
      lastFinite = Double.isFinite(bucket.upperBoundSeconds()) ? bucket.upperBoundSeconds() : lastFinite;
    }
    double max;
    if (Double.isFinite(gaugeSeconds) && gaugeSeconds >= 0) {
      max = Math.min(gaugeSeconds, cap);
    } else if (buckets.isEmpty()) {
      max = count() == 0 ? 0 : sumSeconds / count();
    } else {
      max = Double.isFinite(cap) ? cap : lastFinite;
    }
    return Math.round(max * 1e9);
  }

  private static @Nullable Double bound(String le) {
    try {
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      return bound >= 0 ? bound : null;
    } catch (NumberFormatException e) {
      return null; // not a bucket we can place; its count still reaches the +Inf bucket through _count
    }
  }
}
