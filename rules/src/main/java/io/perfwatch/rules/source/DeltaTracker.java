package io.perfwatch.rules.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns consecutive scrapes of one target into increments per counter series (counters and the {@code _count},
 * {@code _sum} and {@code _bucket} series of histograms and summaries). The first scrape only sets the baseline. A
 * value below the previous one means the process restarted, so the new value is the increment. A series first seen
 * after the baseline counts fully, since Micrometer creates a meter at its first recording. A failed scrape keeps
 * the baseline, so the next success covers the gap and no increment is lost or counted twice.
 */
final class DeltaTracker {
  private Map<SeriesKey, Double> previous = Map.of();
  private boolean baselined;

  /** Increments since the previous scrape, or empty for the first (baseline) scrape. */
  Optional<Map<SeriesKey, Double>> next(List<MetricFamily> scrape) {
    Map<SeriesKey, Double> current = new HashMap<>();
    for (MetricFamily family : scrape) {
      for (Sample sample : family.samples()) {
        if (isCumulative(family, sample) && Double.isFinite(sample.value()) && sample.value() >= 0) {
          current.put(SeriesKey.of(sample), sample.value());
        }
      }
    }
    Map<SeriesKey, Double> deltas = new HashMap<>();
    current.forEach((key, value) -> {
      Double before = previous.get(key);
      double delta = before == null || value < before ? value : value - before;
      if (delta > 0) {
        deltas.put(key, delta);
      }
    });
    boolean first = !baselined;
    previous = current;
    baselined = true;
    return first ? Optional.empty() : Optional.of(Map.copyOf(deltas));
  }

  private static boolean isCumulative(MetricFamily family, Sample sample) {
    String name = sample.name();
    return switch (family.type()) {
      case COUNTER -> !name.endsWith("_created");
      case HISTOGRAM -> name.endsWith("_bucket") || name.endsWith("_count") || name.endsWith("_sum");
      case SUMMARY -> (name.endsWith("_count") || name.endsWith("_sum")) && !sample.labels().containsKey("quantile");
      default -> false;
    };
  }
}
