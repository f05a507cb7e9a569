package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Aggregation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The statistics of a {@link Scraper}'s targets: all merged, per job or per target. A target whose last successful
 * scrape is older than {@code staleAfterMillis} (two scrape intervals) is stale, as Prometheus marks a series stale
 * at the next failed scrape: per instance its window is gone (its alerts resolve, {@code target-down} speaks for
 * it), per service a job counts while one of its targets is fresh.
 */
final class ScrapeFleet implements StatsSource {
  private final ScrapedSource merged;
  private final Map<String, MetricsStore> jobs;
  private final List<ScrapeTarget> targets;
  private final LongSupplier clock;
  private final long staleAfterMillis;

  ScrapeFleet(MetricsStore merged, Map<String, MetricsStore> jobs, List<ScrapeTarget> targets, LongSupplier clock,
      long staleAfterMillis, String description) {
    this.merged = new ScrapedSource(merged, targets, clock, description);
    this.jobs = Map.copyOf(jobs);
    this.targets = List.copyOf(targets);
    this.clock = clock;
    this.staleAfterMillis = staleAfterMillis;
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    return merged.window(fromMillis, toMillis);
  }

  @Override
  public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level) {
    long now = clock.getAsLong();
    Map<String, List<ScrapeTarget>> fresh = new HashMap<>();
    for (ScrapeTarget target : targets) {
      long last = target.lastSuccessMillis();
      if (last >= 0 && now - last <= staleAfterMillis) {
        fresh.computeIfAbsent(target.identity().job(), j -> new ArrayList<>()).add(target);
      }
    }
    Map<Identity, WindowStats> windows = new HashMap<>();
    fresh.forEach((job, mine) -> {
      if (level == Aggregation.INSTANCE) {
        mine.forEach(t -> windows.put(t.identity(),
            new ScrapedSource(t.store(), List.of(t), clock, "").window(fromMillis, toMillis)));
      } else {
        windows.put(new Identity(job, ""), new ScrapedSource(jobs.get(job), mine, clock, "")
            .window(fromMillis, toMillis));
      }
    });
    return windows;
  }

  @Override
  public boolean fleet() {
    return true;
  }

  @Override
  public List<TargetHealth> targets() {
    return targets.stream().map(ScrapeTarget::health).toList();
  }

  @Override
  public long nowMillis() {
    return clock.getAsLong();
  }

  @Override
  public String describe() {
    return merged.describe();
  }

  @Override
  public Optional<String> staleness() {
    return merged.staleness();
  }
}
