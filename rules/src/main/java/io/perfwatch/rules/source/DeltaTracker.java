package io.perfwatch.rules.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns consecutive successful scrapes of one target into increments per counter series (counters and the
 * {@code _count}, {@code _sum} and {@code _bucket} series of histograms and summaries), as Prometheus's
 * {@code increase()} reads them:
 *
 * <ul>
 *   <li>the first scrape only sets the baseline;
 *   <li>a value below the series' last one is a counter reset (the process restarted): it counts from 0, so the
 *       increment is the new value; so is a changed {@code _created} timestamp, where the target exports one;
 *   <li>a series missing from some scrapes (a partial exposition) and back with the same or a higher value adds
 *       only the difference to its last value: its last value is remembered while it is absent, for up to
 *       {@value #FORGET_AFTER_SCRAPES} scrapes (an hour at the default interval);
 *   <li>a series never seen before (or forgotten) adds its whole value, since Micrometer creates a meter at its first
 *       recording.
 * </ul>
 *
 * A failed scrape is not seen here at all, so the next success covers the gap and no increment is lost or counted
 * twice.
 */
final class DeltaTracker {
  static final int FORGET_AFTER_SCRAPES = 240;

  private final Map<SeriesKey, Last> last = new HashMap<>();
  private long scrapes;

  /** Increments since the previous scrape, or empty for the first (baseline) scrape. */
  Optional<Map<SeriesKey, Double>> next(List<MetricFamily> scrape) {
    boolean baseline = scrapes == 0;
    scrapes++;
    Map<SeriesKey, Double> deltas = new HashMap<>();
    for (MetricFamily family : scrape) {
      Map<Map<String, String>, Double> created = created(family);
      for (Sample sample : family.samples()) {
        if (!isCumulative(family, sample) || !Double.isFinite(sample.value()) || sample.value() < 0) {
          continue;
        }
        SeriesKey key = SeriesKey.of(sample);
        double value = sample.value();
        double born = created.getOrDefault(withoutBucketLabels(sample.labels()), Double.NaN);
        Last before = last.put(key, new Last(value, born, scrapes));
        double delta;
        if (before == null) {
          delta = value;
        } else if (value < before.value || !Double.isNaN(born) && !Double.isNaN(before.created)
            && born != before.created) {
          delta = value; // reset: counts from 0
        } else {
          delta = value - before.value;
        }
        if (delta > 0) {
          deltas.put(key, delta);
        }
      }
    }
    last.values().removeIf(l -> scrapes - l.seen > FORGET_AFTER_SCRAPES);
    return baseline ? Optional.empty() : Optional.of(Map.copyOf(deltas));
  }

  /** Series remembered: present now, or absent for fewer than {@value #FORGET_AFTER_SCRAPES} scrapes. */
  int remembered() {
    return last.size();
  }

  /** The family's {@code _created} timestamps by the labels of the series they date. */
  private static Map<Map<String, String>, Double> created(MetricFamily family) {
    Map<Map<String, String>, Double> created = new HashMap<>();
    for (Sample sample : family.samples()) {
      if (sample.name().endsWith("_created")) {
        created.put(withoutBucketLabels(sample.labels()), sample.value());
      }
    }
    return created;
  }

  private static Map<String, String> withoutBucketLabels(Map<String, String> labels) {
    if (!labels.containsKey("le") && !labels.containsKey("quantile")) {
      return labels;
    }
    Map<String, String> rest = new HashMap<>(labels);
    rest.remove("le");
    rest.remove("quantile");
    return rest;
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

  private record Last(double value, double created, long seen) {}
}
