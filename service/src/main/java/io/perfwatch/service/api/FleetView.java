package io.perfwatch.service.api;

import io.perfwatch.rules.source.SourceUnavailableException;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.source.WatchedSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the API adds over a fleet (scrape targets or Prometheus): the source's own state ({@code source}: up or down
 * since when), and which jobs and instances the answer covers with their targets' health ({@code fleet}). The
 * monitor's own host stays in {@code system_metrics}: fleet figures never mix with it.
 */
final class FleetView {
  private FleetView() {}

  /** The {@code source} block; present whenever the source is watched (always in the service). */
  static Map<String, Object> source(StatsSource source) {
    Map<String, Object> block = new LinkedHashMap<>();
    if (source instanceof WatchedSource watched) {
      WatchedSource.Status status = watched.status();
      block.put("kind", status.kind());
      block.put("up", status.up());
      block.put("down_since", status.downSince().orElse(null));
      block.put("last_error", status.lastError().orElse(null));
      block.put("outages", status.outages());
    }
    return block;
  }

  /** The {@code fleet} block: jobs, instances and targets up and down; empty lists while the source is down. */
  static Map<String, Object> fleet(StatsSource source) {
    List<TargetHealth> targets;
    try {
      targets = source.targets();
    } catch (SourceUnavailableException e) { // already in the source block
      targets = List.of();
    }
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("jobs", List.copyOf(new TreeSet<>(targets.stream().map(TargetHealth::job).toList())));
    block.put("instances", List.copyOf(new TreeSet<>(targets.stream().map(TargetHealth::instance).toList())));
    block.put("targets_up", targets.stream().filter(TargetHealth::up).count());
    block.put("targets_down", targets.stream().filter(t -> !t.up()).count());
    return block;
  }

  /** One target as {@code GET /targets} lists it. */
  static Map<String, Object> target(TargetHealth t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("job", t.job());
    body.put("instance", t.instance());
    body.put("target", t.target().isEmpty() ? null : t.target());
    body.put("up", t.up());
    body.put("last_success", t.lastSuccess().orElse(null));
    body.put("last_error", t.lastError().orElse(null));
    body.put("consecutive_failures", t.consecutiveFailures());
    body.put("scrape_duration_seconds", Double.isFinite(t.scrapeDurationSeconds()) ? t.scrapeDurationSeconds()
        : null);
    body.put("series", t.series());
    return body;
  }
}
