package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.WindowStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Statistics of one scrape target, or of all of them merged. Data exists only up to each target's last successful
 * scrape: a window starting after it is empty rather than filled with guesses, and {@link #staleness()} says which
 * targets are down and since when.
 */
final class ScrapedSource implements StatsSource {
  private final MetricsStore store;
  private final List<ScrapeTarget> targets;
  private final LongSupplier clock;
  private final String description;

  ScrapedSource(MetricsStore store, List<ScrapeTarget> targets, LongSupplier clock, String description) {
    this.store = store;
    this.targets = List.copyOf(targets);
    this.clock = clock;
    this.description = description;
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    long latest = targets.stream().mapToLong(ScrapeTarget::lastSuccessMillis).max().orElse(-1);
    if (latest < 0 || fromMillis > latest) {
      if (toMillis <= fromMillis) {
        store.window(fromMillis, toMillis); // same argument checks as the store
      }
      return EmptyStats.of(fromMillis, toMillis);
    }
    return store.window(fromMillis, toMillis);
  }

  @Override
  public long nowMillis() {
    return clock.getAsLong();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Optional<String> staleness() {
    String down = targets.stream().map(ScrapeTarget::health).filter(h -> !h.up())
        .map(h -> h.target() + " is down (" + h.lastError().orElse("not scraped yet") + "; last success "
            + h.lastSuccess().map(Instant::toString).orElse("never") + ", " + h.consecutiveFailures()
            + " consecutive failures)")
        .collect(Collectors.joining("; "));
    return down.isEmpty() ? Optional.empty() : Optional.of(down);
  }
}
