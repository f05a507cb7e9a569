package io.perfwatch.exporter.internal.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits at most {@code cap} distinct values of one label; every later value becomes {@link #OTHER}, and each
 * recording of it is counted in {@code perfwatch_dropped_series_total{label}}. Admitted values are returned as one
 * canonical instance, so maps keyed by them hash a cached {@code String}. The first values win: the cap protects
 * memory and the scrape, it does not rank values.
 */
public final class LabelLimiter {
  public static final String OTHER = "OTHER";

  private final int cap;
  private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
  private final Counter dropped;

  public LabelLimiter(MeterRegistry registry, String label, int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap for label '" + label + "' must be at least 1, was " + cap);
    }
    this.cap = cap;
    this.dropped = Counter.builder("perfwatch.dropped.series")
        .description("Recordings whose label value was replaced by OTHER because the label reached its cap")
        .tag("label", label)
        .register(registry);
  }

  /**
   * The canonical instance of {@code value}, or {@link #OTHER} once {@code cap} other values were admitted; an
   * {@code OTHER} is counted as one dropped recording. For a caller that records once per call.
   */
  public String admit(String value) {
    String label = canonical(value);
    if (label == OTHER && !OTHER.equals(value)) {
      dropped.increment();
    }
    return label;
  }

  /**
   * As {@link #admit} without counting, for a caller that caches the answer and calls {@link #countDropped} for each
   * recording of an {@code OTHER} instead.
   */
  public String canonical(String value) {
    String known = admitted.get(value);
    if (known != null) {
      return known;
    }
    if (admitted.size() >= cap) {
      return OTHER;
    }
    synchronized (this) {
      known = admitted.get(value);
      if (known != null) {
        return known;
      }
      if (admitted.size() >= cap) {
        return OTHER;
      }
      admitted.put(value, value);
      return value;
    }
  }

  /** One recording whose value became {@link #OTHER}. */
  public void countDropped() {
    dropped.increment();
  }

  /** Distinct values admitted so far; never more than the cap. */
  public int size() {
    return admitted.size();
  }

  public int cap() {
    return cap;
  }
}
