package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.WindowStats;
import java.util.Optional;

/** What the rule engine evaluates over: windowed statistics from the in-process store, scrapes or Prometheus. */
public interface StatsSource {
  /** Statistics of [fromMillis, toMillis] (epoch milliseconds). */
  WindowStats window(long fromMillis, long toMillis);

  /** The source's clock; rules evaluate the window ending now. */
  long nowMillis();

  /** One line for logs and the API, e.g. {@code scrape http://orders:8080/metrics}. */
  String describe();

  /**
   * Why recent windows may lack data (a scrape target that is down), so rules can tell "quiet" from "unknown";
   * empty while the source is fresh.
   */
  default Optional<String> staleness() {
    return Optional.empty();
  }
}
